import { listOrders } from '../api/orders.ts';
import type { Conference } from '../api/types.ts';
import { OrderList } from '../components/order-list.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link, Redirect } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';

export function OrdersPage({ conference }: { conference: Conference }) {
  const session = useSession();
  const userId = session.me?.user.id ?? null;
  const orders = useResource(userId ? `orders:${conference.slug}:${userId}` : null, () =>
    listOrders(conference.slug),
  );
  if (session.loading) return <Loading what="your orders" />;
  if (!session.me) return <Redirect to={paths.signIn(paths.orders(conference.slug))} />;
  return (
    <section className="page">
      <h1>My orders</h1>
      <ErrorNote error={orders.error} onRetry={() => void orders.reload()} />
      {orders.loading && !orders.data && <Loading what="your orders" />}
      {orders.data?.length === 0 && (
        <Empty>
          <p>You have not ordered anything for {conference.name} yet.</p>
          <p>
            <Link to={paths.conference(conference.slug)} className="button">
              See tickets
            </Link>
          </p>
        </Empty>
      )}
      {orders.data && orders.data.length > 0 && (
        <OrderList slug={conference.slug} orders={orders.data} />
      )}
    </section>
  );
}
