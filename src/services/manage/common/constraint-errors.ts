import { pgErrorOf, SQLSTATE } from '../../../db/pg-errors.ts';
import { commonErrors } from '../../common/errors.ts';
import type { DomainError } from '../../../domain/errors.ts';
import { manageErrors } from '../errors.ts';

// Class 22 "data exception": a value the column cannot hold (out of range, bad characters).
const DATA_EXCEPTION_CLASS = '22';

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
    if (pg.code === SQLSTATE.uniqueViolation && unique) throw unique();
    if (pg.code === SQLSTATE.foreignKeyViolation) {
      throw manageErrors('UNKNOWN_REFERENCE', { constraint: pg.constraint ?? null });
    }
    if (pg.code === SQLSTATE.checkViolation) {
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
