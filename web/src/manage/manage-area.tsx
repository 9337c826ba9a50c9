import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { getConference } from '../shared/api/conferences.ts';
import { sharedKeys } from '../shared/api/query-keys.ts';
import { Empty, ErrorNote, Loading } from '../shared/components/status.tsx';
import { useSignedIn } from '../shared/session/require-sign-in.tsx';
import { listManagedTicketTypes, manageKeys } from './api.ts';
import { TicketTypeFilterForm, type TicketTypeFilter } from './ticket-type-filter.tsx';
import { TicketTypesTable } from './ticket-types-table.tsx';

/**
 * The organisers' area (its own bundle). For now one page proves the wiring: the conference's
 * ticket types in a table, narrowed by a form. The API decides who may see them (403 otherwise).
 */
export default function ManageArea() {
  const slug = useParams()['slug'] ?? '';
  const user = useSignedIn();
  const conference = useQuery({
    queryKey: sharedKeys.conference(slug),
    queryFn: () => getConference(slug),
  });
  const ticketTypes = useQuery({
    queryKey: manageKeys.ticketTypes(user.id, slug),
    queryFn: () => listManagedTicketTypes(slug),
  });
  const [filter, setFilter] = useState<TicketTypeFilter>({ name: '' });
  const words = filter.name.toLowerCase();
  const shown = ticketTypes.data?.filter((t) => t.name.toLowerCase().includes(words));

  return (
    <section className="page">
      <h1>Manage {conference.data?.name ?? slug}</h1>
      <p className="muted">Signed in as {user.email}.</p>
      <h2 id="ticket-types-title">Ticket types</h2>
      <ErrorNote error={ticketTypes.error} onRetry={() => void ticketTypes.refetch()} />
      {ticketTypes.error?.status === 403 && (
        <p>Sign in as an organiser of this conference to manage it.</p>
      )}
      {ticketTypes.isPending && <Loading what="the ticket types" />}
      {ticketTypes.data && (
        <>
          <TicketTypeFilterForm onFilter={setFilter} />
          {shown?.length === 0 ? (
            <Empty>
              <p>No ticket type matches.</p>
            </Empty>
          ) : (
            <TicketTypesTable ticketTypes={shown ?? []} />
          )}
        </>
      )}
    </section>
  );
}
