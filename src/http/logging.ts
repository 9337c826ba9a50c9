import type { FastifyServerOptions } from 'fastify';
import { safeErrorSummary } from '../services/common/database-errors.ts';

/** Where log lines go: stdout by default; tests pass a stream to read them. */
export interface LoggerOptions {
  level: string;
  stream?: { write(line: string): void } | undefined;
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

/** Fastify's logger (pino): safe error summaries (D6.3: no statement values), secrets redacted, one shape for CLI and tests. */
export function loggerConfig(options: LoggerOptions | false): FastifyServerOptions['logger'] {
  if (!options) return false;
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    serializers: { err: safeErrorSummary },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
