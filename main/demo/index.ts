// Builds a complete, realistic demo business through the API (the same service functions the app uses):
// master data, recipes, then day by day over a period: receipts when stock runs short, batches planned
// from recipes with FEFO-proposed lots (multi-level: raw cashew → kernels → roasted jars; green coffee →
// roasted → ground bags), shipments to customers, transfers to the shop, holds/releases, a recall,
// corrections, and disposal of expired stock. Deterministic for a seed (apart from event UUIDs).
// Speed: one transaction per simulated day (each API call inside is a savepoint) and cached prepared
// statements; memory stays flat because only the last days' output lots are kept in memory.
import type { Core, ServiceContext } from '../core/core';
import type { BatchPlan } from '../../shared/api/batches';
import type { Recipe } from '../../shared/api/recipes';
import { api, type ApiInput } from '../../shared/api/contract';
import { planBatch, writeBatch } from '../core/services/batches';
import { writeReceipt } from '../core/services/receipts';
import { writeShipment } from '../core/services/shipments';
import { addDays } from '../../shared/domain/lots';
import { clockFromEnv, todayLocal } from '../clock';
import { unitDef } from '../../shared/domain/units';
import { productPicture } from './pictures';
import {
  BUSINESS,
  BUYERS,
  CUSTOMERS,
  DRIVERS,
  LOCATIONS,
  OPERATORS,
  PLATES,
  PRODUCTS,
  RECIPES,
  SUPPLIERS,
  SUPPLY,
  gln,
  taxCode,
} from './data';

export type DemoOptions = {
  scenario?: string;
  scale?: number;
  seed?: number;
  endDate?: string;
  log?: (line: string) => void;
};
export type DemoClock = { now(): Date; offset: string; set(iso: string): void };
export type DemoReport = {
  scenario: string;
  scale: number;
  seed: number;
  days: number;
  from: string;
  to: string;
  counts: Record<string, number>;
  seconds: number;
};

export const SCENARIOS = ['dongnai'] as const;

