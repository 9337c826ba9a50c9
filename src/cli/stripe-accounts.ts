import type { PaymentGateways } from '../integrations/payments/index.ts';
import {
  configuredStripeGateways,
  parseStripeEndpoint,
  testModeStripeGateways,
  type StripeStandIn,
} from '../integrations/stripe/index.ts';
import type { Runtime } from './runtime.ts';
import { startTestModeStandIn } from './test-mode-stand-in.ts';

export interface StripeSetup {
  accounts: PaymentGateways;
  /** Present in TEST MODE only. */
  standIn?: StripeStandIn;
  close(): Promise<void>;
}

/**
 * Each conference's own Stripe keys; in TEST MODE (the default outside production) conferences
 * without keys use the in-process stand-in, loaded from test/fakes only when needed and kept
 * under the data directory across restarts.
 */
export async function setUpStripe(runtime: Runtime, selfUrl: () => string): Promise<StripeSetup> {
  const { config, secretBox } = runtime;
  const endpoint = config.STRIPE_API_URL ? parseStripeEndpoint(config.STRIPE_API_URL) : null;
  const configured = configuredStripeGateways(secretBox, endpoint);
  if (!config.STRIPE_TEST_MODE) return { accounts: configured, close: async () => undefined };
  const { standIn, close } = await startTestModeStandIn(config.DATA_DIR);
  return {
    accounts: testModeStripeGateways(configured, standIn, selfUrl),
    standIn,
    close,
  };
}

export function configuredAccountsOf(runtime: Runtime): PaymentGateways {
  const url = runtime.config.STRIPE_API_URL;
  return configuredStripeGateways(runtime.secretBox, url ? parseStripeEndpoint(url) : null);
}
