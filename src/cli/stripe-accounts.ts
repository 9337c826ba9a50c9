import {
  configuredStripeAccounts,
  parseStripeEndpoint,
  testModeStripeAccounts,
  type StripeAccounts,
  type StripeStandIn,
} from '../integrations/stripe/index.ts';
import type { Runtime } from './runtime.ts';

export interface StripeSetup {
  accounts: StripeAccounts;
  /** Present in TEST MODE only. */
  standIn?: StripeStandIn;
  close(): Promise<void>;
}

/**
 * Each conference's own Stripe keys; in TEST MODE (the default outside production) conferences
 * without keys use the in-process stand-in, loaded from test/fakes only when needed.
 */
export async function setUpStripe(runtime: Runtime, selfUrl: () => string): Promise<StripeSetup> {
  const { config, secretBox } = runtime;
  const endpoint = config.STRIPE_API_URL ? parseStripeEndpoint(config.STRIPE_API_URL) : null;
  const configured = configuredStripeAccounts(secretBox, endpoint);
  if (!config.STRIPE_TEST_MODE) return { accounts: configured, close: async () => undefined };
  const { startFakeStripe } = await import('../../test/fakes/stripe/index.ts');
  const fake = await startFakeStripe();
  const standIn: StripeStandIn = {
    endpoint: { host: fake.host, port: fake.port, protocol: fake.protocol },
    createAccount: (options) => fake.createAccount(options),
    dispatch: (request) => fake.dispatch(request),
  };
  return {
    accounts: testModeStripeAccounts(configured, standIn, selfUrl),
    standIn,
    close: () => fake.stop(),
  };
}

export function configuredAccountsOf(runtime: Runtime): StripeAccounts {
  const url = runtime.config.STRIPE_API_URL;
  return configuredStripeAccounts(runtime.secretBox, url ? parseStripeEndpoint(url) : null);
}
