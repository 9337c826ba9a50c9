import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../shared/session/session.tsx';
import { getOrder } from '../api/orders.ts';
import { storefrontKeys } from '../api/query-keys.ts';

/**
 * The signed-in buyer's order, loaded once the session is known; keyed by the user too, so a
 * different account never sees the previous one's order from the cache.
 */
export function useBuyerOrder(slug: string, reference: string) {
  const userId = useSession().me?.user.id ?? null;
  return useQuery({
    queryKey: storefrontKeys.order(userId, slug, reference),
    queryFn: () => getOrder(slug, reference),
    enabled: userId !== null,
  });
}
