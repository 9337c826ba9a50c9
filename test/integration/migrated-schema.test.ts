import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../src/db/raw.ts';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/db.ts';

/** Every entity of the foundation issue, as a table in the migrated database. */
const EXPECTED_TABLES = [
  'conferences',
  'conference_sections',
  'users',
  'sessions',
  'groups',
  'group_members',
  'roles',
  'role_assignments',
  'api_tokens',
  'speakers',
  'talks',
  'talk_speakers',
  'ticket_types',
  'addons',
  'addon_required_ticket_types',
  'vouchers',
  'voucher_ticket_types',
  'voucher_addons',
  'discount_conditions',
  'discount_condition_ticket_types',
  'discount_condition_addons',
  'discount_condition_groups',
  'discount_condition_enabling_ticket_types',
  'carts',
  'cart_items',
  'orders',
  'order_lines',
  'payments',
  'terminal_payments',
  'refunds',
  'refund_lines',
  'credits',
  'stripe_customers',
  'stripe_events',
  'event_processing_exceptions',
  'attendees',
  'attendee_questions',
  'attendee_answers',
  'check_ins',
  'door_checks',
  'product_redemptions',
  'badge_templates',
  'badges',
  'letter_requests',
  'purchase_orders',
  'purchase_order_lines',
  'purchase_order_payments',
  'purchase_order_credit_notes',
  'bulk_purchases',
  'bulk_purchase_vouchers',
  'outbox',
  'audit_log',
];

describeEachBackend('migrated schema', (ctx) => {
  const rows = <T>(query: SQL) => queryRows<T>(ctx.db, query);

  it('has a table for every entity', async () => {
    const tables = await rows<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((t) => t.table_name);
    for (const table of EXPECTED_TABLES) expect(names, table).toContain(table);
  });

  it('stores every money and id column with the right type', async () => {
    const floats = await rows<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('real', 'double precision', 'numeric', 'money')`);
    expect(floats).toEqual([]);
    const ids = await rows<{ table_name: string; data_type: string }>(sql`
      SELECT table_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'id' AND table_name <> 'sessions'`);
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((c) => c.data_type !== 'uuid')).toEqual([]);
    const naiveTimes = await rows<{ column_name: string }>(sql`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'`);
    expect(naiveTimes).toEqual([]);
  });

  it('enforces the key constraints in the database', async () => {
    const checks = await rows<{ conname: string; def: string }>(sql`
      SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c'`);
    const byName = new Map(checks.map((c) => [c.conname, c.def]));
    expect(byName.get('cart_items_one_product_check')).toMatch(/num_nonnulls/);
    expect(
      [...byName.keys()].some(
        (n) => n.startsWith('order_lines') && /addon_id IS NULL/.test(byName.get(n) ?? ''),
      ),
    ).toBe(true);
    expect(byName.get('cart_items_quantity_check')).toMatch(/quantity >= 1/);
    expect(byName.get('vouchers_percent_off_bp_check')).toMatch(
      /BETWEEN 0 AND 10000|>= 0.*<= 10000/,
    );
    expect(byName.get('ticket_types_price_check')).toMatch(/price >= 0/);

    const indexes = await rows<{ indexname: string; indexdef: string }>(
      sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const openCart = indexes.find(
      (i) =>
        i.indexname.startsWith('carts_') && /UNIQUE/.test(i.indexdef) && /open/.test(i.indexdef),
    );
    expect(openCart?.indexdef).toMatch(/\(user_id, conference_id\)/);
    expect(
      indexes.some((i) => /UNIQUE/.test(i.indexdef) && /lower\(email\)/.test(i.indexdef)),
    ).toBe(true);
    expect(
      indexes.some(
        (i) => /UNIQUE/.test(i.indexdef) && /vouchers/.test(i.indexdef) && /code/.test(i.indexdef),
      ),
    ).toBe(true);
  });

  it('refuses a cart line with both or neither product', async () => {
    const attempt = ctx.db.execute(sql`
      INSERT INTO cart_items (cart_id, conference_id, quantity)
      VALUES (gen_random_uuid(), gen_random_uuid(), 1)`);
    await expect(attempt).rejects.toThrow();
  });
});
