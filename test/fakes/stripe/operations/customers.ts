import { recordEvent } from '../events/record.ts';
import { newId } from '../ids.ts';
import type { OperationContext } from '../store.ts';
import type { FakeCustomer, Metadata } from '../types.ts';

export interface CreateCustomerInput {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
}

export function createCustomer(ctx: OperationContext, input: CreateCustomerInput): FakeCustomer {
  const customer: FakeCustomer = {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: ctx.account.clock.nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    email: input.email,
    invoice_prefix: null,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
  };
  ctx.account.store.customers.set(customer.id, customer);
  recordEvent(ctx, 'customer.created', customer);
  return customer;
}
