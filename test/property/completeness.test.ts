// The completeness score is computed inside SQLite, one pass per check over the window's records. Here it is
// compared with a record-by-record computation in JavaScript from the raw tables, on demo data with random
// extra records that leave gaps (corrections to zero, receipts without the supplier's lot code), for several
// windows and limits.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { addDays } from '../../shared/domain/lots';
import { COMPLETENESS_CHECKS, type Completeness } from '../../shared/api/trace';
import type { Db } from '../../main/store/db';

type R = Record<string, unknown>;
const all = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table}`).all() as R[];

/** Each check's rows (id, label, ok) in the order its gaps are listed, from the tables as they are. */
function reference(db: Db, from: string, to: string): Record<string, { id: number; label: string; ok: boolean }[]> {
  const lines = all(db, 'event_lines');
  const corrections = new Map<number, number>();
  for (const l of lines)
    if (l.corrects_line_id !== null)
      corrections.set(
        l.corrects_line_id as number,
        (corrections.get(l.corrects_line_id as number) ?? 0) + (l.qty_milli as number),
      );
  const net = (l: R) => (l.qty_milli as number) + (corrections.get(l.id as number) ?? 0);
  const linesOf = new Map<number, R[]>();
  for (const l of lines)
    if (l.corrects_line_id === null)
      linesOf.set(l.event_id as number, [...(linesOf.get(l.event_id as number) ?? []), l]);
  const events = all(db, 'events');
  const docLines = (type: string, id: number, role: string) =>
    events
      .filter((e) => e.doc_type === type && e.doc_id === id)
      .flatMap((e) => (linesOf.get(e.id as number) ?? []).filter((l) => l.role === role).map((l) => ({ e, l })));
  const lots = new Map(all(db, 'lots').map((l) => [l.id as number, l]));
  const inWindow = (d: unknown) => (d as string) >= from && (d as string) <= to;
  const desc = (a: [string, number], b: [string, number]) => (a[0] !== b[0] ? (a[0] < b[0] ? 1 : -1) : b[1] - a[1]);
  const batches = all(db, 'batches').filter((b) => inWindow(b.production_date));
  const sorted = <T>(xs: { key: [string, number]; row: T }[]) =>
    xs.sort((a, b) => desc(a.key, b.key)).map((x) => x.row);
  const batchInputs = sorted(
    batches.map((b) => ({
      key: [b.production_date as string, b.id as number] as [string, number],
      row: {
        id: b.id as number,
        label: b.code as string,
        ok: docLines('batch', b.id as number, 'input').some(({ l }) => net(l) > 0),
      },
    })),
  );
  const outputQty = sorted(
    batches.flatMap((b) =>
      docLines('batch', b.id as number, 'output').map(({ l }) => ({
        key: [b.production_date as string, l.lot_id as number] as [string, number],
        row: { id: l.lot_id as number, label: `${lots.get(l.lot_id as number)!.code} (${b.code})`, ok: net(l) > 0 },
      })),
    ),
  );
  const shipmentLots = sorted(
    all(db, 'shipments')
      .filter((s) => s.kind === 'customer' && inWindow(s.ship_date))
      .map((s) => ({
        key: [s.ship_date as string, s.id as number] as [string, number],
        row: {
          id: s.id as number,
          label: (s.document_ref as string | null) ?? `#${s.id}`,
          ok: s.customer_id !== null && docLines('shipment', s.id as number, 'object').some(({ l }) => net(l) > 0),
        },
      })),
  );
  const received = new Map<string, { id: number; label: string; ok: boolean }>();
  for (const r of all(db, 'receipts').filter((x) => inWindow(x.receipt_date)))
    for (const { e, l } of docLines('receipt', r.id as number, 'object')) {
      const lot = lots.get(l.lot_id as number)!;
      const ok = (lot.supplier_id ?? e.source_partner_id) !== null && String(lot.supplier_lot_code ?? '').trim() !== '';
      received.set(`${lot.id}:${ok}`, { id: lot.id as number, label: lot.code as string, ok });
    }
  const receiptSupplier = [...received.values()].sort((a, b) => b.id - a.id);
  return { batchInputs, outputQty, shipmentLots, receiptSupplier };
}

function expected(db: Db, today: string, days: number, limit: number) {
  const rows = reference(db, addDays(today, -days), today);
  const checks = COMPLETENESS_CHECKS.map((k) => [k, rows[k].length, rows[k].filter((r) => r.ok).length]);
  const gaps = COMPLETENESS_CHECKS.flatMap((k) => rows[k].filter((r) => !r.ok).map((r) => [k, r.id, r.label]));
  return { checks, gaps: gaps.slice(0, limit), gapsTotal: gaps.length };
}

const actual = (c: Completeness) => ({
  checks: c.checks.map((x) => [x.key, x.total, x.passed]),
  gaps: c.gaps.map((g) => [g.check, g.entityId, g.label]),
  gapsTotal: c.gapsTotal,
});

describe('completeness', () => {
  it('agrees with a record-by-record computation on demo data with random gaps', () => {
    const clock = demoClock('2026-12-01T10:00:00+07:00');
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 300, seed: 3, endDate: '2026-11-30' });
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const today = '2026-11-30';
    const recent = core.db
      .prepare(
        "SELECT id FROM events WHERE doc_type IN ('batch', 'shipment', 'receipt') AND event_time >= ? ORDER BY id",
      )
      .pluck()
      .all('2026-11-05') as number[];
    let gapsMade = 0;
    for (const eventId of recent.filter(() => rand() < 0.15)) {
      const ev = core.run('events.get', { id: eventId });
      const line = ev.lines[Math.floor(rand() * ev.lines.length)];
      const r = core.call('events.correct', { eventId, lines: [{ lineId: line.lineId, qty: 0 }], reason: 'Ghi nhầm' });
      if (r.ok) gapsMade++;
    }
    const sup = core.run('partners.list', { kind: 'supplier', limit: 1 }).items[0];
    const loc = core.run('locations.list', { limit: 1 }).items[0];
    const raw = core.run('products.list', { kind: 'raw', limit: 1 }).items[0];
    for (let i = 0; i < 6; i++)
      core.run('receipts.create', {
        supplierId: sup.id,
        locationId: loc.id,
        date: addDays(today, -Math.floor(rand() * 40)),
        lines: [{ productId: raw.id, qty: 5, supplierLotCode: rand() < 0.5 ? null : `NCC-${i}` }],
      });
    expect(gapsMade).toBeGreaterThan(3);
    for (const days of [1, 7, 30, 90])
      for (const limit of [1, 8, 1000]) {
        const got = actual(core.run('trace.completeness', { days, limit }));
        expect(got).toEqual(expected(core.db, today, days, limit));
      }
    expect(actual(core.run('trace.completeness', { days: 30, limit: 1000 })).gapsTotal).toBeGreaterThan(3);
    core.close();
  });
});
