import type { AccountStore } from '../store.ts';
import type { FakeCharge, FakeList, FakeRefund, StoredCharge } from '../types.ts';

export function toList<T>(data: T[], url: string, hasMore = false): FakeList<T> {
  return { object: 'list', data, has_more: hasMore, url };
}

export function refundsOfCharge(store: AccountStore, chargeId: string): FakeRefund[] {
  return [...store.refunds.values()].filter((refund) => refund.charge === chargeId).reverse();
}

/** A charge as the API shows it: with its refunds, newest first. */
export function renderCharge(store: AccountStore, charge: StoredCharge): FakeCharge {
  const refunds = refundsOfCharge(store, charge.id).map((refund) => structuredClone(refund));
  return {
    ...structuredClone(charge),
    refunds: toList(refunds, `/v1/charges/${charge.id}/refunds`),
  };
}
