/** PostgreSQL error codes (SQLSTATE) the application reacts to. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  /** D2.3: raised by the capacity fence (migration 0001). */
  capacityExceeded: 'LY001',
} as const;

export interface PgErrorFields {
  code: string;
  constraint: string | undefined;
}

/**
 * The SQLSTATE and constraint of a database error. Both drivers (node-postgres and PGlite) put
 * them on the error, and Drizzle wraps that error as `cause`; this is the one place that knows.
 */
export function pgErrorOf(error: unknown): PgErrorFields | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
    const fields = candidate as { code?: unknown; constraint?: unknown } | null;
    if (typeof fields?.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      const constraint = typeof fields.constraint === 'string' ? fields.constraint : undefined;
      return { code: fields.code, constraint };
    }
  }
  return undefined;
}

/** Whether `error` carries `code`, optionally from a constraint whose name contains `constraint`. */
export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const fields = pgErrorOf(error);
  if (fields?.code !== code) return false;
  return constraint === undefined || (fields.constraint ?? '').includes(constraint);
}
