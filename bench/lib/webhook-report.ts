import { renderCpuUse, type CpuUse } from './cpu-account.ts';
import { formatTally } from './stats.ts';
import type { WebhookSummary } from './webhook-summary.ts';

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export function webhookTitle(s: WebhookSummary): string {
  return `${s.processes} process${s.processes > 1 ? 'es' : ''}, ${s.events} events, ≤${s.inFlight} in flight`;
}

/** The run's verdict: no double processing, and every event and order accounted for. */
export function webhookVerdicts(s: WebhookSummary) {
  return {
    double: s.check !== undefined && s.check.doubleProcessing === 0,
    complete: s.check?.ok === true,
  };
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([k]) => [...k].length));
  return rows.map(([k, v]) => `  ${pad(k, width)}  ${v}`);
}

export function renderWebhookScenario(s: WebhookSummary): string {
  const v = webhookVerdicts(s);
  const rows: Array<readonly [string, string]> = [
    ['deliveries (duplicates)', `${s.deliveries} (${s.duplicates})`],
    ['wall time', ms(s.wallMs)],
    ['events processed', `${s.processedEvents} of ${s.events}`],
    ['events/s', s.eventsPerSecond.toFixed(1)],
    ['deliveries/s', s.deliveriesPerSecond.toFixed(1)],
    [
      'baseline insert-or-ignore',
      `${s.baseline.eventsPerSecond.toFixed(0)} events/s, ${s.baseline.statementsPerSecond.toFixed(0)} statements/s (pool ${s.poolSize * s.processes}, ${s.baseline.inserted} rows)`,
    ],
    ['CPU during the baseline', s.baseline.cpu ? renderCpuUse(s.baseline.cpu) : 'n/a'],
    ['ratio to baseline', `${(s.ratio * 100).toFixed(1)} %`],
    ['latency p50 / p99 (all)', `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p99)}`],
    [
      'latency p50 / p99 (duplicates)',
      `${ms(s.duplicateLatencyMs.p50)} / ${ms(s.duplicateLatencyMs.p99)}`,
    ],
    ['answers', formatTally(s.answers)],
    ['already_processed answers', `${s.alreadyProcessedAnswers} (expected ${s.duplicates})`],
    [
      'duplicates overlapping their original',
      `${s.duplicatesOverlapping}, of which ${s.overlappingAlreadyProcessed} answered already_processed`,
    ],
    ['outbox jobs finished during the run', String(s.outboxFinished)],
    ['CPU during the run', s.cpu ? renderCpuUse(s.cpu) : 'n/a'],
  ];
  const checks = (s.check?.checks ?? []).map(
    (c) =>
      [c.name, `${c.value} (expected ${c.expected}) ${verdict(c.value === c.expected)}`] as const,
  );
  return [
    `== ${webhookTitle(s)}`,
    ...table(rows),
    '  database check:',
    ...table(checks).map((line) => `  ${line}`),
    `  double processing = ${s.check?.doubleProcessing ?? '?'}: ${verdict(v.double)}`,
    `  every event stored and processed once, every order paid once: ${verdict(v.complete)}`,
  ].join('\n');
}

function cpuShare(cpu: CpuUse | undefined): string {
  if (!cpu) return 'n/a';
  const capacity = cpu.seconds * cpu.cores;
  return `${((cpu.machine / capacity) * 100).toFixed(0)} % / ${((cpu.other / capacity) * 100).toFixed(0)} %`;
}

/** One Markdown row per scenario, for bench/README.md. */
export function renderWebhookSummary(all: readonly WebhookSummary[]): string {
  const header =
    '| processes | events | deliveries | wall | events/s | deliveries/s | baseline events/s | ratio | p50 | p99 | answers | already_processed / dup. | double processing | checks | CPU busy / other | baseline CPU busy / other |';
  const rule = `|${'---|'.repeat(16)}`;
  const body = all.map((s) => {
    const v = webhookVerdicts(s);
    return `| ${s.processes} | ${s.events} | ${s.deliveries} | ${(s.wallMs / 1000).toFixed(1)} s | ${s.eventsPerSecond.toFixed(0)} | ${s.deliveriesPerSecond.toFixed(0)} | ${s.baseline.eventsPerSecond.toFixed(0)} | ${(s.ratio * 100).toFixed(1)} % | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p99)} | ${formatTally(s.answers)} | ${s.alreadyProcessedAnswers} / ${s.duplicates} | ${s.check?.doubleProcessing ?? '?'} ${verdict(v.double)} | ${verdict(v.complete)} | ${cpuShare(s.cpu)} | ${cpuShare(s.baseline.cpu)} |`;
  });
  return [header, rule, ...body].join('\n');
}
