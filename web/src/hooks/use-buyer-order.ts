import { getOrder } from '../api/orders.ts';
import type { OrderDetail } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import { useResource, type Resource } from './use-resource.ts';

/**
 * The signed-in buyer's order, loaded once the session is known; keyed by the user too, so a
 * different account never sees the previous one's order from the cache.
 */
export function useBuyerOrder(slug: string, reference: string): Resource<OrderDetail> {
  const session = useSession();
  const userId = session.me?.user.id ?? null;
  return useResource(userId ? `order:${slug}:${reference}:${userId}` : null, () =>
    getOrder(slug, reference),
  );
}
