import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { getConference } from '../shared/api/conferences.ts';
import { sharedKeys } from '../shared/api/query-keys.ts';
import { Notice } from '../shared/components/status.tsx';
import { useSignedIn } from '../shared/session/require-sign-in.tsx';

/**
 * The registration desk's area (its own bundle): scanner, door checks and sales at the desk
 * will live here. A placeholder until then.
 */
export default function DeskArea() {
  const slug = useParams()['slug'] ?? '';
  const user = useSignedIn();
  const conference = useQuery({
    queryKey: sharedKeys.conference(slug),
    queryFn: () => getConference(slug),
  });
  return (
    <section className="page">
      <h1>Desk: {conference.data?.name ?? slug}</h1>
      <p className="muted">Signed in as {user.email}.</p>
      <Notice>
        Check-in, door checks and sales at the desk are coming here. Sign in as an organiser of this
        conference to use them.
      </Notice>
    </section>
  );
}
