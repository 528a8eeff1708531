// Trace and recall benchmark. On a multi-level dataset of about a million production
// batches with their receipts and shipments: backward and forward trace of 1,000 random single lots at
// the API (median, p95), the recall scope of a raw-material lot reaching ~10,000 downstream lots, and
// memory. Usage: node scripts/bench/trace.mjs [--scale N] [--db FILE] [--keep]
//   --db FILE  use an existing database (e.g. from `nguongoc demo --scale 1000000`) instead of generating
//   --scale N  batches to generate (default 1,000,000); the generated file is cached in the temp folder.
//
// The generator writes the event store exactly as docs/events.md describes (receipt, production with
// one TransformationEvent per output lot, shipment events; balances and lot_stock kept), with direct
// inserts in one transaction so a million batches take about a minute instead of hours through the API.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const Database = require('better-sqlite3');

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const SCALE = Number(opt('--scale', process.env.NGUONGOC_BENCH_SCALE ?? 1_000_000));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(2)} ms`;
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
// CPU time of this process during a call: on a machine shared with other work (CI runners, two cores and
// a busy test suite) wall time also counts waiting for a core; both are printed.
const cpuMs = (c0) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

// Deterministic pseudo-random numbers (mulberry32), so a scale always builds the same data.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(file, scale) {
  fs.rmSync(file, { force: true });
  lib.openDatabase(file).close(); // schema through the real migrations
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  const rand = rng(42);
  const now = '2026-11-28T17:00:00.000+07:00';
  const I = Math.round(scale * 0.3); // intermediate batches (roasting, grinding…)
  const F = scale - I; // finished batches (packing)
  const R = Math.max(50, Math.round(scale * 0.1)); // raw lots received
  const SALT_PER = 3000; // intermediate batches sharing one salt lot: its forward trace is ~10,000 lots
  const S = Math.ceil(I / SALT_PER);
  const P = Math.max(5, Math.ceil(F / 20000)); // packaging lots
  const day0 = Date.parse('2025-11-29T00:00:00Z');
  const dateAt = (frac) => new Date(day0 + Math.floor(frac * 364) * 86_400_000).toISOString().slice(0, 10);
  const t0 = performance.now();

  const ins = {
    loc: db.prepare('INSERT INTO locations (id, name, kind, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    product: db.prepare(
      'INSERT INTO products (id, kind, name, code, unit, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    partner: db.prepare(
      'INSERT INTO partners (id, kind, name, phone, email, contact_person, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    lot: db.prepare(
      'INSERT INTO lots (id, product_id, code, supplier_lot_code, supplier_id, production_date, expiry_date, unit, origin, balance_milli, created_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    event: db.prepare(
      'INSERT INTO events (id, event_id, kind, epcis_type, action, biz_step, disposition, event_time, event_time_zone_offset, recorded_at, location_id, source_partner_id, destination_partner_id, document_ref, doc_type, doc_id, user, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    line: db.prepare(
      'INSERT INTO event_lines (event_id, role, lot_id, qty_milli, unit, stock_delta_milli, location_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    receipt: db.prepare(
      'INSERT INTO receipts (id, supplier_id, location_id, receipt_date, document_ref, user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    batch: db.prepare(
      'INSERT INTO batches (id, code, product_id, location_id, production_date, size_milli, unit, user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    shipment: db.prepare(
      "INSERT INTO shipments (id, kind, customer_id, from_location_id, ship_date, document_ref, user, created_at) VALUES (?, 'customer', ?, ?, ?, ?, ?, ?)",
    ),
    stock: db.prepare('INSERT INTO lot_stock (lot_id, location_id, qty_milli) VALUES (?, ?, ?)'),
  };
  const totalLots = R + S + P + I + F;
  const balance = new Float64Array(totalLots + 1);
  const lotProduct = new Int32Array(totalLots + 1);
  let eventId = 0;
  let shipmentId = 0;
  const ev = (kind, type, action, bizStep, disposition, date, loc, src, dst, ref, docType, docId, data) => {
    ins.event.run(
      ++eventId,
      `urn:uuid:${crypto.randomUUID()}`,
      kind,
      type,
      action,
      bizStep,
      disposition,
      `${date}T08:00:00.000+07:00`,
      '+07:00',
      now,
      loc,
      src,
      dst,
      ref,
      docType,
      docId,
      'bench',
      data,
    );
    return eventId;
  };

  db.transaction(() => {
    ins.loc.run(1, 'Xưởng chế biến Biên Hòa', 'production', 'xuong che bien bien hoa', now, now);
    ins.loc.run(2, 'Kho thành phẩm Trảng Bom', 'warehouse', 'kho thanh pham trang bom', now, now);
    const rawNames = [
      'Hạt điều thô',
      'Cà phê nhân',
      'Thịt heo',
      'Tiêu đen',
      'Đường',
      'Mỡ heo',
      'Nước mắm',
      'Bột năng',
      'Lá chuối',
      'Mật ong',
    ];
    const products = [];
    let pid = 0;
    for (let i = 0; i < 20; i++)
      products.push({
        id: ++pid,
        kind: 'raw',
        name: `${rawNames[i % 10]} loại ${i + 1}`,
        code: `NL${String(i + 1).padStart(2, '0')}`,
      });
    products.push({ id: ++pid, kind: 'raw', name: 'Muối tinh', code: 'MUOI' });
    products.push({ id: ++pid, kind: 'packaging', name: 'Túi hút chân không', code: 'TUI' });
    for (let i = 0; i < 10; i++)
      products.push({
        id: ++pid,
        kind: 'intermediate',
        name: `Bán thành phẩm ${i + 1}`,
        code: `BTP${String(i + 1).padStart(2, '0')}`,
      });
    for (let i = 0; i < 30; i++)
      products.push({
        id: ++pid,
        kind: 'finished',
        name: `Thành phẩm ${i + 1}`,
        code: `TP${String(i + 1).padStart(2, '0')}`,
      });
    for (const p of products) ins.product.run(p.id, p.kind, p.name, p.code, 'kg', p.name.toLowerCase(), now, now);
    const rawP = products.filter((p) => p.kind === 'raw' && p.code !== 'MUOI');
    const saltP = products.find((p) => p.code === 'MUOI');
    const packP = products.find((p) => p.code === 'TUI');
    const interP = products.filter((p) => p.kind === 'intermediate');
    const finP = products.filter((p) => p.kind === 'finished');
    const SUP = 50;
    const CUS = 500;
    for (let i = 1; i <= SUP; i++)
      ins.partner.run(
        i,
        'supplier',
        `Nhà cung cấp ${i}`,
        `0912 ${String(100000 + i).slice(0, 3)} ${String(100 + i).slice(-3)}`,
        `ncc${i}@vidu.vn`,
        'Anh Hùng',
        `nha cung cap ${i}`,
        now,
        now,
      );
    for (let i = 1; i <= CUS; i++)
      ins.partner.run(
        SUP + i,
        'customer',
        `Khách hàng ${i}`,
        `0283 ${String(800000 + i).slice(0, 3)} ${String(1000 + i).slice(-3)}`,
        `kh${i}@vidu.vn`,
        'Chị Lan',
        `khach hang ${i}`,
        now,
        now,
      );

    let lotId = 0;
    // Receipts: raw lots, salt lots and packaging lots, one receipt document each.
    const receive = (product, i, n, qtyMilli, prefix) => {
      const id = ++lotId;
      const date = dateAt(i / n);
      const sup = 1 + (id % SUP);
      ins.receipt.run(id, sup, 1, date, `PN-${id}`, 'bench', now);
      const e = ev(
        'receipt',
        'ObjectEvent',
        'ADD',
        'receiving',
        'in_progress',
        date,
        1,
        sup,
        null,
        `PN-${id}`,
        'receipt',
        id,
        JSON.stringify({ receiptId: id, line: 1 }),
      );
      ins.lot.run(
        id,
        product.id,
        `${prefix}-${String(id).padStart(7, '0')}`,
        `NCC${sup}-${id}`,
        sup,
        date,
        null,
        'kg',
        'receipt',
        0,
        e,
        now,
      );
      ins.line.run(e, 'object', id, qtyMilli, 'kg', qtyMilli, 1);
      balance[id] = qtyMilli;
      lotProduct[id] = product.id;
      return id;
    };
    const raw0 = lotId + 1;
    for (let i = 0; i < R; i++) receive(rawP[i % rawP.length], i, R, 1_000_000, 'NL');
    const salt0 = lotId + 1;
    for (let i = 0; i < S; i++) receive(saltP, i, S, 500_000, 'MUOI');
    const pack0 = lotId + 1;
    for (let i = 0; i < P; i++) receive(packP, i, P, 50_000_000, 'TUI');

    let batchId = 0;
    // One production event per output lot: input lines (−qty) and one output line (+qty).
    const produce = (product, date, inputs, outQty, prefix) => {
      const id = ++lotId;
      const b = ++batchId;
      const code = `ME-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(b).padStart(7, '0')}`;
      ins.batch.run(b, code, product.id, 1, date, outQty, 'kg', 'bench', now);
      const e = ev(
        'production',
        'TransformationEvent',
        null,
        'commissioning',
        'active',
        date,
        1,
        null,
        null,
        null,
        'batch',
        b,
        JSON.stringify({ batchCode: code, operator: 'Tổ 1' }),
      );
      for (const [lot, want] of inputs) {
        const take = Math.min(want, balance[lot]);
        if (take <= 0) continue;
        balance[lot] -= take;
        ins.line.run(e, 'input', lot, take, 'kg', -take, 1);
      }
      ins.lot.run(
        id,
        product.id,
        `${prefix}-${String(id).padStart(8, '0')}`,
        null,
        null,
        date,
        null,
        'kg',
        'production',
        0,
        e,
        now,
      );
      ins.line.run(e, 'output', id, outQty, 'kg', outQty, 1);
      balance[id] = outQty;
      lotProduct[id] = product.id;
      return id;
    };
    const inter0 = lotId + 1;
    for (let i = 0; i < I; i++) {
      const frac = i / I;
      // Two raw lots from those received around the same time, and the salt lot of this run of batches.
      const centre = raw0 + Math.floor(frac * R);
      const pick = () => Math.max(raw0, Math.min(raw0 + R - 1, centre - Math.floor(rand() * 40)));
      produce(
        interP[i % interP.length],
        dateAt(frac),
        [
          [pick(), 50_000],
          [pick(), 40_000],
          [salt0 + Math.floor(i / SALT_PER), 100],
        ],
        100_000,
        'BTP',
      );
    }
    for (let i = 0; i < F; i++) {
      const frac = i / F;
      const centre = inter0 + Math.floor(frac * I);
      const pick = () => Math.max(inter0, Math.min(inter0 + I - 1, centre - Math.floor(rand() * 20)));
      const inputs = [
        [pick(), 25_000],
        [pack0 + Math.floor(frac * P), 100],
      ];
      if (rand() < 0.5) inputs.push([pick(), 15_000]);
      const out = produce(finP[i % finP.length], dateAt(frac), inputs, 40_000, 'TP');
      // Shipped to one or two customers.
      const n = rand() < 0.4 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const cus = 51 + Math.floor(rand() * CUS);
        const sid = ++shipmentId;
        const date = dateAt(Math.min(1, frac + 0.002));
        ins.shipment.run(sid, cus, 1, date, `PX-${sid}`, 'bench', now);
        const e = ev(
          'shipment',
          'ObjectEvent',
          'OBSERVE',
          'shipping',
          'in_transit',
          date,
          1,
          null,
          cus,
          `PX-${sid}`,
          'shipment',
          sid,
          JSON.stringify({ vehiclePlate: null, driver: null }),
        );
        ins.line.run(e, 'object', out, 15_000, 'kg', -15_000, 1);
        balance[out] -= 15_000;
      }
    }
    const upd = db.prepare('UPDATE lots SET balance_milli = ? WHERE id = ?');
    for (let id = 1; id <= lotId; id++) {
      if (balance[id] <= 0) continue;
      upd.run(balance[id], id);
      ins.stock.run(id, 1, balance[id]);
    }
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.trace.scale', ?)").run(String(scale));
  })();
  db.close();
  return { seconds: (performance.now() - t0) / 1000 };
}

function counts(db) {
  const n = (t) => db.prepare(`SELECT count(*) AS n FROM ${t}`).get().n;
  return {
    batches: n('batches'),
    lots: n('lots'),
    events: n('events'),
    lines: n('event_lines'),
    receipts: n('receipts'),
    shipments: n('shipments'),
  };
}

// ---------- dataset ----------
let file = opt('--db');
if (!file) {
  file = path.join(os.tmpdir(), `nguongoc-bench-trace-${SCALE}.db`);
  let ok = false;
  if (fs.existsSync(file)) {
    try {
      const d = new Database(file, { readonly: true });
      ok = d.prepare("SELECT value FROM settings WHERE key = 'bench.trace.scale'").get()?.value === String(SCALE);
      d.close();
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    console.log(`generating ${SCALE.toLocaleString('en')} batches with receipts and shipments (cached in ${file})…`);
    const generated = generate(file, SCALE);
    console.log(`generated in ${generated.seconds.toFixed(1)} s`);
  }
}

globalThis.gc?.();
const mem0 = process.memoryUsage();
const core = lib.openCore({ dbPath: file, host: 'cli' });
const c = counts(core.db);
console.log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `dataset: ${c.batches.toLocaleString('en')} batches, ${c.lots.toLocaleString('en')} lots, ${c.events.toLocaleString('en')} events, ${c.lines.toLocaleString('en')} event lines, ${c.receipts.toLocaleString('en')} receipts, ${c.shipments.toLocaleString('en')} shipments; file ${mb(fs.statSync(file).size)}`,
);

// ---------- single-lot traces ----------
const maxId = core.db.prepare('SELECT max(id) AS m FROM lots').get().m;
const rand = rng(7);
const codeOf = core.db.prepare(
  'SELECT p.code AS p, l.code AS l FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?',
);
const sample = [];
while (sample.length < 1000) {
  const r = codeOf.get(1 + Math.floor(rand() * maxId));
  if (r) sample.push(`${r.p}/${r.l}`);
}
let peakRss = process.memoryUsage().rss;
for (const dir of ['back', 'forward']) {
  // Warm-up: first statements prepared, first pages in the cache.
  for (const code of sample.slice(0, 50)) core.call('trace.run', { lots: [code], direction: dir });
  const times = [];
  const cpu = [];
  let lots = 0;
  for (const code of sample) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const res = core.call('trace.run', { lots: [code], direction: dir });
    times.push(performance.now() - t);
    cpu.push(cpuMs(c0));
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    lots += res.data.totals.lots;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  console.log(
    `${dir === 'back' ? 'backward' : 'forward '} trace of a single lot (1,000 random lots, avg ${(lots / 1000).toFixed(1)} lots each): median ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))}; CPU time median ${ms(pct(cpu, 50))}, p95 ${ms(pct(cpu, 95))}  (target p95 < 20 ms)`,
  );
}

// ---------- recall scope of a raw-material lot with ~10,000 downstream lots ----------
const salt = core.db
  .prepare(
    "SELECT l.id, l.code FROM lots l JOIN products p ON p.id = l.product_id WHERE p.code = 'MUOI' ORDER BY l.id LIMIT 1 OFFSET ?",
  )
  .get(
    Math.floor(
      (core.db
        .prepare("SELECT count(*) AS n FROM lots l JOIN products p ON p.id = l.product_id WHERE p.code = 'MUOI'")
        .get().n || 1) / 2,
    ),
  );
const wide =
  salt ?? core.db.prepare("SELECT l.id, l.code FROM lots l WHERE l.origin = 'receipt' ORDER BY l.id LIMIT 1").get();
const rtimes = [];
const rcpu = [];
let scope;
for (let i = 0; i < 6; i++) {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const res = core.call('recall.scope', { lotIds: [wide.id] });
  rtimes.push(performance.now() - t);
  rcpu.push(cpuMs(c0));
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  scope = res.data;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
rtimes.shift(); // the first run warms the cache
rcpu.shift();
console.log(
  `recall scope of raw lot ${wide.code}: ${scope.totals.lots.toLocaleString('en')} lots, ${scope.totals.customers} customers, ${scope.totals.shipments.toLocaleString('en')} shipments, ${scope.totals.lotsWithStock.toLocaleString('en')} lots with stock: median ${ms(pct(rtimes, 50))}, max ${ms(Math.max(...rtimes))}; CPU time median ${ms(pct(rcpu, 50))}  (target < 500 ms)`,
);

// Putting that whole scope on hold (one status event per lot) in one transaction, rolled back so the dataset stays.
{
  const t = performance.now();
  core.db.exec('BEGIN');
  let held;
  try {
    const res = core.call('recall.start', { lotIds: [wide.id], reason: 'bench', hold: true });
    if (!res.ok) throw new Error(`recall.start: ${res.error.code} ${res.error.message}`);
    held = res.data.heldLots;
  } finally {
    core.db.exec('ROLLBACK');
  }
  console.log(
    `recall hold of that scope: ${held.toLocaleString('en')} lots put on hold in ${ms(performance.now() - t)} (one status event each, one transaction)`,
  );
}
const t1 = performance.now();
const full = core.call('trace.run', { lotIds: [wide.id], direction: 'forward', limit: 500 });
console.log(
  `forward trace of the same lot, first page of 500 of ${full.data.page.total.toLocaleString('en')} lots: ${ms(performance.now() - t1)}`,
);

globalThis.gc?.();
const mem1 = process.memoryUsage();
console.log(
  `memory: RSS ${mb(mem0.rss)} before, peak ${mb(peakRss)}, ${mb(mem1.rss)} after; JS heap ${mb(mem1.heapUsed)} (the graph stays in SQLite; SQLite page cache is bounded by its cache_size)`,
);
core.close();
// The generated file is kept as a cache (generating takes about a minute); --clean removes it.
if (args.includes('--clean') && !opt('--db')) fs.rmSync(file, { force: true });
