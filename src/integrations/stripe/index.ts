export { configuredStripeGateways, credentialsOf, type StripeCredentials } from './accounts.ts';
export {
  createStripeClient,
  parseStripeEndpoint,
  STRIPE_API_VERSION,
  type StripeClient,
  type StripeEndpoint,
} from './client.ts';
export {
  testModeStripeGateways,
  type StandInRequest,
  type StandInResponse,
  type StripeStandIn,
} from './test-mode.ts';
