import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import * as account from '../api/account.ts';
import { asApiError, SESSION_GONE_EVENT, type ApiError } from '../api/client.ts';
import { sharedKeys, USER_SCOPE } from '../api/query-keys.ts';
import type { Me, SignUpInput } from '../api/schema.ts';

type SignOutHook = () => void;

export interface Session {
  me: Me | null;
  /** True until we know whether someone is signed in. */
  loading: boolean;
  error: ApiError | null;
  signIn(email: string, password: string): Promise<void>;
  signUp(input: SignUpInput): Promise<void>;
  signOut(): Promise<void>;
  /** Runs just before signing out, while the session still works (the cart keeps a copy). */
  beforeSignOut(hook: SignOutHook): () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

interface SessionProviderProps {
  children: ReactNode;
  /**
   * Runs once the server accepted a sign-in or sign-up, before the pages learn who is signed in
   * (the storefront moves the browser's cart into the account here, so the first server cart the
   * pages load already holds it).
   */
  beforeSignedIn?: () => Promise<void>;
}

/** Who is signed in: one cached answer of GET /api/v1/me, changed by signing in and out. */
export function SessionProvider({ children, beforeSignedIn }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: sharedKeys.me, queryFn: account.getMe, staleTime: Infinity });
  const signOutHooks = useRef(new Set<SignOutHook>());
  const beforeSignedInRef = useRef(beforeSignedIn);
  beforeSignedInRef.current = beforeSignedIn;

  // Another person's answers must never show: whatever was read for the last user goes.
  const adopt = useCallback(
    (next: Me | null) => {
      queryClient.removeQueries({ queryKey: [USER_SCOPE] });
      queryClient.setQueryData(sharedKeys.me, next);
    },
    [queryClient],
  );

  useEffect(() => {
    const forget = () => adopt(null);
    window.addEventListener(SESSION_GONE_EVENT, forget);
    return () => window.removeEventListener(SESSION_GONE_EVENT, forget);
  }, [adopt]);

  const afterSignIn = useCallback(
    async (next: Me) => {
      await beforeSignedInRef.current?.();
      adopt(next);
    },
    [adopt],
  );

  const data = me.data ?? null;
  const error = me.error ? asApiError(me.error) : null;
  const session = useMemo<Session>(
    () => ({
      me: data,
      loading: me.isPending,
      error,
      signIn: async (email, password) => afterSignIn(await account.signIn(email, password)),
      signUp: async (input) => afterSignIn(await account.signUp(input)),
      signOut: async () => {
        for (const hook of signOutHooks.current) hook();
        await account.signOut();
        adopt(null);
      },
      beforeSignOut: (hook) => {
        signOutHooks.current.add(hook);
        return () => signOutHooks.current.delete(hook);
      },
    }),
    [data, me.isPending, error, afterSignIn, adopt],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
