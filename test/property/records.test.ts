// Random sequences of receipts, batches, shipments, status changes and corrections — valid or not —
// never make a balance negative, a refused action writes nothing, and balances rebuilt from the events
// always equal the maintained ones. The totals kept by triggers (usable stock per product and location, outbox
// counts) equal a recomputation after every step, and FEFO proposals read from them and the FEFO index equal
// proposals made the plain way: every usable lot read and sorted by fefoCompare.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fefoCompare, type FefoCandidate } from '../../shared/domain/lots';
import type { Core } from '../../main/core/core';
import { recordsWorld } from '../unit/lots-fixtures';

type Op =
  | { t: 'receive'; product: number; qty: number; loc: number; expiry: number | null; made: number | null }
  | { t: 'batch'; picks: { lot: number; qty: number }[]; outQty: number[]; override: boolean }
  | { t: 'ship'; lot: number; qty: number; loc: number; transfer: boolean }
  | { t: 'status'; lot: number; status: 'on_hold' | 'available' | 'recalled' | 'destroyed' }
  | { t: 'reverse'; event: number }
  | { t: 'correct'; event: number; line: number; factor: number };

const qty = fc.integer({ min: 1, max: 50_000 }).map((m) => m / 1000);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('receive' as const),
      product: fc.nat(2),
      qty: fc.integer({ min: 1, max: 100 }),
      loc: fc.nat(1),
      // Days after the world's today (several lots share a day, so ties fall to the later keys).
      expiry: fc.option(fc.integer({ min: 1, max: 6 }).map((d) => d * 30)),
      made: fc.option(fc.integer({ min: 1, max: 3 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('batch' as const),
      picks: fc.array(fc.record({ lot: fc.nat(30), qty }), { minLength: 1, maxLength: 4 }),
      outQty: fc.array(qty, { minLength: 1, maxLength: 3 }),
      override: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('ship' as const),
      lot: fc.nat(30),
      qty,
      loc: fc.nat(1),
      transfer: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('status' as const),
      lot: fc.nat(30),
      status: fc.constantFrom('on_hold' as const, 'available' as const, 'recalled' as const, 'destroyed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse' as const), event: fc.nat(60) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('correct' as const),
      event: fc.nat(60),
      line: fc.nat(5),
      factor: fc.double({ min: 0, max: 1.5, noNaN: true }),
    }),
  },
);

const dayAfter = (days: number) => new Date(Date.UTC(2026, 10, 29 + days)).toISOString().slice(0, 10);

function maintainedTotals(core: Core) {
  return core.db
    .prepare(
      'SELECT product_id, location_id, qty_milli FROM usable_totals WHERE qty_milli <> 0 ORDER BY product_id, location_id',
    )
    .all()
    .concat(core.db.prepare('SELECT n FROM outbox_count').all())
    .concat(core.db.prepare('SELECT portal_id, status, n FROM outbox_status_count WHERE n <> 0 ORDER BY 1, 2').all());
}

function recomputedTotals(core: Core) {
  return core.db
    .prepare(
      `SELECT l.product_id, s.location_id, SUM(s.qty_milli) AS qty_milli FROM lot_stock s JOIN lots l ON l.id = s.lot_id
       WHERE l.status = 'available' GROUP BY 1, 2 HAVING SUM(s.qty_milli) <> 0 ORDER BY 1, 2`,
    )
    .all()
    .concat(core.db.prepare('SELECT COUNT(*) AS n FROM outbox').all())
    .concat(
      core.db.prepare('SELECT portal_id, status, COUNT(*) AS n FROM outbox_status GROUP BY 1, 2 ORDER BY 1, 2').all(),
    );
}

type Ask = { productId: number; qty: number; locationId?: number; date: string; excludeLotIds?: number[] };

