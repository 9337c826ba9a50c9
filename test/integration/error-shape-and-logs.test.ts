import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unique } from '../factories/index.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';

const PASSWORD = 'violet-harbour-quartz-71';

describeEachBackend(
  'D6.3 errors: one shape for every failure, nothing secret in the log',
  (ctx) => {
    let app: FastifyInstance;
    const lines: string[] = [];
    beforeAll(async () => {
      app = await buildTestApp(ctx, { logStream: { write: (line) => lines.push(line) } });
    });
    afterAll(() => app.close());

    it('a database failure during sign-up logs a safe summary: no hash, password, email or parameters', async () => {
      // A real database error (not a mock): this file's own database refuses one first name.
      const refused = unique('Refused');
      await ctx.db.execute(
        sql.raw(
          `ALTER TABLE users ADD CONSTRAINT test_refuse_name CHECK (first_name <> '${refused}')`,
        ),
      );
      const email = `${unique('logged')}@example.org`;
      lines.length = 0;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-up',
        payload: { email, password: PASSWORD, firstName: refused },
      });
      expect(response.statusCode).toBe(500);
      const { requestId } = response.json().error.details;
      const log = lines.join('');
      expect(log).toContain('unhandled error');
      expect(log).toContain(requestId);
      expect(log).toContain('23514');
      for (const secret of [email, PASSWORD, '$argon2', refused, 'params', 'insert into'])
        expect(log, secret).not.toContain(secret);
    });

    it('a malformed percent-encoding in the URL is a 400 in the error shape', async () => {
      for (const url of ['/api/v1/conferences/%E0%A4%A/ticket-types', '/conferences/%E0%A4%A']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error, url).toMatchObject({ code: 'BAD_URL', details: {} });
        expect(response.json().error.message, url).toMatch(/address/);
      }
    });

    it('a __proto__ key in a JSON body or a query string is a 400 in the error shape', async () => {
      const body = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__":{"isSuperuser":true},"email":"a@example.org","password":"x"}',
      });
      expect(body.statusCode).toBe(400);
      expect(body.json().error.code).toMatch(/^(BAD_REQUEST_BODY|VALIDATION_FAILED)$/);
      for (const query of ['__proto__=1', '__proto__[isSuperuser]=1', 'constructor[prototype]=1']) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/conferences?${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error.code, query).toBe('VALIDATION_FAILED');
      }
    });

    it('an unknown API path is a JSON 404 in the error shape', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    });
  },
);
