import { ZERO, sub, sum, times, type Money } from '../money.ts';
import { applyConditions, type ConditionApplication } from './apply-conditions.ts';
import { VOUCHER_LINE_REASON, applyVoucher } from './apply-voucher.ts';
import type {
  PriceBreakdown,
  PricedLine,
  PricingInput,
  PricingLine,
  PricingVoucher,
  TraceStep,
} from './types.ts';
import { assertPricingInput } from './validate-input.ts';

function traceFor(
  application: ConditionApplication | null,
  voucher: PricingVoucher | null,
  voucherDiscount: Money,
): TraceStep[] {
  const trace: TraceStep[] = [];
  if (application !== null) {
    trace.push({
      kind: 'condition',
      ruleId: application.condition.id,
      ruleName: application.condition.name,
      amountOff: application.amount,
      reasonCode: application.reasonCode,
    });
  }
  if (voucher !== null && voucherDiscount > 0) {
    trace.push({
      kind: 'voucher',
      ruleId: voucher.id,
      ruleName: voucher.code,
      amountOff: voucherDiscount,
      reasonCode: VOUCHER_LINE_REASON[voucher.kind],
    });
  }
  return trace;
}

function pricedLine(
  line: PricingLine,
  application: ConditionApplication | null,
  voucher: PricingVoucher | null,
  voucherDiscount: Money,
): PricedLine {
  const subtotal = times(line.unitPrice, line.quantity);
  const conditionDiscount = application?.amount ?? ZERO;
  return {
    lineId: line.lineId,
    kind: line.kind,
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    subtotal,
    conditionDiscount,
    conditionId: application?.condition.id ?? null,
    conditionName: application?.condition.name ?? null,
    conditionUnits: application?.units ?? 0,
    voucherDiscount,
    total: sub(sub(subtotal, conditionDiscount), voucherDiscount),
    trace: traceFor(application, voucher, voucherDiscount),
  };
}

/**
 * The one price of a cart (D3.1): conditions first, one per line, then the voucher on what is
 * left (D3.3). Pure: same input, same breakdown; `now` is the caller's single clock read.
 * Every line carries its own trace (D3.2) and the lines add up to the totals exactly (D3.8).
 */
export function priceCart(input: PricingInput): PriceBreakdown {
  assertPricingInput(input);
  const { lines, voucher, now } = input;
  const conditionPass = applyConditions(lines, input.conditions, input.buyer, now);
  const postAmounts = lines.map((line, i) =>
    sub(times(line.unitPrice, line.quantity), conditionPass.applied[i]?.amount ?? ZERO),
  );
  const voucherPass = applyVoucher(voucher, lines, postAmounts, now);
  const priced = lines.map((line, i) =>
    pricedLine(line, conditionPass.applied[i] ?? null, voucher, voucherPass.discounts[i] ?? ZERO),
  );
  const conditionDiscount = sum(priced.map((l) => l.conditionDiscount));
  const voucherDiscount = sum(priced.map((l) => l.voucherDiscount));
  return {
    lines: priced,
    subtotal: sum(priced.map((l) => l.subtotal)),
    conditionDiscount,
    voucherDiscount,
    discount: sum([conditionDiscount, voucherDiscount]),
    total: sum(priced.map((l) => l.total)),
    voucher: voucherPass.outcome,
    conditionUsage: conditionPass.usage,
  };
}
