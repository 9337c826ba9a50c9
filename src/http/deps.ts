import type { Config } from '../config/env.ts';
import type { SecretBox } from '../config/secret-box.ts';
import type { Database, DatabaseKind } from '../services/common/database.ts';
import type { PaymentGateways } from '../integrations/payments/index.ts';
import type { StripeStandIn } from '../integrations/stripe/index.ts';
import type { ConsumptionKernel } from '../services/inventory/index.ts';

/** Everything route handlers may reach; built once by the CLI (or a test) and passed to buildApp. */
export interface AppDeps {
  db: Database;
  dbKind: DatabaseKind;
  config: Config;
  secretBox: SecretBox;
  /** Each conference's card payment gateway: its Stripe account (or the TEST MODE stand-in). */
  stripe: PaymentGateways;
  /** TEST MODE: the in-process Stripe stand-in, served under /test-stripe for the browser. */
  stripeStandIn?: StripeStandIn | undefined;
  /** The clock, read once per request by use cases; tests may pin it. */
  now: () => Date;
  /** The consumption kernel of `db` (services/inventory): one per database handle and process. */
  kernel: ConsumptionKernel;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
