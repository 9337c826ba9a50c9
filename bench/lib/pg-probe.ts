/**
 * Profiling probe loaded into a `lanyard serve` process with `--import` (bench --profile only):
 * it wraps pg's Client#query and Pool#connect to time every statement, every wait for a pooled
 * connection, and every transaction, above all how long the inventory lock is held and how much
 * of that is the database working versus the connection waiting for Node. SIGUSR2 writes the
 * numbers to $LANYARD_PROBE_DIR/<pid>-<n>.json and starts over. The service code is untouched.
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { record, series, summarise, type ProbeReport, type Series } from './probe-series.ts';

/** The HTTP request a statement runs for, so round trips can be counted per endpoint. */
interface RequestScope {
  /** Statement shapes in completion order, kept for one sample request per endpoint. */
  trace: string[];
  statements: number;
  statementMs: number;
  poolWaits: number;
  poolWaitMs: number;
}
const requestScope = new AsyncLocalStorage<RequestScope>();

interface RouteSeries {
  requests: Series;
  statements: Series;
  statementMs: Series;
  poolWaitMs: Series;
  statuses: Map<number, number>;
  /** The statements of the most recent request that got a 2xx. */
  trace: string[];
}

interface TxState {
  startedAt: number;
  statements: number;
  statementMs: number;
  lockedAt: number | null;
  lockWaitMs: number;
  statementsUnderLock: number;
  statementMsUnderLock: number;
}

let stats = fresh();
function fresh() {
  return {
    startedAt: performance.now(),
    statements: new Map<string, Series>(),
    poolWait: series(),
    routes: new Map<string, RouteSeries>(),
    tx: new Map<
      string,
      {
        duration: Series;
        lockWait: Series;
        lockHeld: Series;
        appGapUnderLock: Series;
        statements: Series;
        statementsUnderLock: Series;
        rollbacks: number;
      }
    >(),
  };
}
const LOOP_RESOLUTION_MS = 5;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
// The histogram records whole timer intervals; lateness is what exceeds the resolution.
const lateness = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS);
loopDelay.enable();
const open = new WeakMap<object, TxState>();

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  if (
    typeof config === 'object' &&
    config !== null &&
    'text' in config &&
    typeof config.text === 'string'
  )
    return config.text;
  return '?';
}

function shapeOf(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/"/g, '').trim().slice(0, 80);
}

function txSeries(kind: string) {
  let entry = stats.tx.get(kind);
  if (!entry) {
    entry = {
      duration: series(),
      lockWait: series(),
      lockHeld: series(),
      appGapUnderLock: series(),
      statements: series(),
      statementsUnderLock: series(),
      rollbacks: 0,
    };
    stats.tx.set(kind, entry);
  }
  return entry;
}

function finished(
  client: object,
  text: string,
  started: number,
  scope: RequestScope | undefined,
): void {
  const ended = performance.now();
  const ms = ended - started;
  const shape = shapeOf(text);
  if (scope) {
    scope.statements += 1;
    scope.statementMs += ms;
    scope.trace.push(`${shape.slice(0, 70)}  (${ms.toFixed(1)} ms)`);
  }
  const entry = stats.statements.get(shape) ?? series();
  record(entry, ms);
  stats.statements.set(shape, entry);
  const lower = shape.toLowerCase();
  if (lower === 'begin') {
    open.set(client, {
      startedAt: started,
      statements: 0,
      statementMs: 0,
      lockedAt: null,
      lockWaitMs: 0,
      statementsUnderLock: 0,
      statementMsUnderLock: 0,
    });
    return;
  }
  const tx = open.get(client);
  if (!tx) return;
  if (lower === 'commit' || lower === 'rollback') {
    open.delete(client);
    const kind =
      tx.lockedAt === null
        ? 'transaction without inventory lock'
        : 'checkout transaction (inventory lock)';
    const target = txSeries(kind);
    if (lower === 'rollback') target.rollbacks += 1;
    record(target.duration, ended - tx.startedAt);
    record(target.statements, tx.statements);
    if (tx.lockedAt !== null) {
      const held = ended - tx.lockedAt;
      record(target.lockWait, tx.lockWaitMs);
      record(target.lockHeld, held);
      record(target.statementsUnderLock, tx.statementsUnderLock + 1);
      record(target.appGapUnderLock, held - tx.statementMsUnderLock - ms);
    }
    return;
  }
  tx.statements += 1;
  tx.statementMs += ms;
  if (tx.lockedAt !== null) {
    tx.statementsUnderLock += 1;
    tx.statementMsUnderLock += ms;
  }
  // The checkout's lock statement: lanyard_lock_then_count (migration 0003), or a bare advisory lock.
  if (lower.includes('lanyard_lock_then_count') || lower.includes('pg_advisory_xact_lock')) {
    tx.lockedAt = ended;
    tx.lockWaitMs = ms;
  }
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
const originalQuery = pg.Client.prototype.query as unknown as QueryFn;
const patchedQuery: QueryFn = function (this: pg.Client, ...args: unknown[]) {
  const started = performance.now();
  const text = textOf(args[0]);
  const scope = requestScope.getStore();
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    args[args.length - 1] = (...cbArgs: unknown[]) => {
      finished(this, text, started, scope);
      return (last as (...a: unknown[]) => unknown)(...cbArgs);
    };
    return originalQuery.apply(this, args);
  }
  const result = originalQuery.apply(this, args);
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        finished(this, text, started, scope);
        return value;
      },
      (error: unknown) => {
        finished(this, text, started, scope);
        throw error;
      },
    );
  }
  return result;
};
(pg.Client.prototype as unknown as { query: QueryFn }).query = patchedQuery;

