import http from 'node:http';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { admissionPlugin } from '../../src/http/plugins/admission.ts';

function get(base: string, path: string, signal?: AbortSignal): Promise<number | 'gave up'> {
  return new Promise((resolve) => {
    const request = http.get(`${base}${path}`, { signal }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve('gave up'));
  });
}

it('a client that gives up while waiting at the gate does not keep a place once admitted', async () => {
  const app = Fastify();
  let waiting: () => void = () => undefined;
  const queued = new Promise<void>((resolve) => (waiting = resolve));
  // Registered before the gate: runs just before the request takes its turn at the gate.
  app.addHook('onRequest', async (request) => {
    if (request.url === '/fast' && queuedOnce++ === 0) waiting();
  });
  let queuedOnce = 0;
  let abortSeen: () => void = () => undefined;
  const serverSawAbort = new Promise<void>((resolve) => (abortSeen = resolve));
  app.addHook('onRequestAbort', (_request, done) => {
    abortSeen();
    done();
  });
  await app.register(admissionPlugin, { limit: 1, maxWaitMs: 1_000, classify: () => 'normal' });
  let finishSlow: () => void = () => undefined;
  let slowStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (slowStarted = resolve));
  app.get('/slow', () => {
    slowStarted();
    return new Promise((resolve) => (finishSlow = () => resolve({ ok: true })));
  });
  app.get('/fast', async () => ({ ok: true }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const slow = get(base, '/slow');
    await started;
    const giveUp = new AbortController();
    const abandoned = get(base, '/fast', giveUp.signal);
    await queued;
    giveUp.abort();
    expect(await abandoned).toBe('gave up');
    await serverSawAbort;
    finishSlow();
    expect(await slow).toBe(200);
    expect(await get(base, '/fast')).toBe(200);
  } finally {
    await app.close();
  }
});
