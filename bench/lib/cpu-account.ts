import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process and machine CPU in clock ticks; 100 per second on every usual kernel. */
const TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    line.trim().split(/\s+/).slice(1).map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

function processTicks(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const title = read(`/proc/${entry}/cmdline`);
    if (title?.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
  }
  return pids;
}

export interface CpuUse {
  seconds: number;
  cores: number;
  /** CPU-seconds over the interval. */
  machine: number;
  servers: number;
  client: number;
  postgres: number;
  /** Everything else on the machine: other people's builds and tests on a shared box. */
  other: number;
}

/**
 * Splits the machine's CPU time during a scenario between the app servers, this load generator,
 * the bench database's PostgreSQL backends and everything else, so that a slow run can be told
 * apart from a busy machine. Linux only; elsewhere `stop` returns undefined.
 */
export function startCpuAccount(serverPids: readonly number[], database: string) {
  const machineAt = machineTicks();
  if (!machineAt) return { stop: (): CpuUse | undefined => undefined };
  const startedAt = process.hrtime.bigint();
  const clientAt = process.cpuUsage();
  const serversAt = serverPids.map(processTicks);
  const backendsAt = new Map(backendsOf(database).map((pid) => [pid, processTicks(pid)]));
  return {
    stop(): CpuUse | undefined {
      const machineNow = machineTicks();
      if (!machineNow) return undefined;
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const client = process.cpuUsage(clientAt);
      const servers = serverPids.reduce(
        (sum, pid, i) => sum + processTicks(pid) - (serversAt[i] ?? 0),
        0,
      );
      const postgres = backendsOf(database).reduce(
        (sum, pid) => sum + processTicks(pid) - (backendsAt.get(pid) ?? 0),
        0,
      );
      const machine = (machineNow.busy - machineAt.busy) / TICKS_PER_SECOND;
      const clientSeconds = (client.user + client.system) / 1e6;
      const used = {
        servers: servers / TICKS_PER_SECOND,
        client: clientSeconds,
        postgres: postgres / TICKS_PER_SECOND,
      };
      return {
        seconds,
        cores: Math.round((machineNow.total - machineAt.total) / TICKS_PER_SECOND / seconds),
        machine,
        ...used,
        other: Math.max(0, machine - used.servers - used.client - used.postgres),
      };
    },
  };
}

export function renderCpuUse(cpu: CpuUse): string {
  const pct = (s: number) => `${((s / (cpu.seconds * cpu.cores)) * 100).toFixed(0)} %`;
  return `machine ${pct(cpu.machine)} busy of ${cpu.cores} cores: servers ${pct(cpu.servers)}, PostgreSQL ${pct(cpu.postgres)}, load generator ${pct(cpu.client)}, other processes ${pct(cpu.other)}`;
}

/** CPU-milliseconds per buyer: steadier than throughput on a machine whose speed moves. */
export function renderCpuPerBuyer(cpu: CpuUse, buyers: number): string {
  const each = (seconds: number) => `${((seconds * 1000) / buyers).toFixed(2)} ms`;
  return `servers ${each(cpu.servers)}, PostgreSQL ${each(cpu.postgres)}, load generator ${each(cpu.client)}`;
}
