/**
 * A local, stateful stand-in for the parts of the Stripe API Lanyard uses, speaking Stripe's wire
 * format so the unmodified `stripe` SDK can be pointed at it:
 *
 *   const fake = await startFakeStripe();
 *   const account = fake.createAccount();
 *   const stripe = new Stripe(account.secretKey, { ...stripeClientOptions(fake), maxNetworkRetries: 0 });
 */
export { startFakeStripe, stripeClientOptions } from './server.ts';
export type { RunningFakeStripe, StartFakeStripeOptions } from './server.ts';
export { createFakeStripe } from './fake-stripe.ts';
export type { FakeStripe, FakeStripeOptions } from './fake-stripe.ts';
export type { AccountSnapshot, FakeStripeSnapshot } from './snapshot.ts';
export type { CreateAccountOptions, FakeStripeAccount } from './account.ts';
export type {
  FailureOptions,
  OutsideActions,
  StoreReads,
  WebhookControls,
} from './account-handle.ts';
export type { FakeHttpRequest, FakeHttpResponse } from './dispatch.ts';
export type { NodeRequestHandler } from './http-handler.ts';
export type {
  DeliverOptions,
  DeliveryAttempt,
  EndpointOptions,
  EventOrder,
  PendingRetry,
  RedeliverOptions,
  RetryPolicy,
  RetryTiming,
  WebhookEndpoint,
} from './webhooks/delivery.ts';
export { computeSignature, signPayload } from './webhooks/signature.ts';
export type { SignatureMode } from './webhooks/signature.ts';
export { TEST_CARDS } from './test-cards.ts';
export type {
  FakeCharge,
  FakeCustomer,
  FakeDispute,
  FakeEvent,
  FakeEventType,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
} from './types.ts';
