/**
 * TanStack Query keys for what every area reads. Answers that depend on who is signed in live
 * under `userKey(...)`: the session drops them all when someone signs in or out, so one account
 * never sees another's cached cart or orders.
 */
export const USER_SCOPE = 'user';

export function userKey<const Rest extends readonly unknown[]>(
  userId: string | null,
  ...rest: Rest
) {
  return [USER_SCOPE, userId ?? 'guest', ...rest] as const;
}

export const sharedKeys = {
  me: ['me'] as const,
  health: ['health'] as const,
  conferences: ['conferences'] as const,
  conference: (slug: string) => ['conference', slug] as const,
};
