import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsPlugin } from '../../src/http/plugins/errors.ts';
import { webAppRoutes } from '../../src/http/routes/web-app.ts';

const INDEX = '<!doctype html><title>Lanyard</title><div id="root"></div>';

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(errorsPlugin);
  app.get('/api/v1/ping', async () => ({ pong: true }));
  await app.register(webAppRoutes, { distDir });
  return app;
}

describe('the web app served by the API server', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'lanyard-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, '.build-hash'), 'secret-ish');
    const script = 'console.log("storefront");'.repeat(100);
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    app = await appServing(dist);
  });
  afterAll(() => app.close());

  it('answers every browser path with index.html so the app can draw it', async () => {
    for (const url of [
      '/',
      '/conferences/pycon/cart',
      '/conferences/pycon/orders/AB12CD/pay',
      '/sign-in?next=%2Faccount',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    }
  });

  it('D6.3 answers a path that is no page with 404 and the app, which draws its not-found page', async () => {
    for (const url of ['/no/such/page', '/conferences/pycon/nope', '/account/x', '/sign-in/x']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.body, url).toBe(INDEX);
    }
  });

  it('serves hashed assets for good, gzipped when the browser accepts it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps API paths and missing files as JSON 404s, and serves nothing outside the build', async () => {
    for (const url of [
      '/api/v1/nothing',
      '/webhooks/stripe/x',
      '/test-stripe/v1/x',
      '/healthz/x',
      '/assets/gone-123.js',
      '/assets/..%2F..%2Fpackage.json',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('ROUTE_NOT_FOUND');
    }
    // The build stamp is not a file of the app: the path gets the app's page, never the file.
    expect((await app.inject({ method: 'GET', url: '/.build-hash' })).body).toBe(INDEX);
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({
      pong: true,
    });
  });

  it('explains how to build the app when web/dist is missing', async () => {
    const empty = await appServing(mkdtempSync(join(tmpdir(), 'lanyard-web-empty-')));
    const response = await empty.inject({ method: 'GET', url: '/conferences/x' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
    await empty.close();
  });
});
