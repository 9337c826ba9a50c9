import type { BaselineResult } from './baseline.ts';
import type { FloorResult } from './floor.ts';
import type { BuyerResult } from './buyer-flow.ts';
import type { CpuUse } from './cpu-account.ts';
import type { Arrival } from './options.ts';
import { percentile, tally } from './stats.ts';
import type { SalesCheck } from './verify-sales.ts';

export interface ScenarioSummary {
  buyers: number;
  seats: number;
  processes: number;
  arrival: Arrival;
  inFlight: number;
  wallMs: number;
  placed: number;
  /** First request → first `201`: what a burst costs before the first sale. */
  firstPlacedMs: number | null;
  checkoutsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  placedLatencyMs: { p50: number; p99: number };
  addMs: { p50: number; p99: number };
  checkoutMs: { p50: number; p99: number };
  refusals: Array<[string, number]>;
  failures: Array<[string, number]>;
  failureCount: number;
  sales: SalesCheck;
  baseline: BaselineResult;
  /** App checkouts/s ÷ baseline successes/s. */
  ratio: number;
  /** The same two requests against a bare HTTP server, one statement each (floor-server.ts). */
  floor: FloorResult;
  cpu: CpuUse | undefined;
}

function spread(samples: readonly number[]) {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

// Timeouts differ only in their number; one bucket keeps the failure list readable.
function failureKey(step: string, reason: string): string {
  return `${step}: ${reason.startsWith('timeout') ? 'timeout' : reason}`;
}

export function summariseScenario(
  scenario: { processes: number; arrival: Arrival; inFlight: number; seats: number },
  results: readonly BuyerResult[],
  sales: SalesCheck,
  { baseline, floor }: { baseline: BaselineResult; floor: FloorResult },
  cpu: CpuUse | undefined,
): ScenarioSummary {
  const first = results.reduce((min, r) => Math.min(min, r.startedAt), Number.POSITIVE_INFINITY);
  const last = results.reduce((max, r) => Math.max(max, r.finishedAt), first);
  const placed = results.filter((r) => r.outcome.kind === 'placed');
  const lastPlaced = placed.reduce((max, r) => Math.max(max, r.finishedAt), first);
  const firstPlaced = placed.reduce(
    (min, r) => Math.min(min, r.finishedAt),
    Number.POSITIVE_INFINITY,
  );
  const placedSeconds = (lastPlaced - first) / 1000;
  const checkoutsPerSecond = placedSeconds > 0 ? placed.length / placedSeconds : 0;
  const refusals: string[] = [];
  const failures: string[] = [];
  for (const { outcome } of results) {
    if (outcome.kind === 'refused') refusals.push(`${outcome.step}: ${outcome.code}`);
    if (outcome.kind === 'failed') failures.push(failureKey(outcome.step, outcome.reason));
  }
  return {
    ...scenario,
    buyers: results.length,
    wallMs: last - first,
    placed: placed.length,
    firstPlacedMs: placed.length > 0 ? firstPlaced - first : null,
    checkoutsPerSecond,
    latencyMs: spread(results.map((r) => r.finishedAt - r.startedAt)),
    placedLatencyMs: spread(placed.map((r) => r.finishedAt - r.startedAt)),
    addMs: spread(results.map((r) => r.addMs)),
    checkoutMs: spread(results.flatMap((r) => (r.checkoutMs === null ? [] : [r.checkoutMs]))),
    refusals: tally(refusals),
    failures: tally(failures),
    failureCount: failures.length,
    sales,
    baseline,
    ratio: baseline.perSecond > 0 ? checkoutsPerSecond / baseline.perSecond : 0,
    floor,
    cpu,
  };
}
