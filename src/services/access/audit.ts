import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { auditLog, users, type AuditLogEntry } from '../../db/schema/index.ts';

/**
 * Who did it: a signed-in person, an API token (scanner, integration), the operator at the
 * command line, who owns the machine and its database and so stands above every role, or Lanyard
 * itself (a scheduled job, named so the log says which). Services receive one and audit with it.
 */
export type Actor =
  | { kind: 'user'; userId: string }
  | { kind: 'token'; tokenId: string }
  | { kind: 'operator' }
  | { kind: 'system'; job: string };

/** The operator at the command line: every CLI command that changes something acts as this. */
export const OPERATOR: Actor = { kind: 'operator' };

/** The log has columns for a person and a token only; the others are named in the details. */
function detailsFor(actor: Actor | null, details: Record<string, unknown> = {}) {
  if (actor?.kind === 'operator') return { ...details, via: 'command line' };
  if (actor?.kind === 'system') return { ...details, via: 'system', job: actor.job };
  return details;
}

export interface AuditRecord {
  conferenceId: string | null;
  actor: Actor | null;
  /** Dotted verb, e.g. `refund.create`, `role.grant`, `stripe.credentials.set`. */
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  ip?: string;
  now: Date;
}

/**
 * D6.4: a staff action that changed money, admission or personal data. Always pass the change's
 * own transaction, so the entry commits (or rolls back) with the change it records.
 */
export async function recordAudit(db: Database, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    conferenceId: record.conferenceId,
    actorUserId: record.actor?.kind === 'user' ? record.actor.userId : null,
    actorTokenId: record.actor?.kind === 'token' ? record.actor.tokenId : null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    details: detailsFor(record.actor, record.details),
    ip: record.ip ?? '',
    createdAt: record.now,
  });
}

export interface AuditFilters {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorEmail?: string | undefined;
  since?: Date | undefined;
  /** Page backwards: entries strictly older than this. */
  before?: Date | undefined;
  limit: number;
}

export interface AuditView extends AuditLogEntry {
  actorEmail: string | null;
}

/** Newest first, filtered, one page at a time. */
export async function listAuditLog(
  db: Database,
  conferenceId: string,
  filters: AuditFilters,
): Promise<AuditView[]> {
  const where: SQL[] = [eq(auditLog.conferenceId, conferenceId)];
  if (filters.action) where.push(eq(auditLog.action, filters.action));
  if (filters.entityType) where.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) where.push(eq(auditLog.entityId, filters.entityId));
  if (filters.actorEmail) where.push(eq(users.email, filters.actorEmail));
  if (filters.since) where.push(gte(auditLog.createdAt, filters.since));
  if (filters.before) where.push(lt(auditLog.createdAt, filters.before));
  const rows = await db
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt))
    .limit(filters.limit);
  return rows.map((row) => ({ ...row.entry, actorEmail: row.actorEmail }));
}
