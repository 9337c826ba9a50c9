export { createDiscount } from './create-discount.ts';
export { deleteDiscount } from './delete-discount.ts';
export type { DiscountInput, DiscountPatch } from './discount-fields.ts';
export {
  getManagedDiscount,
  listManagedDiscounts,
  type ManagedDiscount,
} from './list-discounts.ts';
export { updateDiscount } from './update-discount.ts';
