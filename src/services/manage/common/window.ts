import { isWindowOrdered } from '../../../domain/pricing/index.ts';
import { invalidField } from './field-errors.ts';

export interface WindowFields {
  fromField: string;
  untilField: string;
}

/**
 * D3.5 / W-14: a window's start may not come after its end. Checked on the merged values, so a
 * PATCH that moves only one end is judged against the stored other end.
 */
export function assertWindowOrdered(
  from: Date | null | undefined,
  until: Date | null | undefined,
  fields: WindowFields,
): void {
  if (!isWindowOrdered(from, until)) {
    throw invalidField(fields.untilField, `must not be before ${fields.fromField}`);
  }
}
