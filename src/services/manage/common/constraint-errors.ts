import { commonErrors } from '../../common/errors.ts';
import type { DomainError } from '../../../domain/errors.ts';
import { manageErrors } from '../errors.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
// Class 22 "data exception": a value the column cannot hold (out of range, bad characters).
const DATA_EXCEPTION_CLASS = '22';

interface PgErrorFields {
  code: string;
  constraint: string | undefined;
}

/** Both drivers put SQLSTATE and constraint on the error; Drizzle wraps it as `cause`. */
function pgErrorOf(error: unknown): PgErrorFields | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
    const fields = candidate as { code?: unknown; constraint?: unknown } | null;
    if (typeof fields?.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      const constraint = typeof fields.constraint === 'string' ? fields.constraint : undefined;
      return { code: fields.code, constraint };
    }
  }
  return undefined;
}

/** Which domain error a unique constraint means, by constraint name. */
export type UniqueViolationMap = Readonly<Record<string, () => DomainError>>;

/**
 * Runs a write and translates the database's verdict into a domain error. Uniqueness is decided
 * by the unique index, not by a check-then-insert that two staff members could race (D3.5).
 * Foreign-key and check violations are backstops for races with a concurrent delete or edit, and
 * data exceptions for values the edge validation let through: user input never becomes a 500.
 */
export async function translateConstraintErrors<T>(
  work: () => Promise<T>,
  onUnique: UniqueViolationMap,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgErrorOf(error);
    if (!pg) throw error;
    const unique = pg.constraint ? onUnique[pg.constraint] : undefined;
    if (pg.code === UNIQUE_VIOLATION && unique) throw unique();
    if (pg.code === FOREIGN_KEY_VIOLATION) {
      throw manageErrors('UNKNOWN_REFERENCE', { constraint: pg.constraint ?? null });
    }
    if (pg.code === CHECK_VIOLATION) {
      throw commonErrors(
        'VALIDATION_FAILED',
        { constraint: pg.constraint ?? null },
        'These values conflict with each other or with a change made at the same moment.',
      );
    }
    if (pg.code.startsWith(DATA_EXCEPTION_CLASS)) {
      throw commonErrors(
        'VALIDATION_FAILED',
        { sqlState: pg.code },
        'A value is out of range or contains characters that cannot be stored.',
      );
    }
    throw error;
  }
}
