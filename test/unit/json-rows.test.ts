import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { completeRowToJson, rowToJson } from '../../src/db/json-rows.ts';
import { orderLines, orders } from '../../src/db/schema/index.ts';

const ORDER_ID = '6f1c1f0e-5f7b-4c7e-9a53-2f4f0b3c9d10';
const CONFERENCE_ID = '0b6b7f0c-2a8e-4d6b-8a52-8f3f6f1a2b3c';
const at = new Date('2026-11-24T10:00:00.000Z');

const line = {
  id: 'a7d3c9e2-1b4f-4e8a-9c6d-5f2e1a0b3c4d',
  orderId: ORDER_ID,
  conferenceId: CONFERENCE_ID,
  productKind: 'ticket' as const,
  description: 'Conference pass',
  quantity: 1,
  unitPrice: 10_000,
  lineTotal: 10_000,
  createdAt: at,
};

describe('completeRowToJson (static inserts of migration 0008)', () => {
  it('gives every column a value: the one passed, the Drizzle default, or NULL', () => {
    const record = completeRowToJson(orderLines, line);
    const columns = Object.values(getTableColumns(orderLines)).map((column) => column.name);
    expect(Object.keys(record).sort()).toEqual(columns.sort());
    expect(record).toMatchObject({
      id: line.id,
      quantity: 1,
      created_at: at.toISOString(),
      condition_discount: 0,
      condition_name: '',
      cancelled_quantity: 0,
      order_status: 'pending',
      ticket_type_id: null,
      order_hold_expires_at: null,
    });
  });

  it('refuses to leave out a column whose default only the database knows', () => {
    const { id: _id, ...withoutId } = line;
    expect(() => completeRowToJson(orderLines, withoutId)).toThrow(/^id needs a value/);
    const { createdAt: _created, ...withoutCreated } = line;
    expect(() => completeRowToJson(orderLines, withoutCreated)).toThrow(
      /^created_at needs a value/,
    );
  });

  it('keeps what rowToJson writes for the columns given', () => {
    const order = {
      id: ORDER_ID,
      conferenceId: CONFERENCE_ID,
      userId: ORDER_ID,
      reference: 'ORD-ABCDEFGH',
      currency: 'USD',
      createdAt: at,
      updatedAt: at,
    };
    const given = rowToJson(orders, order);
    const complete = completeRowToJson(orders, order);
    expect(complete).toMatchObject(given);
    expect(complete).toMatchObject({ status: 'pending', needs_attention: false, paid_at: null });
  });
});
