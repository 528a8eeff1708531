// Sync and export benchmark: export 100,000 events to EPCIS 2.0 JSON-LD (target < 5 s, memory flat:
// the peak heap is printed for 20,000 and 100,000 events), and sync 10,000 events to the local portal
// simulator on loopback (target < 15 s). Usage: node scripts/bench/sync.mjs [--events N] [--sync N]
// The sync/export modules are bundled on the fly with esbuild (they are not part of dist/lib.js).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { opt } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const num = (name, def) => Number(opt(name, def));
const EXPORT_N = num('--events', 100_000);
const SYNC_N = num('--sync', 10_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-sync-'));
// Inside dist/ so the bundle resolves better-sqlite3 and exceljs from the project's node_modules.
const bundle = path.join(root, 'dist', 'bench-sync-lib.cjs');
await build({
  absWorkingDir: root,
  stdin: {
    contents: `export { openDatabase } from './main/store/db';
      export { exportEpcisFile } from './main/exports/epcis';
      export { runSync } from './main/sync/engine';
      export { savePortal } from './main/sync/portals';
      export { FileSecretStore } from './main/sync/secrets';
      export { PortalSim } from './main/portal-sim/server';
      export { validateEpcis } from './main/epcis/schema';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  external: ['better-sqlite3', 'exceljs'],
  logLevel: 'warning',
});
process.env.NGUONGOC_GS1_DIR ??= path.resolve(root, '..', 'shared', 'gs1');
const lib = require(bundle);
const Database = require('better-sqlite3');

/** n receipt events (one lot each, 50 products, 20 suppliers) written as docs/events.md describes. */
function generate(file, n) {
  lib.openDatabase(file).close();
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const t = '2026-11-01T08:00:00.000+07:00';
  db.transaction(() => {
    db.prepare(
      "INSERT INTO business(id, name, tax_code, address, updated_at) VALUES (1, 'Công ty TNHH Bench', '0300588569', 'Đồng Nai', ?)",
    ).run(t);
    db.prepare(
      "INSERT INTO locations(name, kind, search, created_at, updated_at) VALUES ('Kho', 'warehouse', 'kho', ?, ?)",
    ).run(t, t);
    for (let p = 1; p <= 50; p++)
      db.prepare(
        "INSERT INTO products(kind, name, code, unit, search, created_at, updated_at) VALUES ('raw', ?, ?, 'kg', ?, ?, ?)",
      ).run(`Nguyên liệu ${p}`, `NL${p}`, `nguyen lieu ${p}`, t, t);
    for (let s = 1; s <= 20; s++)
      db.prepare(
        "INSERT INTO partners(kind, name, search, created_at, updated_at) VALUES ('supplier', ?, ?, ?, ?)",
      ).run(`NCC ${s}`, `ncc ${s}`, t, t);
    const lot = db.prepare(
      "INSERT INTO lots(product_id, code, unit, origin, balance_milli, created_at, expiry_date) VALUES (?, ?, 'kg', 'receipt', ?, ?, '2027-06-30')",
    );
    const ev = db.prepare(
      "INSERT INTO events(event_id, kind, epcis_type, action, biz_step, disposition, event_time, event_time_zone_offset, recorded_at, location_id, source_partner_id, document_ref, doc_type, doc_id, user) VALUES (?, 'receipt', 'ObjectEvent', 'ADD', 'receiving', 'in_progress', ?, '+07:00', ?, 1, ?, ?, 'receipt', ?, 'bench')",
    );
    const line = db.prepare(
      "INSERT INTO event_lines(event_id, role, lot_id, qty_milli, unit, stock_delta_milli, location_id) VALUES (?, 'object', ?, ?, 'kg', ?, 1)",
    );
    for (let i = 1; i <= n; i++) {
      const when = new Date(Date.parse('2026-01-01T01:00:00Z') + i * 60_000).toISOString().replace('Z', '+07:00');
      const qty = 1000 * (1 + (i % 97));
      const lotId = lot.run(1 + (i % 50), `L${i}`, qty, when).lastInsertRowid;
      const eId = ev.run(`urn:uuid:${crypto.randomUUID()}`, when, when, 1 + (i % 20), `PN-${i}`, i).lastInsertRowid;
      line.run(eId, lotId, qty, qty);
    }
  })();
  db.close();
}

async function timedExport(n) {
  const file = path.join(tmp, `export-${n}.db`);
  generate(file, n);
  const db = lib.openDatabase(file);
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 5);
  const t0 = performance.now();
  const r = await lib.exportEpcisFile(db, {}, path.join(tmp, `epcis-${n}.jsonld`), {
    creationDate: '2026-11-29T08:00:00+07:00',
  });
  const sec = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  db.close();
  return { n, sec, bytes: r.bytes, peakHeapMb: peak / 1e6, file: path.join(tmp, `epcis-${n}.jsonld`) };
}

const small = await timedExport(Math.round(EXPORT_N / 5));
const big = await timedExport(EXPORT_N);
const valid = lib.validateEpcis(JSON.parse(fs.readFileSync(big.file, 'utf8')));
console.log(
  `export ${big.n} events → EPCIS JSON-LD: ${big.sec.toFixed(2)} s (target < 5 s), ${(big.bytes / 1e6).toFixed(1)} MB, schema ${valid.ok ? 'valid' : 'INVALID ' + valid.errors[0]}`,
);
console.log(
  `memory while exporting: peak heap +${small.peakHeapMb.toFixed(0)} MB at ${small.n} events, +${big.peakHeapMb.toFixed(0)} MB at ${big.n} events (flat = about the same)`,
);

const syncDb = path.join(tmp, 'sync.db');
generate(syncDb, SYNC_N);
const sim = new lib.PortalSim({ captureLimit: 1000 });
const url = await sim.listen();
const db = lib.openDatabase(syncDb);
const store = new lib.FileSecretStore(path.join(tmp, 'key'));
lib.savePortal(db, { type: 'epcis', url }, '2026-11-29T08:00:00+07:00', store);
const t0 = performance.now();
const r = await lib.runSync(db, { store, batchSize: 1000 });
const sec = (performance.now() - t0) / 1000;
console.log(
  `sync ${SYNC_N} events (+ master data) to the local simulator: ${sec.toFixed(2)} s (target < 15 s) — ${r.accepted} accepted, ${r.rejected} rejected, simulator holds ${sim.eventCount()} events`,
);
db.close();
await sim.close();
fs.rmSync(tmp, { recursive: true, force: true });
