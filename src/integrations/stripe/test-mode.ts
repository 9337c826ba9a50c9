import type { Conference } from '../../db/schema/index.ts';
import type { PaymentGateway, PaymentGateways } from '../payments/index.ts';
import { createStripeClient, type StripeEndpoint } from './client.ts';
import { stripeGateway } from './stripe-gateway.ts';

/** A request to the stand-in, with its body already read (the HTTP layer forwards it). */
export interface StandInRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface StandInResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The parts of the in-process Stripe stand-in TEST MODE needs (test/fakes/stripe provides it). */
export interface StripeStandIn {
  /** Where the SDK reaches it. */
  endpoint: StripeEndpoint;
  /** The conference's account, the same one across restarts; its webhooks go to `webhookUrl`. */
  accountFor(options: { conferenceId: string; webhookUrl: string }): {
    secretKey: string;
    publishableKey: string;
    webhookSecret: string;
  };
  dispatch(request: StandInRequest): StandInResponse;
}

/**
 * TEST MODE: a conference with its own keys uses them; one without gets an account at the
 * in-process stand-in, whose webhooks come back to this server, so a test card payment runs
 * exactly the production path (PaymentIntent, signed webhook, paid transition, email).
 */
export function testModeStripeGateways(
  configured: PaymentGateways,
  standIn: StripeStandIn,
  selfUrl: () => string,
): PaymentGateways {
  const gateways = new Map<string, PaymentGateway>();
  return {
    async forConference(conference: Conference) {
      const own = await configured.forConference(conference);
      if (own) return own;
      let gateway = gateways.get(conference.id);
      if (!gateway) {
        const keys = standIn.accountFor({
          conferenceId: conference.id,
          webhookUrl: `${selfUrl()}/webhooks/stripe/${conference.slug}`,
        });
        gateway = stripeGateway(createStripeClient(keys.secretKey, standIn.endpoint), {
          publishableKey: keys.publishableKey,
          webhookSecret: keys.webhookSecret,
          testMode: true,
        });
        gateways.set(conference.id, gateway);
      }
      return gateway;
    },
    readEvent: (payload) => configured.readEvent(payload),
  };
}
