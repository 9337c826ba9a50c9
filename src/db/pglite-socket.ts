import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * D1.5: the server shares its embedded database with local `lanyard` commands over a Unix socket
 * speaking the PostgreSQL wire protocol, so no second process ever opens the data directory.
 *
 * PGlite is one PostgreSQL session. A command's messages therefore run while holding PGlite's own
 * two mutexes (the ones its `query()` and `transaction()` take), one protocol exchange at a time
 * (up to Sync or a simple Query), and for the whole of a transaction the command opens: the
 * server's queries wait meanwhile, and never land inside the command's transaction (nor the
 * command's inside one of the server's). `@electric-sql/pglite-socket` was not used: it
 * serialises its own connections but not against the host process's queries, and it pins exact
 * peer versions of PGlite and seven extensions.
 */
export interface PgliteSocketServer {
  close(): Promise<void>;
}

export interface PgliteSocketOptions {
  /** A command holding a transaction open this long without a message is disconnected. */
  idleInTransactionMs?: number;
  /** Tests: a command's message is about to wait for PGlite (to force an interleaving). */
  onLockWait?: () => void;
}

const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = Uint8Array.from([SYNC, 0, 0, 0, 4]);

/** PostgreSQL's file name for a socket in `dir`, as `pg` derives it from `host` and `port`. */
export function socketPathIn(dir: string, port = 5432): string {
  return `${dir}/.s.PGSQL.${port}`;
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = QUERY;
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** Both PGlite mutexes, in the order its own `query()` takes them, until `release()`. */
function acquireExclusive(client: PGlite): Promise<() => void> {
  return new Promise((acquired) => {
    void client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(() => new Promise<void>((release) => acquired(release))),
    );
  });
}

/** One command's connection: messages in arrival order, each answered before the next starts. */
class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private closed = false;
  private release: (() => void) | null = null;
  /** The last message ended an exchange (Sync or Query): nothing half-done if it closes now. */
  private atBoundary = true;
  private idleTimer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  readonly finished: Promise<void>;

  constructor(
    private readonly client: PGlite,
    private readonly socket: Socket,
    private readonly options: Required<Pick<PgliteSocketOptions, 'idleInTransactionMs'>> &
      PgliteSocketOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    this.finished = new Promise((resolve) => {
      socket.once('close', () => {
        this.closed = true;
        this.enqueue(() => this.cleanUp()).then(resolve, resolve);
      });
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch(() => {
      this.socket.destroy();
    });
    return this.queue;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      // Startup-phase messages have no type byte: length, then a code.
      const header = this.started ? 1 : 0;
      if (this.buffer.length < header + 4) return;
      const length = header + this.buffer.readInt32BE(header);
      if (this.buffer.length < length) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (!this.started) this.startUp(message);
      else if (message[0] === TERMINATE) void this.enqueue(async () => void this.socket.end());
      else void this.enqueue(() => this.run(message, message[0] === SYNC || message[0] === QUERY));
    }
  }

  private startUp(message: Buffer): void {
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N'); // no encryption on a local socket; the client goes on in plain text
    } else if (code === PROTOCOL_3) {
      this.started = true;
      // PGlite answers the startup message itself (AuthenticationOk … ReadyForQuery).
      void this.enqueue(() => this.run(message, true));
    } else {
      // CancelRequest (PGlite has no backend to signal) or an unknown protocol.
      this.socket.destroy();
    }
  }

  private async run(message: Buffer, endsExchange: boolean): Promise<void> {
    if (this.closed) return;
    clearTimeout(this.idleTimer);
    if (!this.release) {
      this.options.onLockWait?.();
      this.release = await acquireExclusive(this.client);
    }
    await this.execute(message);
    this.atBoundary = endsExchange;
    if (this.atBoundary && !this.client.isInTransaction()) {
      this.release();
      this.release = null;
    } else {
      this.idleTimer = setTimeout(
        () => this.socket.destroy(),
        this.options.idleInTransactionMs,
      ).unref();
    }
  }

  private execute(message: Uint8Array): Promise<void> {
    return this.client.execProtocolRawStream(message, {
      // PGlite reuses its buffer: copy before the socket writes it later.
      onRawData: (data) => {
        if (!this.closed && data.length > 0) this.socket.write(Buffer.from(data));
      },
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** A command that went away mid-transaction leaves nothing open: end the exchange, roll back. */
  private async cleanUp(): Promise<void> {
    clearTimeout(this.idleTimer);
    if (!this.release) return;
    try {
      if (!this.atBoundary) await this.client.execProtocolRaw(SYNC_MESSAGE);
      if (this.client.isInTransaction()) await this.client.execProtocolRaw(simpleQuery('ROLLBACK'));
    } finally {
      this.release();
      this.release = null;
    }
  }
}

/** Listens on `socketPathIn(dir)`; the caller owns the data directory (a stale socket is removed). */
export async function servePgliteOnSocket(
  client: PGlite,
  dir: string,
  options: PgliteSocketOptions = {},
): Promise<PgliteSocketServer> {
  const path = socketPathIn(dir);
  rmSync(path, { force: true });
  const connections = new Set<Connection>();
  const server: Server = createServer((socket) => {
    const connection = new Connection(client, socket, {
      ...options,
      idleInTransactionMs: options.idleInTransactionMs ?? 30_000,
    });
    connections.add(connection);
    void connection.finished.then(() => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path }, () => {
      server.off('error', reject);
      // Whoever may connect may read and write the whole database: the owner only.
      chmodSync(path, 0o600);
      resolve();
    });
  });
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const pending = [...connections].map((c) => c.finished);
      for (const connection of connections) connection.destroy();
      await Promise.all(pending);
      await closed;
    },
  };
}