/** A proposal the plain way: every usable lot read, summed at the location and sorted by fefoCompare. */
function plainProposal(core: Core, a: Ask) {
  const rows = (
    core.db
      .prepare(
        `SELECT l.id AS lotId, l.code AS lotCode, l.supplier_lot_code AS supplierLotCode, l.expiry_date AS expiryDate,
           l.production_date AS productionDate, l.id AS createdOrder, l.unit, l.balance_milli AS availableMilli,
           COALESCE((SELECT qty_milli FROM lot_stock s WHERE s.lot_id = l.id AND s.location_id = ?), 0) AS here
         FROM lots l WHERE l.product_id = ? AND l.balance_milli > 0 AND l.status = 'available'
           AND (l.expiry_date IS NULL OR l.expiry_date >= ?)`,
      )
      .all(a.locationId ?? 0, a.productId, a.date) as (FefoCandidate & {
      lotCode: string;
      supplierLotCode: string | null;
      unit: string;
      here: number;
    })[]
  ).filter((r) => !(a.excludeLotIds ?? []).includes(r.lotId));
  const need = Math.round(a.qty * 1000);
  const hereOnly = a.locationId !== undefined && rows.reduce((s, r) => s + r.here, 0) >= need;
  let left = need;
  const lots = [];
  const otherLots = [];
  for (const r of (hereOnly ? rows.filter((r) => r.here > 0) : rows).sort(fefoCompare)) {
    if (left <= 0 && otherLots.length >= 50) break;
    const rem = hereOnly ? r.here : r.availableMilli;
    const days = r.expiryDate ? Math.round((Date.parse(r.expiryDate) - Date.parse(a.date)) / 86_400_000) : null;
    const row = {
      lotId: r.lotId,
      lotCode: r.lotCode,
      supplierLotCode: r.supplierLotCode,
      expiryDate: r.expiryDate,
      daysToExpiry: days,
      productionDate: r.productionDate,
      remaining: rem / 1000,
      selected: 0,
      unit: r.unit,
    };
    if (left > 0) {
      const take = Math.min(left, rem);
      left -= take;
      lots.push({ ...row, selected: take / 1000 });
    } else otherLots.push(row);
  }
  const product = core.run('products.get', { id: a.productId });
  return {
    productId: a.productId,
    productName: product.name,
    unit: product.unit,
    need: need / 1000,
    selectedTotal: (need - left) / 1000,
    shortfall: left / 1000,
    lots,
    otherLots,
  };
}

