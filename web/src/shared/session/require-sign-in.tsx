import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/schema.ts';
import { Loading } from '../components/status.tsx';
import { paths } from '../routes/paths.ts';
import { useSession } from './session.tsx';

/**
 * The one sign-in wall: a route layout for every page that needs an account. Nobody signed in
 * goes to the sign-in page, which sends them back here afterwards (`?next=`).
 */
export function RequireSignIn({ loading }: { loading: string }) {
  const session = useSession();
  const { pathname } = useLocation();
  if (session.loading) return <Loading what={loading} />;
  if (!session.me) return <Navigate to={paths.signIn(pathname)} replace />;
  return <Outlet />;
}

/** The signed-in user, on a page behind `RequireSignIn`. */
export function useSignedIn(): Me['user'] {
  const { me } = useSession();
  if (!me) throw new Error('useSignedIn on a page outside RequireSignIn');
  return me.user;
}
