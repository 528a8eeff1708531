// Trace and recall benchmark. On a multi-level dataset of about a million production
// batches with their receipts and shipments: backward and forward trace of 1,000 random single lots at
// the API (median, p95), the recall scope of a raw-material lot reaching ~10,000 downstream lots, and
// memory. Usage: node scripts/bench/trace.mjs [--scale N] [--db FILE] [--keep]
//   --db FILE  use an existing database (e.g. from `nguongoc demo --scale 1000000`) instead of generating
//   --scale N  batches to generate (default 1,000,000); the generated file is cached in the temp folder
//              (scripts/bench/lib/wide-db.mjs builds it).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { rng, wideDatabase } from './lib/wide-db.mjs';
import { flag, opt, machineLine } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));

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
const file = opt('--db') ?? wideDatabase(SCALE);

globalThis.gc?.();
const mem0 = process.memoryUsage();
const core = lib.openCore({ dbPath: file, host: 'cli' });
const c = counts(core.db);
console.log(machineLine());
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
if (flag('--clean') && !opt('--db')) fs.rmSync(file, { force: true });
