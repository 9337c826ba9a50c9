import type { AttendeeQuestion } from '../../db/schema/index.ts';
import { checkoutErrors } from './errors.ts';

export type AnswerValue = string | boolean;

/**
 * The conference's active questions decide what checkout accepts: required ones must be
 * answered, select answers must be one of the options, unknown keys are refused.
 */
export function validateAnswers(
  questions: readonly AttendeeQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
): Record<string, AnswerValue> {
  const fields: Array<{ key: string; message: string }> = [];
  const accepted: Record<string, AnswerValue> = {};
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(answers))
    if (!known.has(key)) fields.push({ key, message: 'is not a question of this conference' });
  for (const question of questions) {
    const value = answers[question.key];
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank) {
      if (question.isRequired)
        fields.push({
          key: question.key,
          message: `${question.label}: please answer this question`,
        });
      continue;
    }
    if (question.kind === 'boolean' && typeof value !== 'boolean')
      fields.push({ key: question.key, message: `${question.label}: answer yes or no` });
    else if (question.kind !== 'boolean' && typeof value !== 'string')
      fields.push({ key: question.key, message: `${question.label}: answer with text` });
    else if (question.kind === 'select' && !question.options.includes(String(value)))
      fields.push({
        key: question.key,
        message: `${question.label}: choose one of ${question.options.join(', ')}`,
      });
    else accepted[question.key] = typeof value === 'string' ? value.trim() : value;
  }
  if (fields.length > 0)
    throw checkoutErrors('ANSWERS_INVALID', { fields }, fields.map((f) => f.message).join('; '));
  return accepted;
}