/** A clock the builder moves through the simulated days, so recorded times match the story. */
export function demoClock(startIso = clockFromEnv().now().toISOString()): DemoClock {
  let t = new Date(startIso);
  return { offset: '+07:00', now: () => new Date(t.getTime()), set: (iso) => (t = new Date(iso)) };
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function buildDemo(core: Core, clock: DemoClock, opts: DemoOptions = {}): DemoReport {
  const started = Date.now();
  const scenario = opts.scenario ?? 'dongnai';
  if (!(SCENARIOS as readonly string[]).includes(scenario))
    throw new Error(`unknown scenario ${scenario}; known: ${SCENARIOS.join(', ')}`);
  const scale = Math.max(1, Math.floor(opts.scale ?? 200));
  const seed = opts.seed ?? 1;
  const r = rng(seed);
  const log = opts.log ?? (() => {});
  // The story ends yesterday: nothing in it is recorded after "now", so a trainee's first steps are the newest.
  const end = opts.endDate ?? addDays(todayLocal(clock), -1);
  // A small demo covers two months; large ones spread ~90 batches a day over at most three years.
  const days = scale <= 1200 ? 60 : Math.min(1095, Math.ceil(scale / 20));
  const start = addDays(end, -days);
  const at = (date: string, minute: number) =>
    clock.set(
      `${date}T${String(7 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`,
    );
  const db = core.db;
  // Passing the language saves the core a settings lookup per call.
  const run: Core['run'] = (m, input) => core.run(m, input, { lang: 'vi', user: 'demo' });
  // The hot paths call the same service functions as the API (input parsed by the same zod schemas) but
  // skip building the views the screens need, inside the day's transaction.
  // Products and locations do not change while the demo records, so their rows are read once.
  const ctx: ServiceContext = {
    db,
    clock,
    user: 'demo',
    lang: 'vi',
    dbPath: core.dbPath,
    host: 'cli',
    rowMemo: new Map(),
  };
  const recipeCache = new Map<number, Recipe>();
  const plan = (input: ApiInput<'batches.plan'>) => planBatch(ctx, api['batches.plan'].input.parse(input), recipeCache);
  const record = (input: ApiInput<'batches.record'>) => writeBatch(ctx, api['batches.record'].input.parse(input));
  const receipt = (input: ApiInput<'receipts.create'>) => writeReceipt(ctx, api['receipts.create'].input.parse(input));
  const shipment = (input: ApiInput<'shipments.create'>) =>
    writeShipment(ctx, api['shipments.create'].input.parse(input));

  // ---------- master data ----------
  at(start, 0);
  const ids = db
    .transaction(() => {
      run('business.update', BUSINESS);
      const loc: Record<string, number> = {};
      for (const l of LOCATIONS)
        loc[l.key] = run('locations.create', { name: l.name, kind: l.kind, address: l.address, gln: l.gln }).id;
      const partner: Record<string, number> = {};
      SUPPLIERS.forEach(
        (s, i) =>
          (partner[s.key] = run('partners.create', {
            kind: 'supplier',
            name: s.name,
            address: s.address,
            contactPerson: s.contactPerson,
            taxCode: taxCode(360200000 + i * 7919),
            gln: gln(20 + i),
            phone: `0251 38${String(10000 + i * 137).slice(-5)}`,
          }).id),
      );
      CUSTOMERS.forEach(
        (c, i) =>
          (partner[c.key] = run('partners.create', {
            kind: 'customer',
            name: c.name,
            address: c.address,
            taxCode: taxCode(360500000 + i * 6151),
            gln: gln(50 + i),
            phone: `0909 ${String(100000 + i * 7331).slice(-6)}`,
          }).id),
      );
      const product: Record<string, number> = {};
      for (const { key, picture, ...p } of PRODUCTS)
        product[key] = run('products.create', picture ? { ...p, image: productPicture(...picture) } : p).id;
      const recipe: Record<string, number> = {};
      for (const d of RECIPES) {
        recipe[d.key] = run('recipes.create', {
          productId: product[d.product],
          name: d.name,
          batchSize: d.batchSize,
          batchUnit: d.batchUnit,
          inputMode: d.inputMode,
          inputs: d.inputs.map((i) => ({
            productId: product[i.product],
            qty: i.qty,
            percent: i.percent,
            unit: i.unit,
          })),
          byProducts: (d.byProducts ?? []).map((b) => ({ productId: product[b.product], qty: b.qty, unit: b.unit })),
          yieldPct: d.yieldPct,
          lossPct: d.lossPct,
          steps: d.steps,
        }).id;
      }
      return { loc, partner, product, recipe };
    })
    .immediate();
  const productKey = new Map(Object.entries(ids.product).map(([k, v]) => [v, k]));
  const recipeFor: Record<string, string> = Object.fromEntries(RECIPES.map((d) => [d.product, d.key]));

  const counts = {
    receipts: 0,
    batches: 0,
    shipments: 0,
    transfers: 0,
    statusChanges: 0,
    corrections: 0,
    recipeVersions: 0,
  };
  let minute = 0;
  const tick = (date: string) => at(date, Math.min(12 * 60 - 1, (minute += 1)));
  let deliveryNo = 0;
  let docNo = 0;

  const receive = (date: string, key: string, need: number) => {
    const s = SUPPLY[key];
    // The farm delivers fresh pork, fat and banana leaves together on one delivery note.
    const keys = s.suppliers[0] === 'pork' ? ['pork', 'fat', 'leaf'] : [key];
    const lines = keys.flatMap((k) => {
      const sk = SUPPLY[k];
      const p = PRODUCTS.find((x) => x.key === k)!;
      // Pieces arrive whole (an even number, so two pallets split evenly).
      const whole = unitDef(p.unit)?.dimension === 'count';
      const raw = Math.max(k === key ? need * 1.1 : 0, sk.delivery * r.between(0.8, 1.2));
      const qty = whole ? Math.ceil(raw / 2) * 2 : round3(raw);
      // Large deliveries arrive as several lots (one per pallet / supplier lot).
      const parts = qty > 2 * sk.delivery ? 2 : 1;
      const code = p.code.replace(/[^A-Z]/g, '').slice(0, 3);
      return Array.from({ length: parts }, (_, i) => ({
        productId: ids.product[k],
        qty: round3(qty / parts),
        supplierLotCode: `${code}${date.replace(/-/g, '').slice(2)}${String.fromCharCode(65 + i)}${r.int(10, 99)}`,
        productionDate: addDays(date, -r.int(1, Math.min(20, Math.max(1, Math.floor((p.shelfLifeDays ?? 30) / 3))))),
      }));
    });
    tick(date);
    const rc = receipt({
      supplierId: ids.partner[r.pick(s.suppliers)],
      locationId: keys.includes('pork') ? ids.loc.workshop : ids.loc.warehouse,
      date,
      documentRef: `PN${date.slice(2, 4)}${date.slice(5, 7)}-${String(++deliveryNo).padStart(5, '0')}`,
      lines,
    });
    counts.receipts++;
    // Now and then a delivery is weighed again and corrected (a real shop's most common correction).
    if (counts.receipts % 150 === 0) {
      const ev = run('events.get', { id: rc.lines[0].eventId });
      run('events.correct', {
        eventId: ev.id,
        lines: [
          {
            lineId: ev.lines[0].lineId,
            qty:
              unitDef(ev.lines[0].unit)?.dimension === 'count' ? ev.lines[0].qty - 1 : round3(ev.lines[0].qty * 0.99),
          },
        ],
        reason: 'Cân lại khi nhập hàng: thiếu 1%',
      });
      counts.corrections++;
    }
  };

  const recent: { lotId: number; productKey: string; qty: number; second?: boolean }[] = [];
  const lotState = db.prepare(
    'SELECT COALESCE((SELECT qty_milli FROM lot_stock WHERE lot_id = l.id AND location_id = ?), 0) AS balance_milli, status FROM lots l WHERE l.id = ?',
  );

  /** Plans a batch from its recipe; makes sure inputs exist (receipts, or a lower-level batch), records it. */
  const produce = (date: string, productKeyToMake: string, sizeFactor: number, depth = 0): void => {
    const rk = recipeFor[productKeyToMake];
    const def = RECIPES.find((d) => d.key === rk)!;
    const size = round3(def.batchSize * sizeFactor);
    let pl: BatchPlan = plan({ recipeId: ids.recipe[rk], size, locationId: ids.loc.workshop, productionDate: date });
    for (let attempt = 0; attempt < 3 && pl.inputs.some((i) => i.shortfall > 0); attempt++) {
      for (const i of pl.inputs.filter((x) => x.shortfall > 0)) {
        const key = productKey.get(i.productId)!;
        if (SUPPLY[key]) receive(date, key, i.shortfall);
        else if (recipeFor[key] && depth < 3) {
          const lower = RECIPES.find((d) => d.key === recipeFor[key])!;
          const perBatch = (lower.batchSize * (lower.yieldPct ?? 100)) / 100;
          produce(date, key, Math.max(1, Math.min(3, i.shortfall / perBatch)) * r.between(0.95, 1.05), depth + 1);
        }
      }
      pl = plan({ recipeId: ids.recipe[rk], size, locationId: ids.loc.workshop, productionDate: date });
    }
    if (pl.inputs.some((i) => i.shortfall > 0)) return;
    tick(date);
    const rec = pl.record;
    const outputs = rec.outputs!.map((o) => ({ ...o, qty: Math.max(1, Math.round(o.qty * r.between(0.97, 1.02))) }));
    // Big finished batches are packed on two pallets: two output lots, consumption split between them.
    if (outputs[0].qty >= 150 && r.next() < 0.3) {
      const half = Math.floor(outputs[0].qty / 2);
      outputs.splice(1, 0, { ...outputs[0], lotCode: null, qty: outputs[0].qty - half });
      outputs[0] = { ...outputs[0], qty: half };
    }
    const b = record({
      ...rec,
      outputs,
      operator: r.pick(OPERATORS),
      requestKey: `demo-${seed}-${date}-${counts.batches}`,
    });
    counts.batches++;
    for (const o of b.outputs) {
      const k = productKey.get(o.productId)!;
      if (BUYERS[k]) recent.push({ lotId: o.lotId, productKey: k, qty: o.qtyMilli / 1000 });
    }
  };

  const ship = (date: string) => {
    // Ship most of what was made: finished goods to their usual buyers, shells to the oil press.
    const byCustomer = new Map<string, { lotId: number; qty: number }[]>();
    const keep: typeof recent = [];
    for (const o of recent) {
      const lot = lotState.get(ids.loc.workshop, o.lotId) as { balance_milli: number; status: string };
      if (lot.status !== 'available' || lot.balance_milli <= 0) continue;
      const bal = lot.balance_milli / 1000;
      // First pass sells most of a lot, the next day's pass the rest: stock stays realistic and bounded.
      const qty = o.productKey === 'shell' || o.second ? bal : Math.floor(bal * r.between(0.6, 0.95));
      if (!o.second && qty < bal) keep.push({ ...o, second: true });
      if (qty <= 0) continue;
      const c = r.pick(BUYERS[o.productKey]);
      const lines = byCustomer.get(c) ?? [];
      lines.push({ lotId: o.lotId, qty });
      byCustomer.set(c, lines);
    }
    recent.length = 0;
    recent.push(...keep);
    for (const [c, lines] of byCustomer) {
      tick(date);
      shipment({
        customerId: ids.partner[c],
        fromLocationId: ids.loc.workshop,
        date,
        documentRef: `PX${date.slice(2, 4)}${date.slice(5, 7)}-${String(++docNo).padStart(5, '0')}`,
        vehiclePlate: r.pick(PLATES),
        driver: r.pick(DRIVERS),
        lines,
      });
      counts.shipments++;
    }
  };

  const makes = ['kernel', 'cashewJar', 'roastedCoffee', 'coffeeBag', 'gio'];
  const weights = [1, 2, 1, 2, 3];
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickMake = () => {
    let x = r.next() * totalWeight;
    for (let i = 0; i < makes.length; i++) if ((x -= weights[i]) < 0) return makes[i];
    return makes[makes.length - 1];
  };

  let recalled = false;
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d + 1);
    const target = Math.floor(((d + 1) * scale) / days) - Math.floor((d * scale) / days);
    minute = 0;
    db.transaction(() => {
      const before = counts.batches;
      for (let i = 0; counts.batches - before < target && i < target * 3; i++)
        produce(date, pickMake(), r.between(0.8, 1.2));
      ship(date);
      // Weekly: move some finished goods to the shop, dispose of expired stock.
      if (d % 7 === 3) {
        const lots = run('lots.list', {
          locationId: ids.loc.workshop,
          usable: true,
          productId: ids.product.cashewJar,
          limit: 2,
          sort: 'expiryDate',
        }).items;
        if (lots.length && lots.every((l) => (l.stock.find((x) => x.locationId === ids.loc.workshop)?.qty ?? 0) >= 3)) {
          tick(date);
          run('shipments.create', {
            kind: 'transfer',
            fromLocationId: ids.loc.workshop,
            toLocationId: ids.loc.shop,
            date,
            documentRef: `CK-${date}`,
            lines: lots.map((l) => ({
              lotId: l.id,
              qty: Math.max(1, Math.floor((l.stock.find((x) => x.locationId === ids.loc.workshop)?.qty ?? 0) / 3)),
            })),
          });
          counts.transfers++;
        }
        const expired = db
          .prepare(
            "SELECT id FROM lots WHERE balance_milli > 0 AND status = 'available' AND expiry_date < ? ORDER BY expiry_date LIMIT 200",
          )
          .pluck()
          .all(date) as number[];
        if (expired.length) {
          tick(date);
          run('lots.setStatus', {
            lotIds: expired,
            status: 'destroyed',
            reason: 'Hết hạn sử dụng, huỷ theo quy trình',
            date,
          });
          counts.statusChanges++;
        }
      }
      // Now and then a raw lot is held for a lab test, then released.
      if (d % 11 === 5) {
        const lot = db
          .prepare(
            "SELECT id FROM lots WHERE product_id = ? AND balance_milli > 0 AND status = 'available' ORDER BY id DESC LIMIT 1",
          )
          .pluck()
          .get(ids.product.greenCoffee) as number | undefined;
        if (lot) {
          tick(date);
          run('lots.setStatus', { lotIds: [lot], status: 'on_hold', reason: 'Chờ kết quả kiểm nghiệm độ ẩm', date });
          tick(date);
          run('lots.setStatus', {
            lotIds: [lot],
            status: 'available',
            reason: 'Kết quả kiểm nghiệm đạt (độ ẩm 12,1%)',
            date,
          });
          counts.statusChanges += 2;
        }
      }
      // Mid-period: the roasting recipe is adjusted (a new version; older batches keep theirs).
      if (d === Math.floor(days / 2)) {
        tick(date);
        run('recipes.update', {
          id: ids.recipe.roastCoffee,
          yieldPct: 81,
          steps: RECIPES[2].steps + '\n4. (Từ nay) rang thêm 30 giây cho vị đậm.',
        });
        recipeCache.delete(ids.recipe.roastCoffee);
        counts.recipeVersions++;
      }
      // Near the end: one giò lụa lot is recalled after a customer complaint.
      if (!recalled && d >= days - 5) {
        const lot = db
          .prepare("SELECT id FROM lots WHERE product_id = ? AND status = 'available' ORDER BY id DESC LIMIT 1")
          .pluck()
          .get(ids.product.gio) as number | undefined;
        if (lot) {
          tick(date);
          run('lots.setStatus', {
            lotIds: [lot],
            status: 'recalled',
            reason: 'Khách phản ánh giò có vị chua; thu hồi để kiểm tra',
            recallRef: `TH-${date}`,
            date,
          });
          counts.statusChanges++;
          recalled = true;
        }
      }
    }).immediate();
    if (d % 30 === 0 || d === days - 1)
      log(`${date}: ${counts.batches} mẻ, ${counts.receipts} phiếu nhập, ${counts.shipments} phiếu xuất`);
  }
  db.transaction(() => run('partners.archive', { id: ids.partner.old })).immediate();
  return {
    scenario,
    scale,
    seed,
    days,
    from: addDays(start, 1),
    to: end,
    counts,
    seconds: (Date.now() - started) / 1000,
  };
}
