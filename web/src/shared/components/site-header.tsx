import { useAction } from '../hooks/use-action.ts';
import { Link, useLocation, useNavigate } from 'react-router';
import { paths } from '../routes/paths.ts';
import { useSession } from '../session/session.tsx';

export function SiteHeader() {
  const session = useSession();
  const { pathname } = useLocation();
  const signOut = useAction();
  const navigate = useNavigate();
  const onAuthPage = pathname === '/sign-in' || pathname === '/sign-up';
  const next = onAuthPage ? undefined : pathname;

  return (
    <header className="site-header">
      <Link to={paths.home()} className="brand">
        Lanyard
      </Link>
      <nav aria-label="Account" className="account-nav">
        {session.loading ? null : session.me ? (
          <>
            <Link to={paths.account()} className="account-link">
              {session.me.user.email}
            </Link>
            <button
              type="button"
              className="button-link"
              disabled={signOut.pending}
              onClick={() =>
                void signOut.run(async () => {
                  await session.signOut();
                  void navigate(pathname, { replace: true });
                })
              }
            >
              Sign out
            </button>
            {signOut.error && (
              <span role="alert" className="inline-error">
                {signOut.error.message}
              </span>
            )}
          </>
        ) : (
          <>
            <Link to={paths.signIn(next)}>Sign in</Link>
            <Link to={paths.signUp(next)} className="button button-small">
              Create account
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
