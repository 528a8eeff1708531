// A click while a long report runs: p95 of `business.get` through `nguongoc serve` while the forward trace of
// the widest lot (a salt lot used in thousands of batches) is exported to a spreadsheet, with one connection
// for everything (--readers 0, as before) and with the reader threads (the default).
// Usage: node scripts/bench/http-reads.mjs [--scale 100000] [--salt-uses 8000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { wideDatabase } from './lib/wide-db.mjs';
import { callApi, startServe } from './lib/serve.mjs';
import { opt, machineLine } from './lib/args.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const SCALE = Number(opt('--scale', 100_000));
const SALT_USES = Number(opt('--salt-uses', 8000));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;

const source = wideDatabase(SCALE, SALT_USES);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-reads-'));
const dbPath = path.join(dir, 'wide.db');
fs.copyFileSync(source, dbPath);
const salt = (() => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT l.id, (SELECT count(*) FROM event_lines x WHERE x.lot_id = l.id AND x.role = 'input') AS uses
         FROM lots l JOIN products p ON p.id = l.product_id WHERE p.code = 'MUOI' ORDER BY uses DESC, l.id LIMIT 1`,
      )
      .get();
  } finally {
    db.close();
  }
})();
console.log(machineLine());
console.log(
  `database: ${SCALE.toLocaleString('en')} batches; export: forward trace of a salt lot used ${salt.uses} times`,
);

async function measure(readers) {
  const srv = await startServe(dbPath, ['--readers', String(readers)]);
  // Quiet start: the readers are up and the background quick_check has given its verdict.
  if (readers) await srv.stderrMatch(/\[readers\] \d+ ready/);
  await srv.stderrMatch(/\[integrity\] quick_check: \w+/);
  const idle = [];
  for (let i = 0; i < 30; i++) idle.push((await callApi(srv.url, 'business.get')).ms);
  let exportDone = null;
  const exported = callApi(srv.url, 'trace.export', { lotIds: [salt.id], direction: 'forward', format: 'xlsx' }).then(
    (r) => (exportDone = r),
  );
  const busy = [];
  while (!exportDone) busy.push((await callApi(srv.url, 'business.get')).ms);
  const done = await exported;
  await srv.stop();
  return { idle, busy, exportMs: done.ms, ok: done.body.ok, bytes: done.body.data?.bytes };
}

const rows = [];
for (const readers of [0, 2]) {
  const r = await measure(readers);
  rows.push({ readers, ...r });
  console.log(
    `--readers ${readers}: business.get idle p95 ${ms(pct(r.idle, 95))}; during the export (${ms(r.exportMs)}, ${r.ok ? `${(r.bytes / 1e6).toFixed(1)} MB` : 'failed'}): ` +
      `${r.busy.length} calls, p50 ${ms(pct(r.busy, 50))}, p95 ${ms(pct(r.busy, 95))}, max ${ms(Math.max(...r.busy))}`,
  );
}
const [before, after] = rows;
console.log(
  `business.get p95 while a trace export runs: ${ms(pct(before.busy, 95))} on one connection → ${ms(pct(after.busy, 95))} with readers  (target < 50 ms)`,
);
fs.rmSync(dir, { recursive: true, force: true });
