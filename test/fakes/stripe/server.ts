import { createServer } from 'node:http';
import { createFakeStripe, type FakeStripe, type FakeStripeOptions } from './fake-stripe.ts';

export interface StartFakeStripeOptions extends FakeStripeOptions {
  port?: number;
  host?: string;
}

export interface RunningFakeStripe extends FakeStripe {
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  stop(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 unless told otherwise. */
export async function startFakeStripe(
  options: StartFakeStripeOptions = {},
): Promise<RunningFakeStripe> {
  const fake = createFakeStripe(options);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(fake.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('Fake Stripe is not listening on a TCP port');
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    ...fake,
    url: `http://${urlHost}:${address.port}`,
    host,
    port: address.port,
    protocol: 'http',
    stop: async () => {
      fake.close();
      // The SDK keeps connections alive; close them or `close` waits for their idle timeout.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** The `host`, `port` and `protocol` to hand to `new Stripe(key, { ... })`. */
export function stripeClientOptions(fake: { host: string; port: number }): {
  host: string;
  port: number;
  protocol: 'http';
} {
  return { host: fake.host, port: fake.port, protocol: 'http' };
}
