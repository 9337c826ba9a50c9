import { renderCpuPerBuyer, renderCpuUse } from './cpu-account.ts';
import type { ScenarioSummary } from './rush-summary.ts';
import { formatTally } from './stats.ts';

/** The issue's targets for a ticket rush. */
export const TARGETS = {
  checkoutsPerSecond: 150,
  ratioToBaseline: 0.25,
} as const;

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const percentOf = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : '—';

interface Row {
  metric: string;
  value: string;
  target: string;
  verdict: string;
}

export function scenarioTitle(s: ScenarioSummary): string {
  const arrival = s.arrival === 'bounded' ? `bounded (≤${s.inFlight} in flight)` : 'burst';
  return `${s.processes} process${s.processes > 1 ? 'es' : ''}, ${arrival}`;
}

export function checks(s: ScenarioSummary) {
  return {
    throughput: s.checkoutsPerSecond >= TARGETS.checkoutsPerSecond,
    ratio: s.ratio >= TARGETS.ratioToBaseline,
    oversold: s.sales.oversold === 0,
    unsold: s.sales.unsold === null || s.sales.unsold === 0,
    failures: s.failureCount === 0,
    // Every placed ticket before the limit is discounted, none after it (D3.6).
    discount:
      s.sales.discount === null ||
      s.sales.discount.units === Math.min(s.sales.discount.limit, s.sales.sold),
  };
}

function rows(s: ScenarioSummary): Row[] {
  const ok = checks(s);
  const row = (metric: string, value: string, target = '', v = ''): Row => ({
    metric,
    value,
    target,
    verdict: v,
  });
  return [
    row('buyers / seats', `${s.buyers} / ${s.seats}`),
    row('wall time', ms(s.wallMs)),
    row('placed orders (201)', String(s.placed)),
    row('first 201 after', s.firstPlacedMs === null ? '—' : ms(s.firstPlacedMs)),
    row(
      'checkouts/s',
      s.checkoutsPerSecond.toFixed(1),
      `≥ ${TARGETS.checkoutsPerSecond}`,
      verdict(ok.throughput),
    ),
    row('baseline successes/s', s.baseline.perSecond.toFixed(1), `pool ${s.processes}×`),
    row(
      'ratio to baseline',
      `${(s.ratio * 100).toFixed(1)} %`,
      `≥ ${TARGETS.ratioToBaseline * 100} %`,
      verdict(ok.ratio),
    ),
    row(
      'floor (bare HTTP) /s',
      s.floor.perSecond.toFixed(1),
      `${percentOf(s.floor.perSecond, s.baseline.perSecond)} of baseline; Lanyard ${percentOf(s.checkoutsPerSecond, s.floor.perSecond)} of it`,
    ),
    row('latency p50 / p99 (all)', `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p99)}`),
    row(
      'latency p50 / p99 (placed)',
      `${ms(s.placedLatencyMs.p50)} / ${ms(s.placedLatencyMs.p99)}`,
    ),
    row('add-to-cart p50 / p99', `${ms(s.addMs.p50)} / ${ms(s.addMs.p99)}`),
    row('checkout p50 / p99', `${ms(s.checkoutMs.p50)} / ${ms(s.checkoutMs.p99)}`),
    row('refusals', formatTally(s.refusals)),
    row(
      'failures (5xx, timeouts)',
      s.failureCount === 0 ? '0' : `${s.failureCount}: ${formatTally(s.failures)}`,
      '0',
      verdict(ok.failures),
    ),
    row(
      'sold in database',
      `${s.sales.sold} (${s.sales.orders} orders)`,
      s.sales.sold === s.placed ? '= placed' : `≠ placed ${s.placed}`,
    ),
    row('oversold', String(s.sales.oversold), '0', verdict(ok.oversold)),
    ...(s.sales.discount
      ? [
          row(
            'discounted units',
            `${s.sales.discount.units} of ${s.sales.discount.limit}`,
            `= ${Math.min(s.sales.discount.limit, s.sales.sold)}`,
            verdict(ok.discount),
          ),
        ]
      : []),
    row('CPU during the rush', s.cpu ? renderCpuUse(s.cpu) : 'n/a'),
    row('CPU per buyer', s.cpu ? renderCpuPerBuyer(s.cpu, s.buyers) : 'n/a'),
    row(
      'unsold while demand > supply',
      s.sales.unsold === null ? 'n/a (buyers < seats)' : String(s.sales.unsold),
      '0',
      verdict(ok.unsold),
    ),
  ];
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function renderScenario(s: ScenarioSummary): string {
  const table = rows(s);
  const widths = {
    metric: Math.max(...table.map((r) => [...r.metric].length)),
    value: Math.min(40, Math.max(...table.map((r) => [...r.value].length))),
    target: Math.max(...table.map((r) => [...r.target].length)),
  };
  const lines = table.map((r) =>
    `  ${pad(r.metric, widths.metric)}  ${pad(r.value, widths.value)}  ${pad(r.target, widths.target)}  ${r.verdict}`.trimEnd(),
  );
  return [`== ${scenarioTitle(s)}`, ...lines].join('\n');
}

function cpuShare(s: ScenarioSummary): string {
  if (!s.cpu) return 'n/a';
  const capacity = s.cpu.seconds * s.cpu.cores;
  return `${((s.cpu.machine / capacity) * 100).toFixed(0)} % / ${((s.cpu.other / capacity) * 100).toFixed(0)} %`;
}

/** One Markdown row per scenario, for bench/README.md. */
export function renderSummary(all: readonly ScenarioSummary[]): string {
  const header =
    '| processes | arrival | buyers | seats | wall | placed | checkouts/s | baseline/s | ratio | floor/s | p50 | p99 | refusals | failures | oversold | unsold | CPU busy / other |';
  const rule = `|${'---|'.repeat(17)}`;
  const body = all.map((s) => {
    const ok = checks(s);
    return `| ${s.processes} | ${s.arrival === 'bounded' ? `bounded ${s.inFlight}` : 'burst'} | ${s.buyers} | ${s.seats} | ${(s.wallMs / 1000).toFixed(1)} s | ${s.placed} | ${s.checkoutsPerSecond.toFixed(0)} ${verdict(ok.throughput)} | ${s.baseline.perSecond.toFixed(0)} | ${(s.ratio * 100).toFixed(1)} % ${verdict(ok.ratio)} | ${s.floor.perSecond.toFixed(0)} | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p99)} | ${formatTally(s.refusals)} | ${s.failureCount} ${verdict(ok.failures)} | ${s.sales.oversold} ${verdict(ok.oversold)} | ${s.sales.unsold ?? 'n/a'} ${verdict(ok.unsold)} | ${cpuShare(s)} |`;
  });
  return [header, rule, ...body].join('\n');
}
