/** Timing series shared by the probe (inside the servers) and the bench that reads its reports. */

export interface Series {
  count: number;
  totalMs: number;
  samples: number[];
}

const MAX_SAMPLES = 50_000;

export function series(): Series {
  return { count: 0, totalMs: 0, samples: [] };
}

export function record(target: Series, ms: number): void {
  target.count += 1;
  target.totalMs += ms;
  if (target.samples.length < MAX_SAMPLES) target.samples.push(ms);
}

export interface SeriesSummary {
  count: number;
  totalMs: number;
  meanMs: number;
  p50: number;
  p99: number;
}

export function summarise(target: Series): SeriesSummary {
  const sorted = [...target.samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return {
    count: target.count,
    totalMs: target.totalMs,
    meanMs: target.count ? target.totalMs / target.count : 0,
    p50: at(0.5),
    p99: at(0.99),
  };
}

export interface ProbeReport {
  pid: number;
  elapsedMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  poolWait: SeriesSummary;
  routes: Array<{
    route: string;
    trace: string[];
    statuses: Record<string, number>;
    latency: SeriesSummary;
    statements: SeriesSummary;
    statementMs: SeriesSummary;
    poolWaitMs: SeriesSummary;
  }>;
  statements: Array<{ statement: string } & SeriesSummary>;
  transactions: Array<{
    kind: string;
    rollbacks: number;
    duration: SeriesSummary;
    statements: SeriesSummary;
    lockWait: SeriesSummary;
    lockHeld: SeriesSummary;
    statementsUnderLock: SeriesSummary;
    appGapUnderLock: SeriesSummary;
  }>;
}
