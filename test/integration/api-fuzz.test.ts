import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeStripe, type RunningFakeStripe } from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { runFuzz } from '../support/fuzz-run.ts';
import { makeFuzzWorld, type FuzzWorld } from '../support/fuzz-world.ts';
import { connectStripe, expectNoMoneyDrift, listen } from '../support/money.ts';
import { operationsOf, type OpenApiDocument, type Operation } from '../support/openapi-fuzz.ts';

/** Enough to visit every route under every principal several times within the suite's time. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);

describeEachBackend('API fuzz from the OpenAPI document', (ctx) => {
  let app: FastifyInstance;
  let fake: RunningFakeStripe;
  let world: FuzzWorld;
  let operations: Operation[];

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
    await app.ready();
    const only = new RegExp(process.env.FUZZ_ONLY ?? '');
    operations = operationsOf(app.swagger() as unknown as OpenApiDocument).filter((o) =>
      only.test(`${o.method} ${o.path}`),
    );
    world = await makeFuzzWorld(app, ctx.db);
    await connectStripe(ctx.db, fake, world.conference, await listen(app));
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('finds every route in the document', () => {
    // A route left out of the document would be left out of the fuzzing too.
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain(
      'POST /api/v1/conferences/{slug}/manage/orders/{reference}/refunds',
    );
  });

  it('the public reference cites no internal rule ids and explains Idempotency-Key', () => {
    const texts: string[] = [];
    JSON.stringify(app.swagger(), (key, value: unknown) => {
      if ((key === 'summary' || key === 'description') && typeof value === 'string')
        texts.push(value);
      return value;
    });
    expect(texts.length).toBeGreaterThan(20);
    const ruleId =
      /\b(D\d\.\d+|(CONF|BOOT|CAT|INV|CART|VOU|COND|PRICE|CHK|ORD|CRED|ATT|CFG|PAY|CRD|REF|HOOK|MGT|PERM)(-\d+)?)\b/;
    expect(texts.filter((text) => ruleId.test(text))).toEqual([]);
    const keyed = operations.filter((o) => o.parameters.some((p) => p.name === 'idempotency-key'));
    expect(keyed.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'POST /api/v1/conferences/{slug}/checkout',
      'POST /api/v1/conferences/{slug}/manage/orders/{reference}/refunds',
    ]);
    for (const operation of keyed) {
      const header = operation.parameters.find((p) => p.name === 'idempotency-key');
      expect(JSON.stringify(header)).toContain('IDEMPOTENCY_KEY_REUSED');
    }
  });

  it(`D6.3 about ${RUNS} generated requests, every route as anonymous, buyer, organiser and token: no 5xx, one error shape, books balance`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const { sent, failures } = await runFuzz(app, operations, world, { requests: RUNS, seed });
    const found = [...failures].map(([kind, example]) => `${kind}: ${example}`);
    expect(found, `seed ${seed}:\n${found.join('\n')}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    await fake.idle();
    await expectNoMoneyDrift(ctx.db);
  });
});
