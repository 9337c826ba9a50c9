export { loadPricingInputs, pricingInputsRead, type PricingInputs } from './load-pricing-inputs.ts';
export { findVoucherByCode, loadPricingVoucher } from './load-voucher.ts';
export { toPricingLines, type PriceableLine } from './price-cart-lines.ts';
