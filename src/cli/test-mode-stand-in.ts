import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StripeStandIn } from '../integrations/stripe/index.ts';
import type { FakeStripeSnapshot } from '../../test/fakes/stripe/index.ts';

/** What TEST MODE keeps in its data directory: which stand-in account serves which conference, and the accounts. */
interface SavedStandIn {
  version: 1;
  conferences: Record<string, string>;
  stripe: FakeStripeSnapshot;
}

export const STAND_IN_FILE = 'test-mode-stripe.json';

function readSaved(file: string): SavedStandIn | null {
  if (!existsSync(file)) return null;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedStandIn;
    if (saved.version === 1) return saved;
  } catch {
    // Unreadable (e.g. written by a crashed older version): kept aside below, not lost.
  }
  const aside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, aside);
  console.warn(`TEST MODE: could not read ${file}; moved it to ${aside} and started afresh.`);
  return null;
}

/** Written whole to a temporary file, then renamed over the old one: a crash leaves one or the other. */
function writeSaved(file: string, saved: SavedStandIn): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(saved));
  renameSync(temporary, file);
}

/**
 * TEST MODE's Stripe stand-in (D4.11): its accounts, payments and refunds are saved under the data
 * directory after every change and restored on start, so an order paid before a restart can still
 * be refunded to its card after it. Each conference keeps its account (and keys) across restarts.
 */
export async function startTestModeStandIn(
  dataDir: string,
): Promise<{ standIn: StripeStandIn; idle(): Promise<void>; close(): Promise<void> }> {
  const { startFakeStripe } = await import('../../test/fakes/stripe/index.ts');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, STAND_IN_FILE);
  const saved = readSaved(file);
  const conferences = new Map(Object.entries(saved?.conferences ?? {}));
  let save = (): void => undefined;
  const fake = await startFakeStripe({ onChange: () => save() });
  if (saved) fake.restore(saved.stripe);
  save = () =>
    writeSaved(file, {
      version: 1,
      conferences: Object.fromEntries(conferences),
      stripe: fake.snapshot(),
    });
  const standIn: StripeStandIn = {
    endpoint: { host: fake.host, port: fake.port, protocol: fake.protocol },
    accountFor({ conferenceId, webhookUrl }) {
      const known = conferences.get(conferenceId);
      let account = known ? fake.account(known) : undefined;
      if (!account) {
        account = fake.createAccount();
        conferences.set(conferenceId, account.id);
      }
      // This process may listen elsewhere than the last one: webhooks go where it is now.
      for (const endpoint of account.webhookEndpoints()) account.removeWebhookEndpoint(endpoint.id);
      account.addWebhookEndpoint(webhookUrl);
      save();
      const { secretKey, publishableKey, webhookSecret } = account;
      return { secretKey, publishableKey, webhookSecret };
    },
    dispatch: (request) => fake.dispatch(request),
  };
  return { standIn, idle: () => fake.idle(), close: () => fake.stop() };
}
