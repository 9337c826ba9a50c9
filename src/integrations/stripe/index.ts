export {
  configuredStripeAccounts,
  credentialsOf,
  type StripeAccount,
  type StripeAccounts,
  type StripeCredentials,
} from './accounts.ts';
export { listChargeRefunds } from './charge-refunds.ts';
export {
  createStripeClient,
  obfuscateKey,
  parseStripeEndpoint,
  STRIPE_API_VERSION,
  stripeIdOf,
  type StripeClient,
  type StripeEndpoint,
} from './client.ts';
export {
  testModeStripeAccounts,
  type StandInRequest,
  type StandInResponse,
  type StripeStandIn,
} from './test-mode.ts';