describe('records under random sequences', () => {
  it('keeps balances non-negative, refusals side-effect free, and rebuilds equal', () => {
    const outcome: Record<string, { ok: number; refused: number }> = {};
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        const w = recordsWorld();
        const { core } = w;
        const products = [w.rawCashew.id, w.salt.id, w.roasted.id];
        const locs = [w.workshop.id, w.warehouse.id];
        const lotIds = () => core.db.prepare('SELECT id FROM lots ORDER BY id').pluck().all() as number[];
        const eventIds = () => core.db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as number[];
        const fingerprint = () =>
          JSON.stringify([
            core.db.prepare('SELECT count(*) FROM events').pluck().get(),
            core.db.prepare('SELECT count(*) FROM event_lines').pluck().get(),
            core.db.prepare('SELECT id, balance_milli, status FROM lots').all(),
            core.db.prepare('SELECT * FROM lot_stock').all(),
          ]);
        for (const o of ops) {
          const lots = lotIds();
          const lot = (n: number) => lots[n % Math.max(1, lots.length)] ?? 999;
          let res: { ok: boolean };
          const before = fingerprint();
          switch (o.t) {
            case 'receive':
              res = core.call('receipts.create', {
                supplierId: w.supplier.id,
                locationId: locs[o.loc],
                lines: [
                  {
                    productId: products[o.product],
                    qty: o.qty,
                    expiryDate: o.expiry === null ? null : dayAfter(o.expiry),
                    productionDate: o.made === null ? null : dayAfter(-o.made),
                  },
                ],
              });
              break;
            case 'batch':
              res = core.call('batches.record', {
                productId: w.roasted.id,
                locationId: w.workshop.id,
                inputs: o.picks.map((p) => ({
                  lotId: lot(p.lot),
                  qty: p.qty,
                  ...(o.override ? { override: { reason: 'thử nghiệm' } } : {}),
                })),
                outputs: o.outQty.map((q) => ({ qty: q })),
              });
              break;
            case 'ship':
              res = o.transfer
                ? core.call('shipments.create', {
                    kind: 'transfer',
                    fromLocationId: locs[o.loc],
                    toLocationId: locs[1 - o.loc],
                    lines: [{ lotId: lot(o.lot), qty: o.qty }],
                  })
                : core.call('shipments.create', {
                    customerId: w.customer.id,
                    fromLocationId: locs[o.loc],
                    lines: [{ lotId: lot(o.lot), qty: o.qty }],
                  });
              break;
            case 'status':
              res = core.call('lots.setStatus', { lotIds: [lot(o.lot)], status: o.status, reason: 'kiểm tra' });
              break;
            case 'reverse': {
              const evs = eventIds();
              res = core.call('events.reverse', {
                eventId: evs[o.event % Math.max(1, evs.length)] ?? 1,
                reason: 'nhầm',
              });
              break;
            }
            case 'correct': {
              const evs = eventIds();
              const id = evs[o.event % Math.max(1, evs.length)] ?? 1;
              const lines = core.db.prepare('SELECT id, qty_milli FROM event_lines WHERE event_id = ?').all(id) as {
                id: number;
                qty_milli: number;
              }[];
              const l = lines[o.line % Math.max(1, lines.length)];
              res = l
                ? core.call('events.correct', {
                    eventId: id,
                    lines: [{ lineId: l.id, qty: Math.round(Math.abs(l.qty_milli) * o.factor) / 1000 }],
                    reason: 'cân lại',
                  })
                : { ok: false };
              break;
            }
          }
          const o2 = (outcome[o.t] ??= { ok: 0, refused: 0 });
          if (res.ok) o2.ok++;
          else o2.refused++;
          if (!res.ok) expect(fingerprint()).toBe(before);
          const neg = core.db.prepare('SELECT count(*) FROM lots WHERE balance_milli < 0').pluck().get() as number;
          expect(neg).toBe(0);
          const res2 = core.db.prepare('SELECT count(*) FROM lot_stock WHERE qty_milli < 0').pluck().get() as number;
          expect(res2).toBe(0);
          expect(maintainedTotals(core)).toEqual(recomputedTotals(core));
        }
        expect(core.run('stock.rebuild', {}).differences).toEqual([]);
        // Per lot, the maintained balance equals the sum over its locations.
        const mismatch = core.db
          .prepare(
            'SELECT count(*) FROM lots l WHERE l.balance_milli <> COALESCE((SELECT SUM(qty_milli) FROM lot_stock s WHERE s.lot_id = l.id), 0)',
          )
          .pluck()
          .get();
        expect(mismatch).toBe(0);
        for (const productId of products)
          for (const locationId of [undefined, ...locs])
            for (const date of [dayAfter(0), dayAfter(100), dayAfter(200)])
              for (const qty of [0.5, 20, 150])
                for (const excludeLotIds of [undefined, lotIds().slice(0, 2)]) {
                  const ask = { productId, qty, locationId, date, excludeLotIds };
                  expect(core.run('lots.propose', ask), JSON.stringify(ask)).toEqual(plainProposal(core, ask));
                }
        core.close();
      }),
      { numRuns: 50 },
    );
    // The sequences must exercise both paths of every action, or the property says little.
    for (const t of ['receive', 'batch', 'ship', 'status', 'reverse', 'correct'])
      expect(outcome[t]?.ok ?? 0, `${t} succeeded`).toBeGreaterThan(0);
    for (const t of ['batch', 'ship']) expect(outcome[t]?.refused ?? 0, `${t} refused`).toBeGreaterThan(0);
  }, 180_000);
});
