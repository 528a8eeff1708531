// Start-up time of the `nguongoc` command for commands that render no label: `--version`, `--help`, and
// `lots` / `api business.get` on a small demo database. Timed from spawn to exit, through the launcher
// (bin/nguongoc.js) under the Node that runs this script and, where the system has an older Node that the
// SQLite driver refuses, under that one too (the launcher then runs the bundled Node). Prints medians of
// N runs next to the 200 ms target; `label` is shown for comparison (it loads the canvas and barcode code).
// Usage: node scripts/bench/cli.mjs [--runs 15]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine, opt } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(root, 'bin', 'nguongoc.js');
const RUNS = Number(opt('--runs', 15));
const TARGET_MS = 200;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-cli-'));
const db = path.join(dir, 'demo.db');
execFileSync(process.execPath, [BIN, 'demo', '--db', db], { stdio: 'ignore' });
// A lot whose product has a GTIN, so every barcode of the default template can be drawn.
const lot = JSON.parse(
  execFileSync(process.execPath, [BIN, 'api', 'lots.list', '{"limit":100}', '--db', db], { encoding: 'utf8' }),
).items.find((l) => l.gtin && l.usable);

/** A system Node older than the driver accepts, as a user may have (the launcher re-runs under Node 24). */
function olderNode() {
  const need = Number(
    /\d+/.exec(
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).engines.node,
    )[0],
  );
  for (const file of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!fs.existsSync(file)) continue;
    const major = Number(execFileSync(file, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }));
    if (major < need) return file;
  }
  return null;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const timesFile = path.join(dir, 'times');

/** Median wall and CPU (user + system, from /usr/bin/time where there is one) of N runs, in ms. */
function medians(node, args) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const [cmd, argv] = TIME ? [TIME, ['-f', '%U %S', '-o', timesFile, node, BIN, ...args]] : [node, [BIN, ...args]];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { stdio: 'ignore', env: { ...process.env, NGUONGOC_LANG: 'vi' } });
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}`);
    if (TIME)
      cpu.push(
        fs
          .readFileSync(timesFile, 'utf8')
          .trim()
          .split(/\s+/)
          .map(Number)
          .reduce((a, b) => a + b) * 1000,
      );
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(wall), cpu: cpu.length ? median(cpu) : null };
}

const COMMANDS = [
  ['--version', ['--version']],
  ['--help', ['--help']],
  ['lots (demo database)', ['lots', '--db', db]],
  ['api business.get', ['api', 'business.get', '{}', '--db', db]],
  [
    'label --format png (loads canvas, bwip-js)',
    ['label', lot.code, '--format', 'png', '--out', path.join(dir, 'l.png'), '--db', db],
  ],
];

console.log(machineLine());
const older = olderNode();
const nodes = [[`Node ${process.versions.node} (bundled)`, process.execPath]];
if (older)
  nodes.push([
    `Node ${execFileSync(older, ['-v'], { encoding: 'utf8' }).trim().slice(1)} (system, re-runs under the bundled one)`,
    older,
  ]);
for (const [name, node] of nodes) {
  console.log(
    `\nnguongoc under ${name}, medians of ${RUNS} runs (CPU time is what a quiet machine's wall time would be):`,
  );
  for (const [what, args] of COMMANDS) {
    const { wall, cpu } = medians(node, args);
    const target = what.startsWith('label') ? '—' : `< ${TARGET_MS} ms`;
    const cpuText = cpu === null ? '' : `, CPU ${cpu.toFixed(0).padStart(4)} ms`;
    console.log(`  ${what.padEnd(46)} wall ${wall.toFixed(0).padStart(5)} ms${cpuText}   target ${target}`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
