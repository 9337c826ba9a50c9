import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, sessionCookieOf } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { unique } from '../factories/index.ts';

describeEachBackend('accounts over HTTP', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  it('signs up, reads me with the HTTP-only cookie, signs out', async () => {
    const email = `${unique('ada')}@Example.org`;
    const signUp = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { email, password: 'correct horse battery', firstName: 'Ada' },
    });
    expect(signUp.statusCode).toBe(201);
    const setCookie = String(signUp.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(signUp.json().user.email).toBe(email.toLowerCase());
    // CSRF is refused by origin; there is no token to echo (and none is handed out).
    expect(signUp.json()).not.toHaveProperty('csrfToken');

    const cookie = sessionCookieOf(signUp);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.firstName).toBe('Ada');

    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('D6.3 refuses a common password at sign-up, saying why, and creates no account', async () => {
    for (const password of ['password123', 'qwertyuiop', 'iloveyou1', 'Password1!']) {
      const email = `${unique('weak')}@example.org`;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-up',
        payload: { email, password },
      });
      expect(response.statusCode, password).toBe(400);
      expect(response.json().error.code, password).toBe('PASSWORD_TOO_WEAK');
      expect(response.json().error.message, password).toMatch(/too common/);
      expect(response.json().error.details.field).toBe('password');
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password },
      });
      expect(signIn.statusCode, password).toBe(401);
    }
  });

  it("D6.3 a password made of the account's own email is too easy to guess", async () => {
    const local = unique('marguerite-yourcenar');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { email: `${local}@example.org`, password: `${local}@example.org` },
    });
    expect(response.json().error?.code).toBe('PASSWORD_TOO_WEAK');
  });

  it('refuses a second account for the same email in any letter case', async () => {
    const email = `${unique('grace')}@example.org`;
    const payload = { email, password: 'correct horse battery' };
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload })).statusCode,
    ).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { ...payload, email: email.toUpperCase() },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('signs in with the right password only, without revealing which part was wrong', async () => {
    const email = `${unique('linus')}@example.org`;
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { email, password: 'correct horse battery' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: 'nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: `${unique('nobody')}@example.org`, password: 'nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ` ${email.toUpperCase()} `, password: 'correct horse battery' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.email).toBe(email);
  });

  it('answers bad bodies with VALIDATION_FAILED naming the field, never a 500', async () => {
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { password: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    const body = missing.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('body.email');
    expect(paths).toContain('body.password');

    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST_BODY');
    expect(malformed.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('reports health with the database kind', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: ctx.kind, testMode: false });
  });

  it('serves the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/conferences/{slug}/ticket-types');
  });
});
