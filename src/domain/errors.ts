/**
 * The one error class for business failures (STYLE §3). `message` is written for the person at
 * the screen; `details` is machine-readable. Unknown errors never take this shape.
 */
export type ErrorDetails = Record<string, unknown>;

export interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 423 | 429 | 502 | 503;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ErrorSpec['status'],
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Each capability declares its codes with `defineErrors`; `raise(code)` then builds the error with
 * the declared status and default message, so a code can never drift from its status.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T) {
  return function raise(
    code: keyof T & string,
    details: ErrorDetails = {},
    message?: string,
  ): DomainError {
    const spec = specs[code];
    if (!spec) throw new Error(`undeclared error code ${code}`);
    return new DomainError(code, message ?? spec.message, spec.status, details);
  };
}
