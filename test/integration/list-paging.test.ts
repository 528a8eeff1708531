// The record lists (batches, receipts, shipments, audit log) come a page at a time like the all-lots list:
// their default order reads through an index (no sort of the whole table), the pages add up to every row
// exactly once, the total is capped, and a page stays small whatever was written into the records.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { makeCore } from '../helpers/core';

const plan = (core: Core, sql: string) =>
  (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

/** Every page of a list, `limit` rows at a time, until the total is reached. */
function allPages<T extends { id: number }>(
  read: (offset: number) => { items: T[]; total: number },
): { ids: number[]; total: number } {
  const first = read(0);
  const ids = first.items.map((i) => i.id);
  while (ids.length < first.total) {
    const page = read(ids.length);
    expect(page.items.length).toBeGreaterThan(0);
    ids.push(...page.items.map((i) => i.id));
  }
  return { ids, total: first.total };
}

function business(core: Core, n: number) {
  const loc = core.run('locations.create', { name: 'Xưởng', kind: 'production' });
  const sup = core.run('partners.create', { kind: 'supplier', name: 'HTX Muối' });
  const cust = core.run('partners.create', { kind: 'customer', name: 'Cửa hàng Bình An' });
  const salt = core.run('products.create', { kind: 'raw', name: 'Muối', code: 'MUOI', unit: 'kg' });
  const out = core.run('products.create', { kind: 'finished', name: 'Điều rang muối', code: 'DRM', unit: 'kg' });
  // A long note on every receipt: the list's answer must not grow with what people type.
  const note = 'Ghi chú dài về chuyến hàng. '.repeat(18);
  for (let i = 0; i < n; i++) {
    const day = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
    const r = core.run('receipts.create', {
      supplierId: sup.id,
      locationId: loc.id,
      date: day,
      documentRef: `PN-${i}`,
      note,
      lines: [{ productId: salt.id, qty: 10, supplierLotCode: `M-${i}` }],
    });
    const b = core.run('batches.record', {
      productId: out.id,
      locationId: loc.id,
      productionDate: day,
      inputs: [{ lotId: r.lines[0].lot.id, qty: 1 }],
      outputs: [{ qty: 5 }],
    });
    core.run('shipments.create', {
      customerId: cust.id,
      fromLocationId: loc.id,
      date: day,
      lines: [{ lotId: b.outputs[0].lot.id, qty: 1 }],
    });
  }
}

describe('record lists at scale', () => {
  it('read in their default order through an index, never sorting the whole table', () => {
    const core = makeCore();
    const cases: [string, RegExp][] = [
      [
        `SELECT b.id FROM batches b JOIN products p ON p.id = b.product_id JOIN locations loc ON loc.id = b.location_id
         LEFT JOIN recipe_versions v ON v.id = b.recipe_version_id LEFT JOIN recipes r ON r.id = v.recipe_id
         ORDER BY b.production_date DESC, b.id DESC LIMIT 100`,
        /SCAN b USING INDEX batches_date/,
      ],
      [
        `SELECT r.id FROM receipts r JOIN partners s ON s.id = r.supplier_id JOIN locations loc ON loc.id = r.location_id
         ORDER BY r.receipt_date DESC, r.id DESC LIMIT 100`,
        /SCAN r USING INDEX receipts_date/,
      ],
      [
        `SELECT s.id FROM shipments s LEFT JOIN partners c ON c.id = s.customer_id JOIN locations f ON f.id = s.from_location_id
         LEFT JOIN locations t ON t.id = s.to_location_id ORDER BY s.ship_date DESC, s.id DESC LIMIT 100`,
        /SCAN s USING INDEX shipments_date/,
      ],
      ['SELECT * FROM audit_log ORDER BY id DESC LIMIT 100', /SCAN audit_log/],
    ];
    for (const [sql, index] of cases) {
      const p = plan(core, sql);
      expect(p).toMatch(index);
      expect(p).not.toContain('TEMP B-TREE');
    }
    core.close();
  });

  it('page through every receipt, batch, shipment and audit entry exactly once, in order', () => {
    const core = makeCore();
    const N = 75;
    business(core, N);
    const lists = {
      receipts: allPages((offset) => core.run('receipts.list', { limit: 17, offset })),
      batches: allPages((offset) => core.run('batches.list', { limit: 17, offset })),
      shipments: allPages((offset) => core.run('shipments.list', { limit: 17, offset })),
    };
    for (const [name, l] of Object.entries(lists)) {
      expect(l.total, name).toBe(N);
      expect(new Set(l.ids).size, name).toBe(N);
    }
    const audit = allPages((offset) => core.run('audit.list', { limit: 40, offset }));
    const allAudit = core.db.prepare('SELECT id FROM audit_log ORDER BY id DESC').pluck().all() as number[];
    expect(audit.ids).toEqual(allAudit);
    // Newest first, the same order as one long read.
    const dates = core.run('receipts.list', { limit: 1000 }).items.map((r) => `${r.date}#${1e6 + r.id}`);
    expect(dates).toEqual([...dates].sort().reverse());
    // A filter pages the same way.
    const oneDay = allPages((offset) =>
      core.run('batches.list', { from: '2026-11-03', to: '2026-11-03', limit: 2, offset }),
    );
    expect(oneDay.total).toBe(core.run('batches.list', { from: '2026-11-03', to: '2026-11-03' }).items.length);
    core.close();
  });

  it('keeps a page small: long texts are cut in the audit list, the total stops at its cap', () => {
    const core = makeCore();
    business(core, 3);
    const long = 'Mô tả sản phẩm rất dài. '.repeat(40);
    const made = core.run('products.create', {
      kind: 'finished',
      name: 'Điều muối ớt',
      code: 'DMO',
      unit: 'kg',
      usage: long,
    });
    core.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
         INSERT INTO audit_log (at, user, action, entity, entity_id, before, after)
         SELECT '2026-11-29T09:00:00.000+07:00', 'owner', 'test.filler', 'test', i, NULL, json_object('text', ?) FROM n`,
      )
      .run(long.repeat(3));
    const page = core.run('audit.list', { limit: 100 });
    expect(page.total).toBe(10_000);
    expect(page.totalCapped).toBe(true);
    expect(JSON.stringify(page).length).toBeLessThan(200_000);
    const entry = core.run('audit.list', { entity: 'product', entityId: String(made.id) }).items[0];
    const usage = (entry.after as { usage: string }).usage;
    expect(usage.startsWith('Mô tả sản phẩm rất dài.')).toBe(true);
    expect(usage.length).toBeLessThan(long.length);
    expect(usage.endsWith('…')).toBe(true);
    const receipts = core.run('receipts.list', { limit: 100 });
    expect(JSON.stringify(receipts).length).toBeLessThan(200_000);
    core.close();
  });
});
