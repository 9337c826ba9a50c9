import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp } from './app.ts';
import { buyerClient, makeBuyer } from './buyers.ts';
import type { DbContext } from './db.ts';

export const CHECKOUT_NOW = new Date('2026-12-01T12:00:00Z');
export const later = (minutes: number) => new Date(CHECKOUT_NOW.getTime() + minutes * 60_000);

/**
 * One app on a settable clock (starting at CHECKOUT_NOW) for the checkout suites, with a signed-in
 * buyer per call and the public catalog's remaining count. Call inside a describe block.
 */
export function checkoutSuite(ctx: DbContext) {
  let app: FastifyInstance | undefined;
  const state = { clock: CHECKOUT_NOW };
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => state.clock });
  });
  afterAll(() => app?.close());

  const ready = (): FastifyInstance => {
    if (!app) throw new Error('the checkout suite has not started yet');
    return app;
  };

  async function buyerIn(conference: { slug: string }) {
    const buyer = await makeBuyer(ctx.db);
    return { buyer, client: buyerClient(ready(), conference.slug, buyer) };
  }

  async function remainingOf(slug: string, ticketTypeId: string): Promise<number | null> {
    const list = await ready().inject({
      method: 'GET',
      url: `/api/v1/conferences/${slug}/ticket-types`,
    });
    return (
      list.json().ticketTypes.find((t: { id: string }) => t.id === ticketTypeId)?.remaining ?? null
    );
  }

  return {
    get app() {
      return ready();
    },
    setClock(at: Date) {
      state.clock = at;
    },
    buyerIn,
    remainingOf,
  };
}
