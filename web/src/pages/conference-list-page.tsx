import { listConferences } from '../api/catalog.ts';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { formatDayRange } from '../format/dates.ts';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link } from '../router/router.tsx';

export function ConferenceListPage() {
  const conferences = useResource('conferences', listConferences);
  return (
    <section className="page">
      <h1>Conferences</h1>
      <ErrorNote error={conferences.error} onRetry={() => void conferences.reload()} />
      {conferences.loading && !conferences.data && <Loading what="conferences" />}
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
