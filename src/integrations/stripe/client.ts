import Stripe from 'stripe';

export type StripeClient = Stripe;

/** Where the SDK sends requests: Stripe itself, or a stand-in speaking its wire format. */
export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** `STRIPE_API_URL` (tests, test mode) → the SDK's host/port/protocol settings. */
export function parseStripeEndpoint(url: string): StripeEndpoint {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  const port = parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443;
  return { host: parsed.hostname, port, protocol };
}

/**
 * D4.11: the one API version Lanyard speaks, the SDK's own. Named here so the pin is visible and
 * the Stripe stand-in is tested against it.
 */
export const STRIPE_API_VERSION = Stripe.API_VERSION;

/**
 * The official SDK, one client per account. Network retries reuse the idempotency key every call
 * carries (D4.2), so a retried create never makes a second object.
 */
export function createStripeClient(secretKey: string, endpoint: StripeEndpoint | null): Stripe {
  return new Stripe(secretKey, {
    ...(endpoint ?? {}),
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'Lanyard' },
  });
}

/** The id of an expandable Stripe field, whether it came as an id or as the expanded object. */
export function stripeIdOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
