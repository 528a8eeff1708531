// The wide benchmark database: a multi-level dataset shaped like a real processor's (raw lots, salt and
// packaging lots shared by thousands of batches, intermediate and finished batches, one or two shipments
// per finished lot), written straight into the event store as docs/events.md describes (receipt,
// production with one TransformationEvent per output lot, shipment events; balances and lot_stock kept)
// in one transaction, so a million batches take about a minute instead of hours through the API.
// Used by the trace benchmark and the screen benchmark; the file is cached in the temp folder per shape.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const Database = require('better-sqlite3');

// Deterministic pseudo-random numbers (mulberry32), so a scale always builds the same data.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(file, scale, saltUses) {
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
  const SALT_PER = saltUses; // intermediate batches sharing one salt lot (3,000: its forward trace is ~10,000 lots)
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
    for (let i = 0; i < S; i++) receive(saltP, i, S, Math.max(500_000, SALT_PER * 110), 'MUOI');
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
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.trace.scale', ?)").run(
      shapeKey(scale, saltUses),
    );
  })();
  db.close();
  return { seconds: (performance.now() - t0) / 1000 };
}

const shapeKey = (scale, saltUses) => (saltUses === 3000 ? String(scale) : `${scale}:${saltUses}`);

/**
 * The cached wide database of `scale` batches (generated when missing or of another shape). `saltUses`:
 * intermediate batches sharing one salt lot (the widest fan-out of the file). Returns the file's path.
 */
export function wideDatabase(scale, saltUses = 3000, log = console.log) {
  const key = shapeKey(scale, saltUses);
  const file = path.join(os.tmpdir(), `nguongoc-bench-trace-${key.replace(':', '-salt')}.db`);
  let ok = false;
  if (fs.existsSync(file)) {
    try {
      const d = new Database(file, { readonly: true });
      ok = d.prepare("SELECT value FROM settings WHERE key = 'bench.trace.scale'").get()?.value === key;
      d.close();
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    log(`generating ${scale.toLocaleString('en')} batches with receipts and shipments (cached in ${file})…`);
    const generated = generate(file, scale, saltUses);
    log(`generated in ${generated.seconds.toFixed(1)} s`);
  }
  return file;
}
