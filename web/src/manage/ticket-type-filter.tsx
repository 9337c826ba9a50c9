import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

const filterSchema = z.object({
  name: z.string().trim().max(100, 'At most 100 characters.'),
});

export type TicketTypeFilter = z.infer<typeof filterSchema>;

/** Narrows the table to ticket types whose name contains the words (React Hook Form + zod). */
export function TicketTypeFilterForm({
  onFilter,
}: {
  onFilter: (filter: TicketTypeFilter) => void;
}) {
  const id = useId();
  const form = useForm<TicketTypeFilter>({
    resolver: zodResolver(filterSchema),
    defaultValues: { name: '' },
  });
  const error = form.formState.errors.name?.message;
  return (
    <form className="inline-form" onSubmit={form.handleSubmit(onFilter)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name contains</label>
        <input
          id={`${id}-name`}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...form.register('name')}
        />
      </div>
      <button type="submit" className="button button-secondary">
        Filter
      </button>
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </form>
  );
}
