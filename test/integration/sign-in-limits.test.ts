import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { signUp } from '../../src/services/accounts/index.ts';
import { makeConference, makeTicketType, unique } from '../factories/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

const PASSWORD = 'violet-harbour-quartz-71';

function signInWith(app: FastifyInstance, email: string, password: string, address: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: address,
    payload: { email, password },
  });
}

async function makeAccount(db: Parameters<typeof signUp>[0]): Promise<string> {
  const email = `${unique('limited')}@example.org`;
  await signUp(db, { email, password: PASSWORD });
  return email;
}

describeEachBackend(
  'D6.3 sign-in limits per account, per address, shared by every process',
  (ctx) => {
    let app: FastifyInstance;
    let other: FastifyInstance;
    let otherDb: DatabaseHandle | undefined;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      // A second app process: on PostgreSQL with its own connection pool, as another server would.
      otherDb = ctx.url ? await openDatabase({ url: ctx.url }) : undefined;
      other = await buildTestApp(otherDb ? { db: otherDb.db, kind: ctx.kind, url: ctx.url } : ctx);
    });
    afterAll(async () => {
      await app.close();
      await other.close();
      await otherDb?.close();
    });

    it('twenty wrong passwords for one account from twenty addresses lock it for every address', async () => {
      const email = await makeAccount(ctx.db);
      for (let i = 0; i < 20; i += 1)
        expect((await signInWith(app, email, `guess-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
      const blocked = await signInWith(app, email, PASSWORD, '10.1.1.1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another account is not affected.
      expect(
        (await signInWith(app, await makeAccount(ctx.db), PASSWORD, '10.1.1.1')).statusCode,
      ).toBe(200);
    });

    it('fifty wrong sign-ins from one address across accounts stop that address, not the accounts', async () => {
      const address = '10.2.0.1';
      for (let i = 0; i < 50; i += 1)
        expect(
          (await signInWith(app, `${unique('nobody')}@example.org`, PASSWORD, address)).statusCode,
        ).toBe(401);
      const email = await makeAccount(ctx.db);
      const blocked = await signInWith(app, email, PASSWORD, address);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      expect((await signInWith(app, email, PASSWORD, '10.2.0.2')).statusCode).toBe(200);
    });

    it('successful sign-ins do not use up the limit', async () => {
      const email = await makeAccount(ctx.db);
      for (let i = 0; i < 12; i += 1)
        expect((await signInWith(app, email, PASSWORD, '10.3.0.1')).statusCode).toBe(200);
    });

    it('two app processes count together: ten failures split between them lock the account', async () => {
      const email = await makeAccount(ctx.db);
      for (let i = 0; i < 10; i += 1) {
        const server = i % 2 === 0 ? app : other;
        expect((await signInWith(server, email, `guess-${i}`, '10.4.0.1')).statusCode).toBe(401);
      }
      for (const server of [app, other])
        expect((await signInWith(server, email, PASSWORD, '10.4.0.1')).statusCode).toBe(429);
    });

    it('voucher guessing is counted across processes too', async () => {
      const conference = await makeConference(ctx.db);
      const ticket = await makeTicketType(ctx.db, conference);
      const buyer = await makeBuyer(ctx.db);
      const clients = [app, other].map((server) => buyerClient(server, conference.slug, buyer));
      await clients[0]?.addTicket(ticket.id);
      for (let i = 0; i < 20; i += 1)
        expect((await clients[i % 2]?.applyVoucher(`GUESS${i}`))?.statusCode).toBe(404);
      expect((await clients[1]?.applyVoucher('GUESS20'))?.statusCode).toBe(429);
    });
  },
);
