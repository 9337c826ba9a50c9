import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * D1.5: one process owns an embedded (PGlite) data directory. PGlite has no lock of its own, so
 * two processes opening one directory silently corrupt it. The owner writes `<dir>.owner` (its
 * pid, whether it is the server, and where the server's socket is); everyone else reads it.
 */
export type OwnerRole = 'server' | 'command';

export interface OwnerRecord {
  pid: number;
  role: OwnerRole;
  /** Server only: the directory holding its PostgreSQL socket, `.s.PGSQL.5432`. */
  socketDir?: string;
  startedAt: string;
}

export interface OwnerClaim {
  record: OwnerRecord;
  release(): void;
}

/** A live process owns the directory; the message says who and what to do. */
export class DataDirInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

const CLAIM_ATTEMPTS = 40;
const CLAIM_RETRY_MS = 50;

export function ownerFileOf(pgliteDir: string): string {
  return `${pgliteDir}.owner`;
}

/** kill(pid, 0) checks existence without signalling; EPERM still means someone is there. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRecord(file: string): OwnerRecord | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<OwnerRecord>;
    if (typeof parsed.pid === 'number' && (parsed.role === 'server' || parsed.role === 'command'))
      return parsed as OwnerRecord;
  } catch {
    // Unreadable: written by something else. Treated as a dead owner below.
  }
  return { pid: -1, role: 'command', startedAt: '' };
}

/** The owner recorded for the directory, if that process is still alive. */
export function readLiveOwner(pgliteDir: string): OwnerRecord | null {
  const record = readRecord(ownerFileOf(pgliteDir));
  return record && record.pid > 0 && isProcessAlive(record.pid) ? record : null;
}

/**
 * Creates `file` holding `text` only if it does not exist. The content is complete before the
 * name appears (written to a private name, then hard-linked), so a reader never sees half a record.
 */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, text, { mode: 0o600 });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function sameRecord(a: OwnerRecord | null, b: OwnerRecord): boolean {
  return a !== null && a.pid === b.pid && a.startedAt === b.startedAt;
}

/**
 * Removes the record of a dead owner (a server killed with -9 leaves it behind). Only the holder
 * of `<owner>.takeover` may remove it, and only if it is still the record judged dead, so two
 * processes taking over at once cannot remove each other's fresh claim.
 */
function removeStaleRecord(file: string, stale: OwnerRecord): boolean {
  const guard = `${file}.takeover`;
  const mine = JSON.stringify({ pid: process.pid, role: 'command', startedAt: '' });
  if (!createExclusive(guard, mine)) {
    const holder = readRecord(guard);
    // A taker that died between two system calls: its guard is stale too.
    if (holder && !isProcessAlive(holder.pid)) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (sameRecord(readRecord(file), stale)) unlinkSync(file);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Claims the directory for this process, or returns the live owner. A dead owner's record is
 * taken over. The claim is released on `release()` and, as a last resort, when the process exits.
 */
export async function claimDataDir(
  pgliteDir: string,
  record: Omit<OwnerRecord, 'pid' | 'startedAt'>,
): Promise<{ claim: OwnerClaim } | { owner: OwnerRecord }> {
  const file = ownerFileOf(pgliteDir);
  mkdirSync(dirname(file), { recursive: true });
  const mine: OwnerRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    if (createExclusive(file, JSON.stringify(mine))) return { claim: claimOf(file, mine) };
    const current = readRecord(file);
    if (current === null) continue;
    if (current.pid > 0 && isProcessAlive(current.pid)) return { owner: current };
    // Another process may be taking over at this moment; give it a moment to finish.
    if (!removeStaleRecord(file, current)) await delay(CLAIM_RETRY_MS);
  }
  throw new DataDirInUseError(
    `Could not claim ${pgliteDir}: its owner file ${file} keeps changing. Try again.`,
  );
}

function claimOf(file: string, mine: OwnerRecord): OwnerClaim {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Never remove a record that is not ours (ours was judged stale and replaced, say).
    if (sameRecord(readRecord(file), mine)) unlinkSync(file);
  };
  process.on('exit', release);
  return { record: mine, release };
}

/** The refusal a process gets when a live owner holds the directory it wants. */
export function describeOwner(pgliteDir: string, owner: OwnerRecord, wanted: OwnerRole): string {
  if (owner.role === 'server') {
    return (
      `The data directory ${pgliteDir} is already served by process ${owner.pid} (lanyard serve). ` +
      'Only one server may use an embedded database: stop that server first, or give this one ' +
      'another DATA_DIR (or a DATABASE_URL). Commands such as `lanyard create-admin` work while ' +
      'it runs.'
    );
  }
  const what = wanted === 'server' ? 'then start the server' : 'then run this command again';
  return (
    `The data directory ${pgliteDir} is in use by process ${owner.pid} (a lanyard command). ` +
    `Wait for it to finish, ${what}.`
  );
}
