import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import * as account from '../api/account.ts';
import { asApiError, SESSION_GONE_EVENT, type ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { mergeLocalCarts, type MergeProblem } from '../cart/merge-local-cart.ts';

type SignOutHook = () => void;

export interface Session {
  me: Me | null;
  /** True until we know whether someone is signed in. */
  loading: boolean;
  error: ApiError | null;
  signIn(email: string, password: string): Promise<void>;
  signUp(input: account.SignUpInput): Promise<void>;
  signOut(): Promise<void>;
  /** Items of the browser cart that could not move into the account's cart at sign-in. */
  mergeProblems: MergeProblem[];
  dismissMergeProblems(): void;
  /** Runs just before signing out, while the session still works (the cart keeps a copy). */
  beforeSignOut(hook: SignOutHook): () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [mergeProblems, setMergeProblems] = useState<MergeProblem[]>([]);
  const signOutHooks = useRef(new Set<SignOutHook>());

  const adopt = useCallback((next: Me | null) => setMe(next), []);

  useEffect(() => {
    const forget = () => adopt(null);
    window.addEventListener(SESSION_GONE_EVENT, forget);
    return () => window.removeEventListener(SESSION_GONE_EVENT, forget);
  }, [adopt]);

  useEffect(() => {
    account
      .getMe()
      .then(adopt)
      .catch((caught: unknown) => setError(asApiError(caught)))
      .finally(() => setLoading(false));
  }, [adopt]);

  // The browser cart moves into the account before the pages learn who is signed in, so the
  // first server cart they load already holds it.
  const afterSignIn = useCallback(
    async (next: Me) => {
      const problems = await mergeLocalCarts();
      adopt(next);
      setMergeProblems(problems);
    },
    [adopt],
  );

  const session = useMemo<Session>(
    () => ({
      me,
      loading,
      error,
      signIn: async (email, password) => afterSignIn(await account.signIn(email, password)),
      signUp: async (input) => afterSignIn(await account.signUp(input)),
      signOut: async () => {
        for (const hook of signOutHooks.current) hook();
        await account.signOut();
        adopt(null);
      },
      mergeProblems,
      dismissMergeProblems: () => setMergeProblems([]),
      beforeSignOut: (hook) => {
        signOutHooks.current.add(hook);
        return () => signOutHooks.current.delete(hook);
      },
    }),
    [me, loading, error, mergeProblems, afterSignIn, adopt],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
