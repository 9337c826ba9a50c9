import { invalidParam } from '../errors.ts';
import type { AccountStore } from '../store.ts';
import { renderCharge } from './render.ts';

/** The fields Lanyard may expand, and where their ids point. */
const EXPANDABLE = ['customer', 'latest_charge', 'payment_intent', 'charge', 'payment_method'];

function lookup(store: AccountStore, id: string): object | undefined {
  const prefix = id.slice(0, id.indexOf('_'));
  switch (prefix) {
    case 'cus':
      return store.customers.get(id);
    case 'pi':
      return store.paymentIntents.get(id);
    case 'pm':
      return store.paymentMethods.get(id);
    case 'ch': {
      const charge = store.charges.get(id);
      return charge && renderCharge(charge);
    }
    default:
      return undefined;
  }
}

/** Applies `expand[]` one level deep: an id field becomes the object it names. */
export function expandFields(store: AccountStore, object: object, expand: string[]): object {
  if (expand.length === 0) return object;
  const expanded: Record<string, unknown> = { ...object };
  for (const field of expand) {
    if (!EXPANDABLE.includes(field) || !(field in expanded)) {
      throw invalidParam(`This property cannot be expanded (${field}).`, 'expand');
    }
    const value = expanded[field];
    if (typeof value !== 'string') continue;
    const target = lookup(store, value);
    if (target) expanded[field] = structuredClone(target);
  }
  return expanded;
}
