export { accessQrContent } from './access-qr.ts';
export { emailErrors } from './errors.ts';
export { escapeHtml, html, SafeHtml } from './html.ts';
export type { OrderConfirmationView, OrderEmailHeader, RefundNoticeView } from './queries.ts';
export { composeOrderConfirmation, renderOrderConfirmation } from './render-order-confirmation.ts';
export { composePaymentFailed, renderPaymentFailed } from './render-payment-failed.ts';
export { composeRefundNotice, renderRefundNotice } from './render-refund-notice.ts';
export type { EmailLinks, RenderedEmail } from './types.ts';
