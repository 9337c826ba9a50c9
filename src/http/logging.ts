import type { FastifyServerOptions } from 'fastify';
import { pgErrorOf } from '../services/common/pg-errors.ts';

/** Where log lines go: stdout by default; tests pass a stream to read them. */
export interface LoggerOptions {
  level: string;
  stream?: { write(line: string): void } | undefined;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  stack?: unknown;
}

interface ErrorSummary {
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
 * What the log keeps of an error (D6.3, STYLE §3). A database error's message, `detail`,
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

/** Never written to a log line, whatever a later `log.info({...})` passes. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.params',
];

/** Fastify's logger (pino): safe error summaries, secrets redacted, one shape for CLI and tests. */
export function loggerConfig(options: LoggerOptions | false): FastifyServerOptions['logger'] {
  if (!options) return false;
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    serializers: { err: safeErrorSummary },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
