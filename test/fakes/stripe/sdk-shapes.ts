import type Stripe from 'stripe';

/**
 * The SDK types the stand-in's objects are held to (D4.11). `test/unit/fake-stripe-shapes.test.ts`
 * reads these aliases with the TypeScript compiler to learn each object's required and known keys
 * for the API version the SDK pins.
 */
export type SdkCustomer = Stripe.Customer;
export type SdkPaymentIntent = Stripe.PaymentIntent;
export type SdkLastPaymentError = Stripe.PaymentIntent.LastPaymentError;
export type SdkCharge = Stripe.Charge;
export type SdkRefund = Stripe.Refund;
export type SdkEvent = Stripe.EventBase;
