import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import type { PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import type { StockFacts } from '../../domain/stock-rules.ts';
import type { CartLine } from '../cart/index.ts';
import { voucherGateOf } from '../cart/index.ts';
import { countConditionUnits, countSoldFor, countVoucherUses } from '../inventory/index.ts';
import { countHeldByBuyer } from '../cart/stock-facts.ts';

export interface Recount {
  facts: StockFacts;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
}

/** Counts taken after the locks: stock, venue, the buyer's holdings, voucher uses, condition units. */
export async function recountUnderLock(
  tx: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly CartLine[],
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
): Promise<Recount> {
  const ticketTypeIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
  const addonIds = lines.filter((l) => l.kind === 'addon').map((l) => l.product.id);
  const sold = await countSoldFor(
    tx,
    conference.id,
    { ticketTypeIds, addonIds, venue: conference.totalCapacity > 0 && ticketTypeIds.length > 0 },
    now,
  );
  const held = await countHeldByBuyer(tx, buyerId, conference.id, ticketTypeIds, now);
  const uses = voucher ? await countVoucherUses(tx, [voucher.id], now) : new Map<string, number>();
  const limited = conditions.filter((c) => c.usageLimit > 0).map((c) => c.id);
  const units = await countConditionUnits(tx, limited, now);
  const freshVoucher = voucher ? { ...voucher, usesCount: uses.get(voucher.id) ?? 0 } : null;
  return {
    voucher: freshVoucher,
    conditions: conditions.map((c) =>
      c.usageLimit > 0 ? { ...c, unitsUsed: units.get(c.id) ?? 0 } : c,
    ),
    facts: {
      conference,
      soldByTicketType: sold.byTicketType,
      soldByAddon: sold.byAddon,
      soldTicketUnits: sold.ticketUnits,
      heldByBuyer: held,
      voucher: voucherGateOf(freshVoucher, now),
      now,
    },
  };
}
