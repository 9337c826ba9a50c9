import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/env.ts';
import { createSecretBox } from '../../src/config/secret-box.ts';
import type { DatabaseKind } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import type { PaymentGateways } from '../../src/integrations/payments/index.ts';
import {
  configuredStripeGateways,
  parseStripeEndpoint,
} from '../../src/integrations/stripe/index.ts';
import type { DbContext } from './db.ts';

export interface TestAppOptions {
  now?: () => Date;
  /** The Stripe stand-in's URL (test/fakes/stripe); conferences carry the account's keys. */
  stripeApiUrl?: string;
  /** Other Stripe accounts than the conferences' own keys, e.g. TEST MODE's stand-in. */
  stripe?: PaymentGateways;
  /** Receives the app's log lines (pino JSON) at `info` and above; unset = no logging. */
  logStream?: { write(line: string): void };
}

/** The secret box every test app uses, so tests can seal credentials the app can open. */
export const TEST_SECRET_BOX = createSecretBox(Buffer.alloc(32, 1));

/** The real app over the test database; requests go through `inject` (no sockets). */
export async function buildTestApp(
  ctx: DbContext,
  options: TestAppOptions = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const dbKind: DatabaseKind = ctx.kind;
  const endpoint = options.stripeApiUrl ? parseStripeEndpoint(options.stripeApiUrl) : null;
  const stripe: PaymentGateways =
    options.stripe ?? configuredStripeGateways(TEST_SECRET_BOX, endpoint);
  return buildApp(
    {
      db: ctx.db,
      dbKind,
      config,
      secretBox: TEST_SECRET_BOX,
      stripe,
      now: options.now ?? (() => new Date()),
    },
    options.logStream ? { logger: { level: 'info', stream: options.logStream } } : {},
  );
}

/** The session cookie from a sign-up or sign-in response, ready for the next request's headers. */
export function sessionCookieOf(response: {
  cookies: Array<{ name: string; value: string }>;
}): string {
  const cookie = response.cookies.find((c) => c.name === 'lanyard_session');
  if (!cookie) throw new Error('no session cookie in response');
  return `lanyard_session=${cookie.value}`;
}
