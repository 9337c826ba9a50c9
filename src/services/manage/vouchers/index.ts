export { RANDOM_PART_LENGTH } from './codes.ts';
export { createVoucher } from './create-voucher.ts';
export { deleteVoucher } from './delete-voucher.ts';
export { exportVouchersCsv, VOUCHER_CSV_COLUMNS } from './export-vouchers-csv.ts';
export {
  generateVouchers,
  MAX_BULK_VOUCHERS,
  MAX_CODE_PREFIX_LENGTH,
  type BulkVoucherInput,
} from './generate-vouchers.ts';
export {
  getManagedVoucher,
  listManagedVouchers,
  type ManagedVoucher,
  type VoucherFilters,
} from './list-vouchers.ts';
export { updateVoucher } from './update-voucher.ts';
export type { VoucherInput, VoucherPatch, VoucherSettings } from './voucher-fields.ts';
