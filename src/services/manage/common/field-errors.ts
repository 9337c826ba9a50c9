import { commonErrors } from '../../common/errors.ts';
import type { DomainError } from '../../../domain/errors.ts';

export interface FieldIssue {
  /** Same shape as schema failures (`body.<field>`), so clients read one format. */
  path: string;
  message: string;
}

/** A 400 VALIDATION_FAILED about one request-body field, for rules zod cannot see alone. */
export function invalidField(field: string, message: string): DomainError {
  const issue: FieldIssue = { path: `body.${field}`, message };
  return commonErrors('VALIDATION_FAILED', { fields: [issue] }, `${field} ${message}.`);
}
