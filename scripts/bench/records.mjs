// Recording benchmark: a production batch with 20 input lots recorded through the API
// (target < 20 ms), and `nguongoc demo --scale N` (target: 100,000 batches in < 2 minutes, db < 1 GB).
// BENCH_DEMO_SCALE overrides the demo scale (0 skips it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-records-'));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// 1. A batch with 20 input lots, through Core.call (validation + one transaction + the returned view).
{
  const core = lib.openCore({ dbPath: path.join(tmp, 'batch.db'), host: 'test' });
  const run = (m, i) => {
    const r = core.call(m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  run('business.update', { name: 'Cơ sở Bench', taxCode: '0300588569', address: 'Đồng Nai' });
  const loc = run('locations.create', { name: 'Xưởng', kind: 'production' });
  const sup = run('partners.create', { kind: 'supplier', name: 'NCC' });
  const out = run('products.create', {
    kind: 'finished',
    name: 'Thành phẩm',
    code: 'TP',
    unit: 'kg',
    shelfLifeDays: 90,
  });
  const mats = Array.from({ length: 20 }, (_, i) =>
    run('products.create', { kind: 'raw', name: `Nguyên liệu ${i}`, code: `NL${i}`, unit: 'kg', shelfLifeDays: 365 }),
  );
  // Plenty of stock: 20 lots per material, so every batch has 20 input lots (one per material).
  for (let k = 0; k < 20; k++)
    run('receipts.create', {
      supplierId: sup.id,
      locationId: loc.id,
      lines: mats.map((m) => ({ productId: m.id, qty: 10000 })),
    });
  const lotsOf = mats.map(
    (m) => run('lots.list', { productId: m.id, usable: true, sort: 'expiryDate', limit: 1 }).items[0].id,
  );
  const times = [];
  for (let i = 0; i < 300; i++) {
    const input = {
      productId: out.id,
      locationId: loc.id,
      operator: 'bench',
      inputs: lotsOf.map((lotId) => ({ lotId, qty: 1.5 })),
      outputs: [{ qty: 28 }],
      requestKey: `b${i}`,
    };
    const t0 = performance.now();
    run('batches.record', input);
    times.push(performance.now() - t0);
  }
  const warm = times.slice(20);
  console.log(
    `batch with 20 input lots (batches.record at the API, durable commit): median ${pct(warm, 50).toFixed(2)} ms, p95 ${pct(warm, 95).toFixed(2)} ms  (target < 20 ms)`,
  );
  // The same work without waiting for the disk flush of each commit, to tell CPU from disk time.
  core.db.pragma('synchronous = NORMAL');
  const fast = [];
  for (let i = 0; i < 200; i++) {
    const input = {
      productId: out.id,
      locationId: loc.id,
      operator: 'bench',
      inputs: lotsOf.map((lotId) => ({ lotId, qty: 1.5 })),
      outputs: [{ qty: 28 }],
      requestKey: `n${i}`,
    };
    const t0 = performance.now();
    run('batches.record', input);
    fast.push(performance.now() - t0);
  }
  core.db.pragma('synchronous = FULL');
  console.log(`  of which CPU (same batch, commit without fsync): median ${pct(fast.slice(20), 50).toFixed(2)} ms`);
  const planTimes = [];
  const recipe = run('recipes.create', {
    productId: out.id,
    name: 'R',
    batchSize: 30,
    inputs: mats.map((m) => ({ productId: m.id, qty: 1.5 })),
  });
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    run('batches.plan', { recipeId: recipe.id, locationId: loc.id });
    planTimes.push(performance.now() - t0);
  }
  console.log(`batches.plan with 20 inputs (FEFO proposals): median ${pct(planTimes.slice(10), 50).toFixed(2)} ms`);
  const t0 = performance.now();
  run('lots.get', { id: lotsOf[0] });
  console.log(`lots.get of a lot used by 500 batches: ${(performance.now() - t0).toFixed(1)} ms`);
  core.close();
}

// 2. The demo builder at scale, as a user runs it.
const scale = Number(process.env.BENCH_DEMO_SCALE ?? 100000);
if (scale > 0) {
  const db = path.join(tmp, 'demo.db');
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), 'demo', '--db', db, '--scale', String(scale), '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.log(`demo --scale ${scale} failed: ${r.stderr.slice(-500)}`);
  } else {
    const rep = JSON.parse(r.stdout);
    const mb = fs.statSync(db).size / 1e6;
    const cpu = rep.cpuSeconds ? `, ${rep.cpuSeconds.toFixed(1)} s CPU` : '';
    console.log(
      `demo --scale ${scale}: ${secs.toFixed(1)} s wall${cpu} (target < 120 s at 100000), db ${mb.toFixed(0)} MB (target < 1000 MB); ${rep.counts.batches} batches, ${rep.counts.receipts} receipts, ${rep.counts.shipments} shipments, ${rep.days} days`,
    );
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
