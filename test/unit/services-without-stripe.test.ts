import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lineOf, readSource, tsFilesUnder } from '../support/source-scan.ts';

// Issue 15.4: services see the payment gateway (src/integrations/payments) and Lanyard's own
// event union, never the Stripe SDK: no import of `stripe`, no `Stripe.` type, no import of the
// SDK's home (src/integrations/stripe), no raw client.

const SERVICES = fileURLToPath(new URL('../../src/services', import.meta.url));

const FORBIDDEN: Array<[string, RegExp]> = [
  ['imports the stripe SDK', /from\s+['"]stripe['"]|import\(\s*['"]stripe['"]\s*\)/g],
  ['names a Stripe SDK type', /\bStripe\.[A-Za-z]/g],
  ['imports integrations/stripe', /from\s+['"][./]*integrations\/stripe\//g],
  ['reaches a raw SDK client', /\.client\.(paymentIntents|refunds|customers|events|webhooks)\b/g],
];

/** Every place under `root` that breaks the seam, as `file:line what`. */
function stripeLeaks(root: string): string[] {
  const leaks: string[] = [];
  for (const file of tsFilesUnder(root)) {
    const text = readSource(root, file);
    for (const [what, pattern] of FORBIDDEN)
      for (const m of text.matchAll(pattern))
        leaks.push(`${file}:${lineOf(text, m.index)} ${what}`);
  }
  return leaks;
}

describe('services and the Stripe SDK', () => {
  it('services import no Stripe type or value', () => {
    expect(stripeLeaks(SERVICES)).toEqual([]);
  });
});
