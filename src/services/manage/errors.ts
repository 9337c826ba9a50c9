import { defineErrors } from '../../domain/errors.ts';

/** Codes of the organiser (staff) management use cases: catalog, vouchers, discounts. */
export const manageErrors = defineErrors({
  TICKET_TYPE_NOT_FOUND: { status: 404, message: 'This ticket type does not exist.' },
  ADDON_NOT_FOUND: { status: 404, message: 'This add-on does not exist.' },
  VOUCHER_NOT_FOUND: { status: 404, message: 'This voucher does not exist.' },
  DISCOUNT_NOT_FOUND: { status: 404, message: 'This discount does not exist.' },
  SLUG_TAKEN: {
    status: 409,
    message: 'Another product of this conference already uses this slug. Choose a different one.',
  },
  VOUCHER_CODE_TAKEN: {
    status: 409,
    message: 'Another voucher of this conference already uses this code. Choose a different one.',
  },
  VOUCHER_CODES_EXHAUSTED: {
    status: 409,
    message: 'Could not generate enough unique codes. Try a different prefix.',
  },
  UNKNOWN_REFERENCE: {
    status: 422,
    message: 'Some of the referenced items do not exist in this conference.',
  },
  FIELD_NOT_ALLOWED: {
    status: 400,
    message: 'Some fields do not apply to this kind of voucher or discount.',
  },
  DISCOUNT_KIND_LOCKED: {
    status: 400,
    message: "A discount's kind cannot be changed. Create a new discount of the other kind.",
  },
  PRODUCT_STILL_SCOPED: {
    status: 409,
    message: 'Deleting this product would widen vouchers, discounts or add-ons that list only it.',
  },
});
