/**
 * What the JSON API answers, as the storefront reads it (see /api/docs for the source of truth).
 * Amounts are integers in minor units of `currency`; times are ISO-8601 strings.
 */

export type SaleState =
  'on_sale' | 'sold_out' | 'not_yet_on_sale' | 'sales_ended' | 'inactive' | 'conference_closed';

export interface Conference {
  id: string;
  slug: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  timezone: string;
  currency: string;
  venue: string;
  address: string;
  websiteUrl: string;
  isActive: boolean;
  totalCapacity: number | null;
}

interface Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: string | null;
  availableUntil: string | null;
  totalQuantity: number | null;
  remaining: number | null;
  saleState: SaleState;
  isAvailable: boolean;
}

export interface TicketType extends Product {
  limitPerUser: number;
  requiresVoucher: boolean;
}

export interface Addon extends Product {
  requiresTicketTypeIds: string[];
}

export interface Question {
  key: string;
  label: string;
  kind: 'text' | 'select' | 'boolean';
  options: string[];
  required: boolean;
}

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isStaff: boolean;
  isSuperuser: boolean;
}

export interface Me {
  user: User;
}

export type ProductKind = 'ticket' | 'addon';

export interface TraceStep {
  kind: 'condition' | 'voucher';
  ruleId: string;
  ruleName: string;
  amountOff: number;
  reasonCode: string;
}

export interface CartLine {
  itemId: string;
  kind: ProductKind;
  productId: string;
  slug: string;
  name: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
  conditionDiscount: number;
  conditionName: string | null;
  voucherDiscount: number;
  total: number;
  trace: TraceStep[];
}

export interface CartVoucher {
  code: string;
  status: 'applied' | 'not_applicable' | 'invalid';
  reasonCode: string | null;
  discount: number;
}

export interface CartProblem {
  itemId: string;
  code: string;
  message: string;
}

export interface Cart {
  id: string;
  status: string;
  expiresAt: string | null;
  currency: string;
  voucher: CartVoucher | null;
  lines: CartLine[];
  subtotal: number;
  conditionDiscount: number;
  voucherDiscount: number;
  discount: number;
  total: number;
  problems: CartProblem[];
}

export type OrderStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';

export interface OrderSummary {
  id: string;
  reference: string;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  discountAmount: number;
  total: number;
  voucherCode: string;
  holdExpiresAt: string | null;
  createdAt: string;
  paidAt: string | null;
}

export interface OrderLine {
  id: string;
  kind: ProductKind;
  description: string;
  quantity: number;
  unitPrice: number;
  conditionDiscount: number;
  conditionName: string;
  voucherDiscount: number;
  lineTotal: number;
  cancelledQuantity: number;
}

export interface OrderPayment {
  id: string;
  method: string;
  status: string;
  amount: number;
  createdAt: string;
}

export interface OrderRefund {
  id: string;
  amount: number;
  destination: 'card' | 'credit';
  status: 'pending' | 'succeeded' | 'failed';
  reason: string;
  createdAt: string;
}

export interface OrderDetail extends OrderSummary {
  billingName: string;
  billingEmail: string;
  billingCompany: string;
  accessCode: string | null;
  /** Pending with no payment received: the buyer may cancel it (the server decides). */
  cancellable: boolean;
  lines: OrderLine[];
  payments: OrderPayment[];
  refunds: OrderRefund[];
}

export interface CheckoutRequest {
  billingName: string;
  billingEmail: string;
  billingCompany: string;
  expectedTotal: number;
  useCredit: boolean;
  answers: Record<string, string | boolean>;
}

export interface CardPayment {
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  amount: number;
  currency: string;
  testMode: boolean;
}

export type CardPaymentState =
  'succeeded' | 'processing' | 'requires_action' | 'failed' | 'cancelled';

export interface CardPaymentResult {
  state: CardPaymentState;
  message: string;
}

export interface Credit {
  id: string;
  amount: number;
  remaining: number;
  expiresAt: string | null;
}

export interface Health {
  status: string;
  database: string;
  testMode: boolean;
}
