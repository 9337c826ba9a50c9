export type {
  ChargeRefunded,
  Dispute,
  PaymentEvent,
  ReceivedEvent,
  WebhookCheck,
} from './events.ts';
export { GatewayError, isFinalRefusal, isGatewayError, type GatewayErrorKind } from './errors.ts';
export type {
  CardIntent,
  CardIntentStatus,
  GatewayRefund,
  GatewayRefundStatus,
  NewCardIntent,
  NewCustomer,
  NewGatewayRefund,
  PaymentFailure,
  PaymentGateway,
  PaymentGateways,
} from './gateway.ts';
