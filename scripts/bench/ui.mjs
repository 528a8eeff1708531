// Screens at scale, measured in Chromium at 1366×768 on the wide database (scripts/bench/lib/wide-db.mjs):
// the lot page and the forward trace page of the widest lot (a salt lot used in thousands of batches),
// and the home screen's calls through `nguongoc serve`. Prints the time to first content and the longest
// main-thread task next to the targets. Usage:
//   node scripts/bench/ui.mjs [--scale N] [--salt-uses N] [--shots DIR] [--runs N] [--pages lot,trace]
//                             [--profile DIR (a CPU profile of each screen's first opening)]
// Defaults: 100,000 batches, the salt lot used 8,000 times, 3 runs of each screen. Skipped with a printed reason without Chromium.
/* global window -- inside page.evaluate and addInitScript, which run in the page */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { wideDatabase } from './lib/wide-db.mjs';
import { opt } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const SCALE = Number(opt('--scale', 100_000));
const SALT_USES = Number(opt('--salt-uses', 8000));
const SHOTS = opt('--shots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOKEN = 'bench-ui-token-0123456789';
// The machine may be shared: this process, serve and Chromium (its children) run at a lower priority,
// as `nice -n 10` would.
try {
  os.setPriority(10);
} catch {
  // not allowed here: run at the normal priority
}
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
if (!fs.existsSync(CHROMIUM)) {
  console.log(`skipped: no Chromium at ${CHROMIUM}`);
  process.exit(0);
}
const { chromium } = require('playwright-core');

// ---------- database: a copy of the cached wide file (serve migrates it and writes its settings) ----------
const source = wideDatabase(SCALE, SALT_USES);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-ui-'));
const dbPath = path.join(dir, 'wide.db');
fs.copyFileSync(source, dbPath);
const salt = (() => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT l.id, p.code || '/' || l.code AS spec, (SELECT count(*) FROM event_lines x WHERE x.lot_id = l.id AND x.role = 'input') AS uses
         FROM lots l JOIN products p ON p.id = l.product_id WHERE p.code = 'MUOI' ORDER BY uses DESC, l.id LIMIT 1`,
      )
      .get();
  } finally {
    db.close();
  }
})();
console.log(`load average (1, 5, 15 min) at start: ${load()}, ${os.cpus().length} CPUs`);
console.log(
  `database: ${SCALE.toLocaleString('en')} batches, ${(fs.statSync(dbPath).size / 1e6).toFixed(0)} MB; widest lot ${salt.spec} used ${salt.uses.toLocaleString('en')} times`,
);

// ---------- serve ----------
const node = path.join(root, 'node_modules', '.bin', 'node');
const t0 = performance.now();
const child = spawn(
  fs.existsSync(node) ? node : process.execPath,
  [path.join(root, 'dist', 'cli.js'), 'serve', '--port', '0', '--token', TOKEN],
  {
    cwd: root,
    env: { ...process.env, NGUONGOC_DB: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.stderr.on('data', (d) => (out += d));
  child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
});
const token = TOKEN;
const api = async (method, input = {}) => {
  const t = performance.now();
  const res = await fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  return { ms: performance.now() - t, bytes: text.length, body: JSON.parse(text) };
};
const first = await api('business.get');
console.log(`serve: first answer ${(performance.now() - t0).toFixed(0)} ms after start  (target < 1 s)`);
if (!first.body.data?.name)
  await api('business.update', {
    name: 'Công ty Chế biến Điều Đồng Nai',
    taxCode: '0300588569',
    address: 'KCN Biên Hòa',
    province: 'Đồng Nai',
  });

// ---------- home screen calls ----------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [method, input] of [
  ['business.get', {}],
  ['workshop.status', {}],
  ['trace.completeness', { days: 30, limit: 8 }],
  ['lots.list', { limit: 50 }],
]) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const r = await api(method, input);
    times.push(r.ms);
    bytes = r.bytes;
  }
  console.log(
    `home: ${method} median ${median(times).toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KB  (target < 50 ms)`,
  );
}
const lotAnswer = await api('lots.get', { id: salt.id });
console.log(
  `lots.get of ${salt.spec}: ${lotAnswer.ms.toFixed(0)} ms, ${(lotAnswer.bytes / 1024).toFixed(0)} KB  (target < 200 KB)`,
);
const traceAnswer = await api('trace.run', { lotIds: [salt.id], direction: 'forward', limit: 200 });
console.log(
  `trace.run forward of ${salt.spec}: ${traceAnswer.ms.toFixed(0)} ms, ${(traceAnswer.bytes / 1024).toFixed(0)} KB, ${traceAnswer.body.data.totals.lots.toLocaleString('en')} lots in ${traceAnswer.body.data.groups.length} groups`,
);

// ---------- screens ----------
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
// Every long task (> 50 ms) of the page, from the first script on.
await context.addInitScript(() => {
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
});

/** Chromium's own counters of main-thread work (seconds since the page opened). */
async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const v = (name) => m.find((x) => x.name === name)?.value ?? 0;
  return {
    task: v('TaskDuration'),
    script: v('ScriptDuration'),
    layout: v('LayoutDuration') + v('RecalcStyleDuration'),
    // CPU time of the main thread: counts the work, not the waiting for a busy machine's cores.
    cpu: v('ThreadTime'),
    nodes: v('Nodes'),
  };
}

/**
 * One opening of a screen. `cold`: the address typed into a fresh tab (the whole app loads, parses and
 * starts first); otherwise a click from the home screen (the app already running). Time to first content
 * is until `ready` is visible; tasks and main-thread time are counted until 1.5 s after that, so the
 * work that follows the first paint (layout, fitView, the next page of a list) is in the figures.
 */
async function open(hash, ready, { cold, profile }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (!cold) {
    await page.goto(`${url}#/`);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => (window.__tasks = []));
  }
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const before = await metrics(cdp);
  const t = performance.now();
  if (cold) await page.goto(`${url}${hash}`);
  else await page.evaluate((h) => (window.location.hash = h), hash);
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 120_000 });
  const shown = performance.now() - t;
  await page.waitForTimeout(1500);
  const after = await metrics(cdp);
  const tasks = await page.evaluate(() => window.__tasks);
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  if (profile) fs.writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  return {
    page,
    shown,
    longest: Math.max(0, ...tasks),
    longTasks: tasks.length,
    longTotal: tasks.reduce((a, b) => a + b, 0),
    busy: (after.task - before.task) * 1000,
    script: (after.script - before.script) * 1000,
    layout: (after.layout - before.layout) * 1000,
    cpu: (after.cpu - before.cpu) * 1000,
    nodes: after.nodes,
    heap,
  };
}

