// Every table must be exported from here: drizzle-kit generates migrations from this module only.
export * from './conferences.ts';
export * from './access.ts';
export * from './program.ts';
export * from './catalog.ts';
export * from './vouchers.ts';
export * from './discounts.ts';
export * from './carts.ts';
export * from './orders.ts';
export * from './payments.ts';
export * from './credits.ts';
export * from './attendees.ts';
export * from './onsite.ts';
export * from './documents.ts';
export * from './purchase-orders.ts';
export * from './bulk.ts';
export * from './outbox.ts';
export * from './audit.ts';
