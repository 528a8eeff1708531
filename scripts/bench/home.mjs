// Home-screen benchmark: every call the home screen makes when it opens (renderer/src/pages/home and the
// cards it shows), timed in-process on the wide database (scripts/bench/lib/wide-db.mjs) at 100,000 and
// 1,000,000 batches, and the workshop checklist once more with the file marked as the training database
// (inside a transaction that is rolled back). Prints p50/p95 wall and CPU time next to the 50 ms target.
// Usage: node scripts/bench/home.mjs [--scale 100000,1000000] [--db FILE] [--runs N]
//   --db FILE  measure an existing database (e.g. from `nguongoc demo --scale 1000000`) at today's date
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { wideDatabase } from './lib/wide-db.mjs';
import { opt, machineLine } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const RUNS = Number(opt('--runs', 30));
const TARGET_MS = 50;
// The wide database's records end on this day; the completeness window is counted back from it.
const WIDE_NOW = '2026-11-28T17:00:00.000+07:00';

/** What the home screen asks for on opening: the shell, each card (HomePage.tsx, homeCards), in that order. */
const HOME_CALLS = [
  ['setup.status', {}],
  ['business.get', {}],
  ['users.me', {}],
  ['recall.list', { status: 'open' }],
  ['stock.summary', {}],
  ['stock.expiring', { days: 90, limit: 5 }],
  ['products.list', { limit: 1 }],
  ['partners.list', { limit: 1 }],
  ['locations.list', { limit: 1 }],
  ['trace.completeness', { days: 30, limit: 8 }],
  ['sync.status', {}],
  ['workshop.status', {}],
  ['backup.list', {}],
];

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const f = (x) => x.toFixed(2).padStart(8);

function time(core, method, input) {
  const wall = [];
  const cpu = [];
  let first = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    core.run(method, input);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i === 0) first = t;
    if (i < 3) continue; // warm-up: statements prepared, pages in the cache
    wall.push(t);
    cpu.push((c.user + c.system) / 1000);
  }
  return { first, p50: pct(wall, 50), p95: pct(wall, 95), cpu50: pct(cpu, 50) };
}

function row(name, r) {
  const mark = r.p95 < TARGET_MS ? 'ok' : 'OVER';
  console.log(
    `  ${name.padEnd(28)} first ${f(r.first)}  p50 ${f(r.p50)}  p95 ${f(r.p95)}  cpu p50 ${f(r.cpu50)} ms  (target < ${TARGET_MS} ms: ${mark})`,
  );
}

function measure(file, label, now) {
  if (now) process.env.NGUONGOC_NOW = now;
  else delete process.env.NGUONGOC_NOW;
  const core = lib.openCore({ dbPath: file, host: 'cli' });
  const n = (t) => core.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  console.log(`\n${label}: ${n('batches')} batches, ${n('lots')} lots, ${n('events')} events (${file})`);
  for (const [method, input] of HOME_CALLS) row(method, time(core, method, input));
  // The training database: the same checklist with its steps read from the records after the reset.
  core.db.exec('BEGIN');
  try {
    core.db
      .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('workshop', '1'), ('workshop.resetAt', ?)")
      .run(now ?? new Date().toISOString());
    row('workshop.status (training)', time(core, 'workshop.status', {}));
  } finally {
    core.db.exec('ROLLBACK');
  }
  core.close();
}

console.log(machineLine());
console.log(`each call ${RUNS} times after 3 warm-up calls; "first" is the first call after opening the file`);
const db = opt('--db');
if (db) measure(db, 'database', undefined);
else
  for (const scale of opt('--scale', '100000,1000000').split(',').map(Number))
    measure(wideDatabase(scale), `wide database, ${scale.toLocaleString('en')} batches`, WIDE_NOW);
