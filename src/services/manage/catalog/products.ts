import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import type { Conference } from '../../../db/schema/index.ts';
import { withTx } from '../../../db/transactions.ts';
import { translateConstraintErrors } from '../common/constraint-errors.ts';
import { patched } from '../common/patch.ts';
import { assertWindowOrdered } from '../common/window.ts';
import { assertScopesSurviveDeletion } from './assert-scopes-survive.ts';
import type {
  ListedProduct,
  ManagedProduct,
  ProductInput,
  ProductKind,
  ProductTable,
} from './product-kind.ts';
import { slugTakenOn } from './slug-taken.ts';
import { resolveSlug } from './slugs.ts';

/** D3.5: a product's sale window, in the API's field names. */
export const PRODUCT_WINDOW = { fromField: 'availableFrom', untilField: 'availableUntil' };

type Stored = ProductTable['$inferSelect'];

/** Whatever a kind's row, listing, input and own fields are. */
type Kind<R, L, I, E> = ProductKind<R & Stored, L & ListedProduct, I & ProductInput, E>;
export type ManagedOf<E> = ManagedProduct & E;

function managedOf<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  row: R & Stored,
  listed: L & ListedProduct,
): ManagedOf<E> {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: listed.currency,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    totalQuantity: row.totalQuantity,
    ...kind.extra(row, listed),
    isActive: row.isActive,
    bulkEnabled: row.bulkEnabled,
    sortOrder: row.sortOrder,
    sold: listed.sold,
    remaining: listed.remaining,
    saleState: listed.saleState,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Every product of the kind, hidden and inactive ones included, in CAT-1 / CAT-4 order. Remaining
 * stock and sale state come from the public catalog's one derivation, so staff and buyers never
 * disagree.
 */
export async function listManagedProducts<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedOf<E>[]> {
  const table = kind.table;
  const [rows, listed] = await Promise.all([
    db
      .select()
      .from(table)
      .where(eq(table.conferenceId, conference.id))
      .orderBy(asc(table.sortOrder), asc(table.name)),
    kind.listCatalog(db, conference, now),
  ]);
  const listedById = new Map(listed.map((entry) => [entry.id, entry]));
  return rows.flatMap((row) => {
    const entry = listedById.get(row.id);
    // A row created between the two reads has no derived figures yet; the next read shows it.
    return entry ? [managedOf(kind, row as R & Stored, entry)] : [];
  });
}

export async function getManagedProduct<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedOf<E>> {
  const found = (await listManagedProducts(kind, db, conference, now)).find((p) => p.id === id);
  if (!found) throw kind.notFound(id);
  return found;
}

export async function getProductRowOrThrow<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conferenceId: string,
  id: string,
): Promise<R & Stored> {
  const table = kind.table;
  const [row] = await db
    .select()
    .from(table)
    .where(and(eq(table.conferenceId, conferenceId), eq(table.id, id)))
    .limit(1);
  if (!row) throw kind.notFound(id);
  return row as R & Stored;
}

export async function createProduct<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conference: Conference,
  input: I & ProductInput,
  now: Date,
): Promise<ManagedOf<E>> {
  const slug = resolveSlug(input.slug, input.name);
  assertWindowOrdered(input.availableFrom, input.availableUntil, PRODUCT_WINDOW);
  const id = await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const [created] = await tx
          .insert(kind.table)
          .values({
            ...kind.columns(input),
            name: input.name,
            price: input.price,
            slug,
            conferenceId: conference.id,
          })
          .returning({ id: kind.table.id });
        if (!created) throw new Error(`${kind.noun} insert returned no row`);
        await kind.writeLinks?.(tx, conference.id, created.id, input);
        return created.id;
      }),
    slugTakenOn(kind.slugUnique, kind.noun, slug),
  );
  return getManagedProduct(kind, db, conference, id, now);
}

/** Changes only the given fields; lowering stock below sales is allowed (CAT-2 goes negative). */
export async function updateProduct<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conference: Conference,
  id: string,
  patch: Partial<I & ProductInput>,
  now: Date,
): Promise<ManagedOf<E>> {
  const current = await getProductRowOrThrow(kind, db, conference.id, id);
  const slug = patch.slug === undefined ? current.slug : resolveSlug(patch.slug, current.name);
  const given: Partial<ProductInput> = patch;
  assertWindowOrdered(
    patched(given.availableFrom, current.availableFrom),
    patched(given.availableUntil, current.availableUntil),
    PRODUCT_WINDOW,
  );
  const table = kind.table;
  await translateConstraintErrors(
    () =>
      withTx(db, async (tx) => {
        const updated = await tx
          .update(table)
          .set({ ...kind.columns(patch), updatedAt: sql`now()` })
          .where(and(eq(table.conferenceId, conference.id), eq(table.id, id)))
          .returning({ id: table.id });
        if (updated.length === 0) throw kind.notFound(id);
        await kind.writeLinks?.(tx, conference.id, id, patch);
      }),
    slugTakenOn(kind.slugUnique, kind.noun, slug),
  );
  return getManagedProduct(kind, db, conference, id, now);
}

/**
 * CAT-5: cart lines go with it (cascade); order lines keep their snapshot and lose the reference,
 * so deleting a product that was sold is allowed and sales history stays intact.
 */
export async function deleteProduct<R, L, I, E>(
  kind: Kind<R, L, I, E>,
  db: Database,
  conference: Conference,
  id: string,
): Promise<void> {
  const table = kind.table;
  await withTx(db, async (tx) => {
    await getProductRowOrThrow(kind, tx, conference.id, id);
    await assertScopesSurviveDeletion(tx, conference.id, kind.scopeKind, id);
    const deleted = await tx
      .delete(table)
      .where(and(eq(table.conferenceId, conference.id), eq(table.id, id)))
      .returning({ id: table.id });
    if (deleted.length === 0) throw kind.notFound(id);
  });
}
