import { Link } from 'react-router';
import { paths } from '../routes/paths.ts';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to={paths.home()}>See all conferences</Link>
      </p>
    </section>
  );
}
