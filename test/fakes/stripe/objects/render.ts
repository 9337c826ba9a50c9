import type { AccountStore } from '../store.ts';
import type {
  FakeCharge,
  FakeChargeWithRefunds,
  FakeList,
  FakeRefund,
  StoredCharge,
} from '../types.ts';

export function toList<T>(data: T[], url: string, hasMore = false): FakeList<T> {
  return { object: 'list', data, has_more: hasMore, url };
}

/** Newest first, as `GET /v1/refunds?charge=…` lists them. */
export function refundsOfCharge(store: AccountStore, chargeId: string): FakeRefund[] {
  return [...store.refunds.values()].filter((refund) => refund.charge === chargeId).reverse();
}

/**
 * A charge as the pinned API version shows it: no `refunds` list (gone since 2022-11-15), so
 * neither API answers nor `charge.*` events carry one (D4.11).
 */
export function renderCharge(charge: StoredCharge): FakeCharge {
  return structuredClone(charge);
}

/** A charge retrieved with `expand[]=refunds`. */
export function renderChargeWithRefunds(
  store: AccountStore,
  charge: StoredCharge,
): FakeChargeWithRefunds {
  const refunds = refundsOfCharge(store, charge.id).map((refund) => structuredClone(refund));
  return {
    ...structuredClone(charge),
    refunds: toList(refunds, `/v1/charges/${charge.id}/refunds`),
  };
}
