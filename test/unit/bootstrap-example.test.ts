import { describe, expect, it } from 'vitest';
import { readExampleConfig } from '../../src/services/bootstrap/index.ts';

describe('the bundled example', () => {
  it('parses into the documented setup', async () => {
    const config = await readExampleConfig();
    expect(config.conference.key).toBe('pycon-lanyard-2027');
    expect(config.notices).toEqual([]);
    expect(config.sections.map((s) => s.key)).toEqual(['tutorials', 'main-conference', 'sprints']);
    expect(config.tickets.map((t) => [t.key, t.values.price])).toEqual([
      ['corporate', 69900],
      ['individual', 39900],
      ['student', 12500],
      ['speaker', 0],
      ['online', 9900],
    ]);
    expect(config.addons).toHaveLength(4);
    expect(config.vouchers.map((v) => v.key)).toEqual([
      'STUDENT-2027',
      'SPEAKER-2027',
      'COMMUNITY15',
    ]);
    expect(config.discounts.map((d) => d.values.percentOffBp)).toEqual([1500, 1000]);
    expect(config.questions.map((q) => q.key)).toEqual(['tshirt_size', 'dietary_needs']);
  });

  it('keeps every ticket on sale from 2026-11-24 through the last conference day', async () => {
    const config = await readExampleConfig();
    const today = new Date('2026-11-24T12:00:00Z');
    const lastMinute = new Date('2027-05-21T03:59:59Z'); // 23:59:59 on 20 May in New York
    for (const ticket of config.tickets) {
      expect(ticket.values.availableFrom?.getTime()).toBeLessThanOrEqual(today.getTime());
      expect(ticket.values.availableUntil?.getTime()).toBe(lastMinute.getTime());
    }
  });
});
