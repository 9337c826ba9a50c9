export { addItemToCart, type AddItemInput } from './add-item.ts';
export { applyVoucher, removeVoucher } from './apply-voucher.ts';
export { loadCartLines, type CartLine } from './cart-lines.ts';
export { removeCartItem, setCartItemQuantity } from './change-item.ts';
export { cartErrors, stockViolationError } from './errors.ts';
export { assertCartOpen, findOpenCart, getOrCreateOpenCart } from './open-cart.ts';
export { loadStockFacts } from './stock-facts.ts';
export { viewCart, type CartProblem, type CartView } from './view-cart.ts';
export { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';
