import type { Question } from '../api/shapes.ts';

interface QuestionFieldProps {
  question: Question;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error?: string | undefined;
}

/** One attendee question as the organiser configured it: free text, a choice, or yes/no. */
export function QuestionField({ question, value, onChange, error }: QuestionFieldProps) {
  const id = `answer-${question.key}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: `answers.${question.key}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    required: question.required,
  };
  const label = (
    <>
      {question.label}
      {!question.required && <span className="optional"> (optional)</span>}
    </>
  );
  return (
    <div
      className={`field${question.kind === 'boolean' ? ' field-check' : ''}${error ? ' field-invalid' : ''}`}
    >
      {question.kind === 'boolean' ? (
        <>
          <input
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
            {...common}
          />
          <label htmlFor={id}>{label}</label>
        </>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {question.kind === 'select' ? (
            <select
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => onChange(event.target.value)}
              {...common}
            >
              <option value="">Choose…</option>
              {question.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => onChange(event.target.value)}
              {...common}
            />
          )}
        </>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
