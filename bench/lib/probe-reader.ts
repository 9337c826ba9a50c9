import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../../test/support/server-process.ts';
import type { ProbeReport, SeriesSummary } from './probe-series.ts';

const PROBE_MODULE = new URL('./pg-probe.ts', import.meta.url).href;

/** Where probes write, and the environment that loads one into each server (--profile only). */
/** Loaded after tsx, so the probe itself may be TypeScript. */
export const PROBE_NODE_ARGS = ['--import', PROBE_MODULE];

export function createProbeDirectory() {
  const dir = mkdtempSync(join(tmpdir(), 'lanyard-probe-'));
  const dumps = new Map<number, number>();
  return {
    env: { LANYARD_PROBE_DIR: dir },
    /** Asks each server for its numbers since the last call, and starts them over. */
    async collect(servers: readonly ServerProcess[]): Promise<ProbeReport[]> {
      return Promise.all(
        servers.map(async (server) => {
          const n = (dumps.get(server.pid) ?? 0) + 1;
          dumps.set(server.pid, n);
          process.kill(server.pid, 'SIGUSR2');
          const file = join(dir, `${server.pid}-${n}.json`);
          // Profiling only: the probe writes its file from a signal handler within milliseconds.
          for (let waited = 0; !existsSync(file); waited += 20) {
            if (waited > 10_000) throw new Error(`probe of server ${server.pid} wrote nothing`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return JSON.parse(readFileSync(file, 'utf8')) as ProbeReport;
        }),
      );
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const f = (n: number) => n.toFixed(1);
const spread = (s: SeriesSummary) => `mean ${f(s.meanMs)} / p50 ${f(s.p50)} / p99 ${f(s.p99)}`;

/** The statements of one successful request per endpoint, in order (first server only). */
export function renderTraces(reports: readonly ProbeReport[]): string {
  const out: string[] = [];
  for (const r of reports[0]?.routes ?? []) {
    out.push(`  ${r.route}: ${r.trace.length} statements in one successful request`);
    r.trace.forEach((statement, i) => out.push(`    ${String(i + 1).padStart(2)}. ${statement}`));
  }
  return out.join('\n');
}

export function renderProbe(reports: readonly ProbeReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    const loop = report.eventLoopDelayMs;
    out.push(
      `  server ${report.pid}: event-loop delay p50 ${f(loop.p50)} / p99 ${f(loop.p99)} / max ${f(loop.max)} ms; waits for a pooled connection: ${report.poolWait.count}, ${spread(report.poolWait)} ms`,
    );
    for (const r of report.routes) {
      const statuses = Object.entries(r.statuses)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ');
      out.push(
        `    ${r.route} [${statuses}]: latency ${spread(r.latency)} ms; ${f(r.statements.meanMs)} statements/request taking ${f(r.statementMs.meanMs)} ms in sum; pool waits ${f(r.poolWaitMs.meanMs)} ms in sum`,
      );
    }
    for (const tx of report.transactions) {
      out.push(
        `    ${tx.kind}: ${tx.duration.count} (${tx.rollbacks} rolled back), duration ${spread(tx.duration)} ms, ${f(tx.statements.meanMs)} statements`,
      );
      if (tx.lockHeld.count > 0) {
        out.push(`      lock wait ${spread(tx.lockWait)} ms`);
        out.push(
          `      lock held ${spread(tx.lockHeld)} ms (${f(tx.statementsUnderLock.meanMs)} round trips incl. COMMIT) → ceiling ≈ ${f(1000 / Math.max(tx.lockHeld.meanMs, 0.001))} checkouts/s per ticket type`,
        );
        out.push(`      of which the connection waited for Node: ${spread(tx.appGapUnderLock)} ms`);
      }
    }
    out.push('    statements by total time (count, mean ms, total ms):');
    for (const s of report.statements.slice(0, 12))
      out.push(
        `      ${String(s.count).padStart(6)} ${f(s.meanMs).padStart(7)} ${f(s.totalMs).padStart(9)}  ${s.statement}`,
      );
  }
  return out.join('\n');
}
