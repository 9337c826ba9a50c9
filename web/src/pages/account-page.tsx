import { listConferences } from '../api/catalog.ts';
import { listOrders } from '../api/orders.ts';
import { OrderList } from '../components/order-list.tsx';
import { Empty, ErrorNote, Loading } from '../components/status.tsx';
import { useResource } from '../hooks/use-resource.ts';
import { paths } from '../router/paths.ts';
import { Link, Redirect } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';

async function ordersByConference() {
  const conferences = await listConferences();
  const orders = await Promise.all(conferences.map((c) => listOrders(c.slug)));
  return conferences
    .map((conference, i) => ({ conference, orders: orders[i] ?? [] }))
    .filter((entry) => entry.orders.length > 0);
}

export function AccountPage() {
  const session = useSession();
  const userId = session.me?.user.id ?? null;
  const orders = useResource(userId ? `account-orders:${userId}` : null, ordersByConference);
  if (session.loading) return <Loading what="your account" />;
  if (!session.me) return <Redirect to={paths.signIn(paths.account())} />;
  const { user } = session.me;
  const name = `${user.firstName} ${user.lastName}`.trim();
  return (
    <section className="page">
      <h1>Your account</h1>
      <dl className="facts">
        {name && (
          <>
            <dt>Name</dt>
            <dd>{name}</dd>
          </>
        )}
        <dt>Email</dt>
        <dd>{user.email}</dd>
      </dl>
      <h2>Your orders</h2>
      <ErrorNote error={orders.error} onRetry={() => void orders.reload()} />
      {orders.loading && !orders.data && <Loading what="your orders" />}
      {orders.data?.length === 0 && (
        <Empty>
          <p>
            You have no orders yet. <Link to={paths.home()}>Find a conference</Link>
          </p>
        </Empty>
      )}
      {orders.data?.map(({ conference, orders: list }) => (
        <section key={conference.id} className="account-conference">
          <h3>{conference.name}</h3>
          <OrderList slug={conference.slug} orders={list} />
        </section>
      ))}
    </section>
  );
}
