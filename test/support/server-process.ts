import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A real `lanyard serve` in its own process, for tests and benchmarks that need several app
 * processes against one PostgreSQL (in-process `inject` shares one pool and one event loop, so
 * it cannot show what two servers racing for the same seats do).
 */
export interface ServerProcess {
  /** Base URL the server printed, e.g. `http://127.0.0.1:41234`. */
  url: string;
  pid: number;
  /** The last few kilobytes the process wrote to stdout and stderr, for failure messages. */
  recentOutput(): string;
  /** SIGTERM, then wait for exit (SIGKILL after `killAfterMs`); safe to call twice. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  databaseUrl: string;
  /** Extra or overriding environment (e.g. DATABASE_POOL_SIZE, LOCK_TIMEOUT_MS). */
  env?: Readonly<Record<string, string>>;
  /** Extra node flags, placed after `--import tsx` (e.g. `--cpu-prof`, or another `--import`). */
  nodeArgs?: readonly string[];
  /** How long to wait for the "running at" line; 60 s by default (tsx compiles on first start). */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL; 10 s by default. */
  killAfterMs?: number;
  /** Another server to run instead of `lanyard serve`: its script and arguments (bench only). */
  script?: readonly string[];
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// `lanyard serve` prints "Lanyard is running at <url>"; a bench stand-in prints "… is running at <url>".
const READY_LINE = / is running at (\S+)/;
const OUTPUT_TAIL_CHARS = 16_384;

// Children still alive when this process exits would keep ports and connections open.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLiveChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Bounded tail of a stream's text: a chatty server must not grow the test's memory. */
function tailCollector() {
  let text = '';
  return {
    push(chunk: string): void {
      text = (text + chunk).slice(-OUTPUT_TAIL_CHARS);
    },
    get value(): string {
      return text;
    },
  };
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${String(code)}`;
}

/**
 * Spawns `node --import tsx src/cli/main.ts serve` on a free port (PORT=0: the server prints the
 * port it was given) and resolves once it prints its address. Rejects with the captured output
 * if the process exits first or the deadline passes; no sleeps, no polling.
 */
export function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const killAfterMs = options.killAfterMs ?? 10_000;
  const script = options.script ?? ['src/cli/main.ts', 'serve'];
  const args = ['--import', 'tsx', ...(options.nodeArgs ?? []), ...script];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      BOOTSTRAP_EXAMPLE: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      // Set but empty: a developer's .env cannot fill it in, and the config treats it as unset,
      // so the printed address is the real one rather than a public URL.
      PUBLIC_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  killLiveChildrenOnExit();

  const output = tailCollector();
  let stdoutLine = '';
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      live.delete(child);
      resolve();
    };
    child.once('exit', gone);
    // A failed spawn emits 'error' and never 'exit'.
    child.once('error', () => {
      if (child.pid === undefined) gone();
    });
  });

  // Both pipes are drained for the whole life of the child: a full pipe would block its writes.
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => output.push(chunk));
  child.stdout.setEncoding('utf8');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
        await exited;
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  return new Promise<ServerProcess>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      reject(new Error(`lanyard serve ${reason}\n--- output ---\n${output.value}`));
    };
    const deadline = setTimeout(() => {
      fail(`printed no address within ${startTimeoutMs} ms`);
      void stop();
    }, startTimeoutMs);

    child.stdout.on('data', (chunk: string) => {
      output.push(chunk);
      if (settled) return;
      // Only whole lines: a chunk may end inside the address.
      stdoutLine += chunk;
      const complete = stdoutLine.slice(0, stdoutLine.lastIndexOf('\n') + 1);
      stdoutLine = stdoutLine.slice(complete.length);
      const match = READY_LINE.exec(complete);
      if (match?.[1]) {
        settled = true;
        clearTimeout(deadline);
        stdoutLine = '';
        resolve({
          url: match[1].replace(/\/$/, ''),
          pid: child.pid ?? -1,
          recentOutput: () => output.value,
          stop,
        });
      }
    });
    child.once('error', (error) => fail(`could not be spawned: ${error.message}`));
    child.once('exit', (code, signal) =>
      fail(`exited before it was ready (${describeExit(code, signal)})`),
    );
  });
}
