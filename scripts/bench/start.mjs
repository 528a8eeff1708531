// Cold start on a large file: `nguongoc serve` on a 1.85 GB database (the 100,000-batch wide database
// with its audit log filled up to that size) — time from spawn to the first answered call, next to the
// full quick_check the start-up used to run, and how long the background check takes to give its verdict.
// Usage: node scripts/bench/start.mjs [--gb 1.85] [--scale 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { wideDatabase } from './lib/wide-db.mjs';
import { callApi, startServe } from './lib/serve.mjs';
import { opt, machineLine } from './lib/args.mjs';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const GB = Number(opt('--gb', 1.85));
const SCALE = Number(opt('--scale', 100_000));
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The wide database copied and grown to `gb` with audit rows (the log only grows), cached per size. */
function bigFile() {
  const file = path.join(os.tmpdir(), `nguongoc-bench-start-${SCALE}-${GB}GB.db`);
  if (fs.existsSync(file) && fs.statSync(file).size >= GB * 1e9 * 0.99) return file;
  const source = wideDatabase(SCALE, 8000);
  console.log(`growing a copy of ${source} to ${GB} GB (cached in ${file})…`);
  fs.copyFileSync(source, file);
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  const add = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
     INSERT INTO audit_log (at, user, action, entity, entity_id, before, after)
     SELECT '2026-11-29T09:00:00.000+07:00', 'owner', 'bench.filler', 'bench', i, NULL, hex(randomblob(1800)) FROM n`,
  );
  while (fs.statSync(file).size < GB * 1e9) add.run();
  db.pragma('journal_mode = WAL');
  db.close();
  return file;
}

const file = bigFile();
console.log(machineLine());
console.log(`database: ${(fs.statSync(file).size / 1e9).toFixed(2)} GB (${file})`);

// What every start used to wait for: the full quick_check, in this process.
const t0 = performance.now();
const db = new Database(file, { readonly: true });
const quick = db.pragma('quick_check', { simple: true });
db.close();
const quickMs = performance.now() - t0;
console.log(`full PRAGMA quick_check (the old start-up check): ${s(quickMs)} (${quick})`);

// The same start on an empty file, on this machine as it is now: the floor (Node, the CLI, the readers).
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-start-'));
const empty = await startServe(path.join(emptyDir, 'empty.db'));
const emptyFirst = (await callApi(empty.url, 'business.get')).at - empty.t0;
await empty.stop();
fs.rmSync(emptyDir, { recursive: true, force: true });
console.log(`serve on an empty file: first call answered after ${s(emptyFirst)}`);

const runs = [];
for (let i = 0; i < 3; i++) {
  const srv = await startServe(file);
  const first = await callApi(srv.url, 'business.get');
  const firstMs = first.at - srv.t0;
  const verdict = await srv.stderrMatch(/\[integrity\] quick_check: (\w+) \(([\d.]+) s\)/);
  runs.push(firstMs);
  console.log(
    `run ${i + 1}: serve listening after ${s(srv.listeningMs)}, first call (business.get) answered after ${s(firstMs)}; ` +
      `background quick_check: ${verdict[1]} after ${verdict[2]} s`,
  );
  await srv.stop();
}
const best = Math.min(...runs);
const worst = Math.max(...runs);
console.log(
  `cold start of serve on ${GB} GB to the first answered call: best ${s(best)}, worst ${s(worst)}, empty file ${s(emptyFirst)}  (target < 1 s; before: quick_check alone ${s(quickMs)})`,
);
