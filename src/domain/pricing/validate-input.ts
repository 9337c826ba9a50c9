import type { PricingCondition, PricingInput, PricingLine, PricingVoucher } from './types.ts';

// Values are validated on write (D3.5); a violation here is corrupt data or a caller bug, and
// pricing it anyway could produce a negative total, so the engine refuses loudly instead.

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

function assertOptionalCount(value: number | null, what: string): void {
  if (value !== null) assertCount(value, what);
}

function assertDate(value: Date, what: string): void {
  if (Number.isNaN(value.getTime())) throw new RangeError(`${what} is not a valid date`);
}

function assertUniqueIds(ids: readonly string[], what: string): void {
  // Duplicate ids would make the D3.3 order, and so the result, depend on input order.
  if (new Set(ids).size !== ids.length) throw new RangeError(`Duplicate ${what} id`);
}

function assertLine(line: PricingLine): void {
  assertCount(line.unitPrice, `Line ${line.lineId} unit price`);
  assertCount(line.quantity, `Line ${line.lineId} quantity`);
}

function assertCondition(c: PricingCondition): void {
  const what = `Condition ${c.id}`;
  if (!Number.isSafeInteger(c.priority))
    throw new RangeError(`${what} priority must be an integer`);
  assertDate(c.createdAt, `${what} createdAt`);
  assertOptionalCount(c.percentOffBp, `${what} percentOffBp`);
  assertOptionalCount(c.amountOff, `${what} amountOff`);
  assertCount(c.maxQuantity, `${what} maxQuantity`);
  assertCount(c.usageLimit, `${what} usageLimit`);
  assertCount(c.unitsUsed, `${what} unitsUsed`);
}

function assertVoucher(v: PricingVoucher): void {
  const what = `Voucher ${v.id}`;
  assertOptionalCount(v.percentOffBp, `${what} percentOffBp`);
  assertOptionalCount(v.amountOff, `${what} amountOff`);
  assertCount(v.maxUses, `${what} maxUses`);
  assertCount(v.usesCount, `${what} usesCount`);
}

export function assertPricingInput(input: PricingInput): void {
  assertDate(input.now, 'now');
  assertUniqueIds(
    input.lines.map((l) => l.lineId),
    'line',
  );
  assertUniqueIds(
    input.conditions.map((c) => c.id),
    'condition',
  );
  input.lines.forEach(assertLine);
  input.conditions.forEach(assertCondition);
  if (input.voucher !== null) assertVoucher(input.voucher);
}
