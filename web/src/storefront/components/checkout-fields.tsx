import type { Credit, Question } from '../api/shapes.ts';
import { formatMoney } from '../../shared/format/money.ts';
import type { UseQueryResult } from '@tanstack/react-query';
import { TextField } from '../../shared/components/field.tsx';
import { QuestionField } from './question-field.tsx';
import { ErrorNote, Loading } from '../../shared/components/status.tsx';

export interface Billing {
  billingName: string;
  billingEmail: string;
  billingCompany: string;
}

type FieldErrors = Record<string, string>;

export function BillingFieldset(props: {
  billing: Billing;
  onChange: (billing: Billing) => void;
  errors: FieldErrors;
}) {
  const { billing, onChange, errors } = props;
  const set = (key: keyof Billing) => (value: string) => onChange({ ...billing, [key]: value });
  return (
    <fieldset>
      <legend>Billing details</legend>
      <TextField
        label="Full name"
        name="billingName"
        autoComplete="name"
        required
        value={billing.billingName}
        onChange={set('billingName')}
        error={errors['billingName']}
      />
      <TextField
        label="Email for the receipt"
        name="billingEmail"
        type="email"
        autoComplete="email"
        required
        value={billing.billingEmail}
        onChange={set('billingEmail')}
        error={errors['billingEmail']}
      />
      <TextField
        label="Company"
        name="billingCompany"
        autoComplete="organization"
        value={billing.billingCompany}
        onChange={set('billingCompany')}
        error={errors['billingCompany']}
      />
    </fieldset>
  );
}

export type Answers = Record<string, string | boolean>;

/** The conference's attendee questions, as configured by the organisers. */
export function QuestionsFieldset(props: {
  questions: UseQueryResult<Question[]>;
  answers: Answers;
  onChange: (answers: Answers) => void;
  errors: FieldErrors;
}) {
  const { questions, answers, onChange, errors } = props;
  return (
    <fieldset>
      <legend>About you at the conference</legend>
      <ErrorNote error={questions.error} onRetry={() => void questions.refetch()} />
      {!questions.data && !questions.error && <Loading what="the questions" />}
      {questions.data?.length === 0 && <p className="muted">The organisers ask nothing more.</p>}
      {questions.data?.map((question) => (
        <QuestionField
          key={question.key}
          question={question}
          value={answers[question.key]}
          onChange={(value) => onChange({ ...answers, [question.key]: value })}
          error={errors[`answers.${question.key}`]}
        />
      ))}
    </fieldset>
  );
}

/** Offered only when the buyer has store credit to spend here. */
export function CreditFieldset(props: {
  credits: Credit[] | undefined;
  currency: string;
  useCredit: boolean;
  onChange: (useCredit: boolean) => void;
}) {
  const left = (props.credits ?? []).reduce((sum, c) => sum + c.remaining, 0);
  if (left === 0) return null;
  return (
    <fieldset>
      <legend>Store credit</legend>
      <div className="field field-check">
        <input
          id="use-credit"
          type="checkbox"
          checked={props.useCredit}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <label htmlFor="use-credit">
          Use my store credit ({formatMoney(left, props.currency)} available)
        </label>
      </div>
    </fieldset>
  );
}

/** Blank text answers are left out, so an optional question stays unanswered. */
export function answersToSend(answers: Answers): Answers {
  return Object.fromEntries(
    Object.entries(answers).filter(
      ([, value]) => typeof value === 'boolean' || value.trim() !== '',
    ),
  );
}