type ConnectFn = (this: pg.Pool, ...args: unknown[]) => unknown;
const originalConnect = pg.Pool.prototype.connect as unknown as ConnectFn;
function pooled(started: number, scope: RequestScope | undefined): void {
  const ms = performance.now() - started;
  record(stats.poolWait, ms);
  if (scope) {
    scope.poolWaits += 1;
    scope.poolWaitMs += ms;
  }
}

const patchedConnect: ConnectFn = function (this: pg.Pool, ...args: unknown[]) {
  const started = performance.now();
  const scope = requestScope.getStore();
  const callback = args[0];
  if (typeof callback === 'function') {
    // pg-pool hands a freed client to a waiter from inside the releaser's call stack; without the
    // binding, statements `pool.query` sends next would count towards the releasing request.
    const resume = AsyncResource.bind((...cbArgs: unknown[]) => {
      pooled(started, scope);
      return (callback as (...a: unknown[]) => unknown)(...cbArgs);
    });
    return originalConnect.call(this, resume);
  }
  const result = originalConnect.apply(this, args);
  if (result instanceof Promise)
    return result.then((client: unknown) => {
      pooled(started, scope);
      return client;
    });
  return result;
};
(pg.Pool.prototype as unknown as { connect: ConnectFn }).connect = patchedConnect;

function routeOf(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '?').split('?')[0] ?? '?';
  return `${method ?? '?'} ${path.replace(/\/conferences\/[^/]+/, '/conferences/:slug')}`;
}

function recordRoute(route: string, status: number, ms: number, scope: RequestScope): void {
  let entry = stats.routes.get(route);
  if (!entry) {
    entry = {
      requests: series(),
      statements: series(),
      statementMs: series(),
      poolWaitMs: series(),
      statuses: new Map(),
      trace: [],
    };
    stats.routes.set(route, entry);
  }
  record(entry.requests, ms);
  record(entry.statements, scope.statements);
  record(entry.statementMs, scope.statementMs);
  record(entry.poolWaitMs, scope.poolWaitMs);
  entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  if (status < 300) entry.trace = scope.trace;
}

// Every request runs inside its own scope; statements started on its behalf count towards it.
type EmitFn = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
const originalEmit = http.Server.prototype.emit as EmitFn;
(http.Server.prototype as unknown as { emit: EmitFn }).emit = function (
  this: http.Server,
  event,
  ...args
) {
  if (event !== 'request') return originalEmit.call(this, event, ...args);
  const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
  const scope: RequestScope = {
    trace: [],
    statements: 0,
    statementMs: 0,
    poolWaits: 0,
    poolWaitMs: 0,
  };
  const started = performance.now();
  response.once('finish', () =>
    recordRoute(
      routeOf(request.method, request.url),
      response.statusCode,
      performance.now() - started,
      scope,
    ),
  );
  return requestScope.run(scope, () => originalEmit.call(this, event, ...args));
};

let dumps = 0;
const dir = process.env.LANYARD_PROBE_DIR;
if (dir) {
  process.on('SIGUSR2', () => {
    const report: ProbeReport = {
      pid: process.pid,
      elapsedMs: performance.now() - stats.startedAt,
      eventLoopDelayMs: {
        p50: lateness(loopDelay.percentile(50)),
        p99: lateness(loopDelay.percentile(99)),
        max: lateness(loopDelay.max),
      },
      poolWait: summarise(stats.poolWait),
      routes: [...stats.routes.entries()].map(([route, r]) => ({
        route,
        trace: r.trace,
        statuses: Object.fromEntries(r.statuses),
        latency: summarise(r.requests),
        statements: summarise(r.statements),
        statementMs: summarise(r.statementMs),
        poolWaitMs: summarise(r.poolWaitMs),
      })),
      statements: [...stats.statements.entries()]
        .map(([statement, s]) => ({ statement, ...summarise(s) }))
        .sort((a, b) => b.totalMs - a.totalMs),
      transactions: [...stats.tx.entries()].map(([kind, t]) => ({
        kind,
        rollbacks: t.rollbacks,
        duration: summarise(t.duration),
        statements: summarise(t.statements),
        lockWait: summarise(t.lockWait),
        lockHeld: summarise(t.lockHeld),
        statementsUnderLock: summarise(t.statementsUnderLock),
        appGapUnderLock: summarise(t.appGapUnderLock),
      })),
    };
    dumps += 1;
    const file = join(dir, `${process.pid}-${dumps}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    stats = fresh();
    loopDelay.reset();
  });
}
