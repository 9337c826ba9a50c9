import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listConferences } from '../../shared/api/conferences.ts';
import { sharedKeys } from '../../shared/api/query-keys.ts';
import { Empty, ErrorNote, Loading } from '../../shared/components/status.tsx';
import { formatDayRange } from '../../shared/format/dates.ts';
import { paths } from '../../shared/routes/paths.ts';

export function ConferenceListPage() {
  const conferences = useQuery({ queryKey: sharedKeys.conferences, queryFn: listConferences });
  return (
    <section className="page">
      <h1>Conferences</h1>
      <ErrorNote error={conferences.error} onRetry={() => void conferences.refetch()} />
      {conferences.isPending && <Loading what="conferences" />}
      {conferences.data?.length === 0 && (
        <Empty>
          <p>No conference is selling tickets yet. Please come back later.</p>
        </Empty>
      )}
      <ul className="card-list">
        {conferences.data?.map((conference) => (
          <li key={conference.id} className="card">
            <h2>
              <Link to={paths.conference(conference.slug)}>{conference.name}</Link>
            </h2>
            <p className="muted">
              {formatDayRange(conference.startDate, conference.endDate)}
              {conference.venue ? ` · ${conference.venue}` : ''}
            </p>
            {conference.description && <p>{conference.description}</p>}
            {!conference.isActive && <p className="badge">Registration is closed</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
