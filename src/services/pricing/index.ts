export { loadBuyerFacts } from './load-buyer-facts.ts';
export { loadActiveConditions } from './load-conditions.ts';
export { findVoucherByCode, loadPricingVoucher } from './load-voucher.ts';
export { priceCartLines, toPricingLines, type PriceableLine } from './price-cart-lines.ts';
