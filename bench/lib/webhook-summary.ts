import type { CpuUse } from './cpu-account.ts';
import { percentile, tally } from './stats.ts';
import type { InsertBaseline } from './webhook-baseline.ts';
import type { DeliveryResult } from './webhook-delivery.ts';
import type { WebhookCheck } from './webhook-verify.ts';

export interface WebhookScenario {
  processes: number;
  poolSize: number;
  inFlight: number;
  events: number;
}

export interface WebhookSummary extends WebhookScenario {
  deliveries: number;
  duplicates: number;
  wallMs: number;
  /** Distinct events answered `processed`. */
  processedEvents: number;
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number };
  duplicateLatencyMs: { p50: number; p99: number };
  /** `200 processed`, `200 already_processed`, `503 WEBHOOK_PROCESSING_FAILED`, `0 client timeout`… */
  answers: Array<[string, number]>;
  /** Answers other than 200. */
  failures: number;
  /** All `already_processed` answers: should equal `duplicates` when everything was answered. */
  alreadyProcessedAnswers: number;
  /** Of those, the ones to a redelivery (the rest: the redelivery got there first). */
  duplicatesAlreadyProcessed: number;
  /** Duplicates sent before the first delivery of their event had been answered. */
  duplicatesOverlapping: number;
  overlappingAlreadyProcessed: number;
  /** `processed` answers beyond the first for an event. */
  repeatedProcessedAnswers: number;
  /** Outbox jobs of the conference finished by the servers' worker by the end of the run. */
  outboxFinished: number;
  baseline: InsertBaseline;
  /** App events/s ÷ baseline events/s. */
  ratio: number;
  cpu: CpuUse | undefined;
  check?: WebhookCheck;
}

function spread(samples: readonly number[]) {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** How often each event was answered `processed`, and when its first delivery was answered. */
function perEvent(results: readonly DeliveryResult[]) {
  const processed = new Map<string, number>();
  const firstAnswered = new Map<string, number>();
  for (const r of results) {
    if (r.answer === 'processed') processed.set(r.eventId, (processed.get(r.eventId) ?? 0) + 1);
    if (!r.duplicate) firstAnswered.set(r.eventId, r.finishedAt);
  }
  return { processed, firstAnswered };
}

export function summariseWebhooks(
  scenario: WebhookScenario,
  results: readonly DeliveryResult[],
  baseline: InsertBaseline,
  cpu: CpuUse | undefined,
  outboxFinished: number,
): WebhookSummary {
  const first = results.reduce((min, r) => Math.min(min, r.startedAt), Number.POSITIVE_INFINITY);
  const last = results.reduce((max, r) => Math.max(max, r.finishedAt), first);
  const seconds = (last - first) / 1000;
  const { processed, firstAnswered } = perEvent(results);
  const duplicates = results.filter((r) => r.duplicate);
  const overlapping = duplicates.filter(
    (r) => r.startedAt < (firstAnswered.get(r.eventId) ?? Number.POSITIVE_INFINITY),
  );
  const repeated = [...processed.values()].reduce((sum, n) => sum + n - 1, 0);
  const eventsPerSecond = seconds > 0 ? processed.size / seconds : 0;
  return {
    ...scenario,
    deliveries: results.length,
    duplicates: duplicates.length,
    wallMs: last - first,
    processedEvents: processed.size,
    eventsPerSecond,
    deliveriesPerSecond: seconds > 0 ? results.length / seconds : 0,
    latencyMs: spread(results.map((r) => r.finishedAt - r.startedAt)),
    duplicateLatencyMs: spread(duplicates.map((r) => r.finishedAt - r.startedAt)),
    answers: tally(results.map((r) => `${r.status} ${r.answer}`)),
    failures: results.filter((r) => r.status !== 200).length,
    alreadyProcessedAnswers: results.filter((r) => r.answer === 'already_processed').length,
    duplicatesAlreadyProcessed: duplicates.filter((r) => r.answer === 'already_processed').length,
    duplicatesOverlapping: overlapping.length,
    overlappingAlreadyProcessed: overlapping.filter((r) => r.answer === 'already_processed').length,
    repeatedProcessedAnswers: repeated,
    outboxFinished,
    baseline,
    ratio: baseline.eventsPerSecond > 0 ? eventsPerSecond / baseline.eventsPerSecond : 0,
    cpu,
  };
}
