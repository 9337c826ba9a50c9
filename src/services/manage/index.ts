export * from './catalog/index.ts';
export * from './discounts/index.ts';
export { manageErrors } from './errors.ts';
export * from './vouchers/index.ts';
