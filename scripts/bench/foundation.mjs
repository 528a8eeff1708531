// Foundation benchmark: cold start of `nguongoc serve` to the first API answer, latency of a
// simple API call over HTTP, opening a database of 100,000 products and searching it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'dist', 'lib.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-bench-'));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(2)} ms`;

// 1. Cold start: spawn serve, poll until the first API answer.
async function coldStart() {
  const db = path.join(tmp, 'cold.db');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), 'serve', '--db', db, '--port', '0', '--token', 'bench'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const res = await fetch(`${url}api/system.info`, {
    method: 'POST',
    headers: { Authorization: 'Bearer bench', 'Content-Type': 'application/json' },
    body: '{}',
  });
  await res.json();
  const t = performance.now() - t0;
  child.kill();
  return t;
}

// 2. Latency of a simple call over a kept-alive connection.
async function latency() {
  const core = lib.openCore({ dbPath: path.join(tmp, 'lat.db'), host: 'http' });
  const host = await lib.startHttpHost({ core, port: 0, token: 'bench' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/business.get',
          agent,
          headers: {
            Authorization: 'Bearer bench',
            'Content-Type': 'application/json',
            Host: `127.0.0.1:${host.port}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  for (let i = 0; i < 200; i++) await call();
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  agent.destroy();
  await host.close();
  core.close();
  return { median: pct(times, 50), p95: pct(times, 95) };
}

// 3. 100,000 products: create (one transaction), reopen, search.
function products() {
  const file = path.join(tmp, 'products.db');
  const core = lib.openCore({ dbPath: file, host: 'cli' });
  const words = [
    'Hạt điều',
    'Cà phê',
    'Giò lụa',
    'Chả quế',
    'Lạp xưởng',
    'Mật ong',
    'Tiêu đen',
    'Bưởi',
    'Sầu riêng',
    'Chôm chôm',
  ];
  const kinds = ['raw', 'intermediate', 'finished', 'packaging'];
  const t0 = performance.now();
  core.db.transaction(() => {
    for (let i = 1; i <= 100_000; i++) {
      core.invoke('products.create', {
        kind: kinds[i % 4],
        name: `${words[i % 10]} loại ${i}`,
        code: `SP-${i}`,
        unit: 'kg',
        gtin: lib.withCheckDigit(`952${String(i).padStart(9, '0')}`),
      });
    }
  })();
  const createMs = performance.now() - t0;
  // Memory right after the one big transaction: statements cached per connection keep it flat.
  const rss = process.memoryUsage().rss;
  core.close();
  const t1 = performance.now();
  const core2 = lib.openCore({ dbPath: file, host: 'cli' });
  core2.run('products.list', { limit: 1 });
  const openMs = performance.now() - t1;
  const queries = ['ca phe', 'mật ong loại 9999', 'SP-4242', '9520000', 'khong co', 'gio lua'];
  const times = [];
  for (let r = 0; r < 10; r++)
    for (const q of queries) {
      const t = performance.now();
      core2.run('products.list', { search: q, limit: 50 });
      times.push(performance.now() - t);
    }
  core2.close();
  return {
    createMs,
    rss,
    openMs,
    searchMedian: pct(times, 50),
    searchP95: pct(times, 95),
    size: fs.statSync(file).size,
  };
}

const cold = await coldStart();
console.log(`cold start of serve to first API answer: ${ms(cold)}  (target < 1500 ms)`);
const lat = await latency();
console.log(
  `API call over HTTP (business.get, 2000 calls): median ${ms(lat.median)}, p95 ${ms(lat.p95)}  (target p95 < 5 ms)`,
);
const p = products();
console.log(
  `100,000 products: created in ${ms(p.createMs)} (one transaction), database ${(p.size / 1e6).toFixed(1)} MB, process memory after it ${(p.rss / 1e6).toFixed(0)} MB (RSS; target < 500 MB)`,
);
console.log(`open database of 100,000 products + first query: ${ms(p.openMs)}`);
console.log(
  `product search over 100,000 products (limit 50): median ${ms(p.searchMedian)}, p95 ${ms(p.searchP95)}  (target < 50 ms)`,
);
fs.rmSync(tmp, { recursive: true, force: true });