const RUNS = Number(opt('--runs', 3));
const PROFILE = opt('--profile');
const ms = (x) => `${x.toFixed(0)} ms`;
/** Each screen opened RUNS times both ways; the median of each figure is printed (the machine may be busy). */
async function measure(name, hash, ready, target) {
  let last;
  for (const cold of [false, true]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const profile =
        PROFILE && i === 0 ? path.join(PROFILE, `${name.replace(/\W+/g, '-')}${cold ? '-cold' : ''}.cpuprofile`) : null;
      if (profile) fs.mkdirSync(PROFILE, { recursive: true });
      const r = await open(hash, ready, { cold, profile });
      runs.push(r);
      if (last) await last.page.close();
      last = r;
    }
    const m = (k) => median(runs.map((r) => r[k]));
    console.log(
      `${name}${cold ? ' (address typed, app loads first)' : ' (from the home screen)'}: first content ${(m('shown') / 1000).toFixed(2)} s, longest task ${ms(m('longest'))}  (target ${target})`,
    );
    console.log(
      `    runs: ${runs.map((r) => `${(r.shown / 1000).toFixed(2)} s / ${ms(r.longest)}`).join(', ')}; medians: ${m('longTasks')} tasks over 50 ms totalling ${ms(m('longTotal'))}, main thread busy ${ms(m('busy'))} (script ${ms(m('script'))}, style+layout ${ms(m('layout'))}), main-thread CPU ${ms(m('cpu'))}, ${m('nodes').toLocaleString('en')} DOM nodes, JS heap ${(m('heap') / 1e6).toFixed(0)} MB`,
    );
  }
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await last.page.screenshot({ path: path.join(SHOTS, `${name.replace(/\W+/g, '-')}.png`) });
  }
  return last.page;
}

const PAGES = opt('--pages', 'lot,trace').split(',');
try {
  if (PAGES.includes('lot'))
    await measure(
      'lot page',
      `#/lots/${salt.id}`,
      '[data-testid=lot-history] .ant-timeline-item',
      '< 1 s, no task > 200 ms',
    );
  const trace =
    PAGES.includes('trace') &&
    (await measure(
      'trace page (forward)',
      `#/trace?lot=${encodeURIComponent(salt.spec)}&dir=forward`,
      '[data-testid=trace-graph] .react-flow__node',
      '< 2 s, no task > 200 ms',
    ));
  if (SHOTS && trace) {
    // One group opened, as a user would.
    const graph = trace.getByTestId('trace-graph');
    await graph.scrollIntoViewIfNeeded();
    await trace.screenshot({ path: path.join(SHOTS, 'trace-graph.png') });
    await trace.locator('.react-flow__node', { hasText: 'Bán thành phẩm' }).first().click();
    await trace.waitForTimeout(3000);
    await trace.screenshot({ path: path.join(SHOTS, 'trace-group-opened.png') });
    // A graph wider than its frame pans with the arrows; the wheel over it still scrolls the page.
    const transform = () => trace.locator('.react-flow__viewport').evaluate((e) => e.style.transform);
    const before = await transform();
    await trace.getByTestId('graph-panRight').click();
    await trace.waitForTimeout(500);
    const scrolled = await trace.evaluate(() => window.scrollY);
    await graph.hover();
    await trace.mouse.wheel(0, 300);
    await trace.waitForTimeout(500);
    console.log(
      `graph: right arrow ${before !== (await transform()) ? 'moved' : 'did NOT move'} the view (${before} → ${await transform()}); the wheel over the graph scrolled the page by ${(await trace.evaluate(() => window.scrollY)) - scrolled} px`,
    );
    await trace.screenshot({ path: path.join(SHOTS, 'trace-panned.png') });
  }
  console.log(`load average at the end: ${load()}`);
} finally {
  await browser.close();
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
