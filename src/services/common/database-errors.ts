import { pgErrorOf } from '../../db/pg-errors.ts';
import type { DomainError } from '../../domain/errors.ts';
import { commonErrors } from './errors.ts';

/**
 * What the database says about a failure, translated below HTTP so that layer never reads a
 * SQLSTATE (STYLE §1, §3): contention becomes a domain error, anything else a summary fit for
 * the log.
 */

/** Lock timeout, serialization failure, deadlock: "contention, try again", never a server fault. */
const CONTENTION_SQLSTATES = new Set(['55P03', '40001', '40P01']);

/** BUSY (409) when `error` is database contention the caller may simply retry; else undefined. */
export function contentionErrorOf(error: unknown): DomainError | undefined {
  const state = pgErrorOf(error)?.code;
  return state && CONTENTION_SQLSTATES.has(state) ? commonErrors('BUSY') : undefined;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  stack?: unknown;
}

export interface ErrorSummary {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/** Only the `at …` lines of a stack: code locations, never the message above them. */
function framesOf(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/**
 * What a log keeps of an error (D6.3, STYLE §3). A database error's message, `detail`,
 * `query` and `params` carry the values of the statement (a sign-up's email and password hash,
 * a buyer's billing address), so of those only the SQLSTATE, the constraint and the code
 * locations are kept; nothing reads `cause`, where the driver's error repeats them.
 */
export function safeErrorSummary(error: unknown): ErrorSummary {
  if (error === null || typeof error !== 'object')
    return { type: typeof error, message: 'a thrown non-error', stack: '' };
  const fields = error as ErrorLike;
  const type = typeof fields.name === 'string' ? fields.name : 'Error';
  const database = pgErrorOf(error);
  if (database || 'query' in error || 'params' in error) {
    return {
      type,
      message: 'database error (statement and values withheld from the log)',
      sqlState: database?.code,
      constraint: database?.constraint,
      stack: framesOf(fields.stack),
    };
  }
  return {
    type,
    code: typeof fields.code === 'string' ? fields.code : undefined,
    message: typeof fields.message === 'string' ? fields.message : '',
    stack: typeof fields.stack === 'string' ? fields.stack : '',
  };
}
