// Server time of the calls the lot page and the trace page make for the widest lot of the wide database
// (scripts/bench/lib/wide-db.mjs: a salt lot used in thousands of batches): `lots.get`, and `trace.run`
// forward, backward and both ways with the page size the trace page asks for (200), plus the expansion of
// its biggest group (12 lots). Calls go through the API in this process, so the figures are SQLite and
// JavaScript only (no HTTP, no rendering: `npm run bench -- ui` measures the screens).
// Usage: node scripts/bench/widest.mjs [--scale 100000] [--salt-uses 8000] [--runs 20]
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { wideDatabase } from './lib/wide-db.mjs';
import { opt, machineLine } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const SCALE = Number(opt('--scale', 100_000));
const SALT_USES = Number(opt('--salt-uses', 8000));
const RUNS = Number(opt('--runs', 20));
const PAGE = 200; // renderer/src/pages/trace/TracePage.tsx
const GROUP_SHOWN = 12; // renderer/src/pages/trace/graph-common.ts
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;
// CPU time of this process during a call: on a shared machine wall time also counts waiting for a core.
const cpuMs = (c0) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000;
};

const core = lib.openCore({ dbPath: wideDatabase(SCALE, SALT_USES), host: 'cli' });
const salt = core.db
  .prepare(
    `SELECT l.id, p.code || '/' || l.code AS spec, (SELECT count(*) FROM event_lines x WHERE x.lot_id = l.id AND x.role = 'input') AS uses
     FROM lots l JOIN products p ON p.id = l.product_id WHERE p.code = 'MUOI' ORDER BY uses DESC, l.id LIMIT 1`,
  )
  .get();
console.log(machineLine());
console.log(`database: ${SCALE.toLocaleString('en')} batches; widest lot ${salt.spec} used ${salt.uses} times`);

function call(method, params) {
  const res = core.call(method, params);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

function measure(label, method, params, describe) {
  const first = performance.now();
  const data = call(method, params);
  const cold = performance.now() - first;
  const times = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    call(method, params);
    times.push(performance.now() - t);
    cpu.push(cpuMs(c0));
  }
  const size = Buffer.byteLength(JSON.stringify(data));
  console.log(
    `${label}: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (CPU p50 ${ms(pct(cpu, 50))}, p95 ${ms(pct(cpu, 95))}), first call ${ms(cold)}; answer ${(size / 1024).toFixed(0)} KB${describe ? `; ${describe(data)}` : ''}`,
  );
  return data;
}

measure(
  'lots.get',
  'lots.get',
  { id: salt.id },
  (d) => `${d.totals.usedIn.total} uses, ${d.totals.history.total} history items  (target: page < 1 s)`,
);
let forward;
for (const direction of ['forward', 'back', 'both']) {
  const d = measure(
    `trace.run ${direction.padEnd(7)} limit ${PAGE}`,
    'trace.run',
    { lotIds: [salt.id], direction, limit: PAGE, offset: 0 },
    (r) => `${r.totals.lots.toLocaleString('en')} lots, ${r.groups.length} groups  (target: first view < 1 s)`,
  );
  if (direction === 'forward') forward = d;
}
const biggest = [...forward.groups].sort((a, b) => b.lots - a.lots)[0];
if (biggest)
  measure(
    `trace.run group of ${biggest.lots.toLocaleString('en')} lots, limit ${GROUP_SHOWN}`,
    'trace.run',
    {
      lotIds: [salt.id],
      direction: 'forward',
      limit: GROUP_SHOWN,
      group: { side: biggest.side, depth: biggest.depth, productId: biggest.productId },
    },
    (r) => `${r.lots.length} lots shown`,
  );
core.close();
