// Labels and printing benchmark: render and encode a 50×30 mm food label at 203 dpi (target < 20 ms
// each), and stream 1,000 labels with serial numbers to a TCP printer on loopback (target > 50 labels/s, flat
// memory). Usage: node scripts/bench/labels.mjs [--count N]
// The label engine is bundled from source with esbuild (a dev dependency) so this needs no extra dist entry.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { machineLine, opt } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const COUNT = Number(opt('--count', 1000)) || 1000;

const out = path.join(os.tmpdir(), `nguongoc-bench-labels-${process.pid}.cjs`);
esbuild.buildSync({
  stdin: {
    contents: `export * from './main/labels/render'; export * from './main/printing/encoders'; export * from './main/printing/job';
      export * from './main/printing/transports'; export { DEFAULT_TEMPLATES, defaultTemplate } from './shared/labels/defaults';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  external: ['@napi-rs/canvas', 'bwip-js', 'koffi'],
  logLevel: 'warning',
  nodePaths: [path.join(root, 'node_modules')],
});
process.env.NGUONGOC_RESOURCES = path.join(root, 'resources');
const modPaths = [path.join(root, 'node_modules')];
require('node:module').Module._initPaths?.();
process.env.NODE_PATH = modPaths.join(path.delimiter);
require('node:module').Module._initPaths();
const L = require(out);
fs.rmSync(out, { force: true });

const ms = (x) => `${x.toFixed(2)} ms`;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

const data = {
  product: {
    name: 'Hạt điều rang muối Bình Phước loại đặc biệt',
    code: 'HDRM',
    gtin: '9520000000011',
    netQuantity: '500 g',
    ingredients: 'Hạt điều (98%), muối, dầu thực vật',
    storage: 'Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp',
    usage: 'Dùng ngay sau khi mở bao',
    warnings: 'Không dùng cho người dị ứng hạt điều',
    origin: 'Việt Nam',
    standard: 'TCCS 01:2024/HĐĐN',
    kind: 'finished',
  },
  business: { name: 'Công ty TNHH Hạt Điều Đồng Nai', address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai' },
  lot: { code: 'L261129-01', productionDate: '2026-11-29', expiryDate: '2027-11-29' },
};
const template = L.defaultTemplate('food-50x30');
const ctx = { today: '2026-11-29' };

// ---------- 1. render and encode one 50×30 label ----------
for (let i = 0; i < 20; i++) L.renderLabel(template, data, ctx, 203); // warm-up: fonts, JIT
const renderTimes = [];
let bitmap;
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  bitmap = L.renderLabel(template, data, ctx, 203).bitmap;
  renderTimes.push(performance.now() - t0);
}
const profile = { dpi: 203, widthMm: 50, heightMm: 30, media: 'gap', gapMm: 2, darkness: 8, speed: 4 };
// A different lot each time: nothing of the barcode or the lot text is cached.
const coldTimes = [];
for (let i = 0; i < 100; i++) {
  const d = { ...data, lot: { ...data.lot, code: `L${String(100000 + i)}` } };
  const t0 = performance.now();
  L.renderLabel(template, d, ctx, 203);
  coldTimes.push(performance.now() - t0);
}
console.log(`${machineLine()} (figures are slower on a busy machine)`);
console.log(`50×30 mm food label @ 203 dpi (${bitmap.width}×${bitmap.height} dots):`);
console.log(
  `  render (same lot, 200×)       median ${ms(pct(renderTimes, 50))}  p95 ${ms(pct(renderTimes, 95))}   (target < 20 ms)`,
);
console.log(
  `  render (a new lot each, 100×) median ${ms(pct(coldTimes, 50))}  p95 ${ms(pct(coldTimes, 95))}   (target < 20 ms)`,
);
for (const lang of L.PRINTER_LANGUAGES) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    bytes = L.encodeToBuffer(lang, profile, [{ bitmap, copies: 1 }]).length;
    times.push(performance.now() - t0);
  }
  console.log(
    `  encode ${lang.padEnd(6)} median ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}   ${bytes} bytes/label (target < 20 ms)`,
  );
}
const pngTimes = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  L.bitmapToPng(bitmap);
  pngTimes.push(performance.now() - t0);
}
console.log(`  preview PNG  median ${ms(pct(pngTimes, 50))}`);

// ---------- 2. COUNT serial labels streamed to a loopback TCP printer ----------
const serialTemplate = {
  ...template,
  elements: template.elements.map((e) => (e.id === 'lot' ? { ...e, content: 'Lô:\n{lotCode}\nSố {serial:5}' } : e)),
};
let received = 0;
const server = net.createServer((s) => {
  s.on('data', (d) => (received += d.length));
  s.on('end', () => s.end());
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
for (const lang of L.PRINTER_LANGUAGES) {
  received = 0;
  const spec = {
    template: serialTemplate,
    data,
    language: lang,
    profile,
    offsetXMm: 0,
    offsetYMm: 0,
    copies: COUNT,
    serialFrom: 1,
    today: ctx.today,
  };
  globalThis.gc?.();
  const heap = [];
  const rss = [];
  let n = 0;
  const sample = () => {
    heap.push(process.memoryUsage().heapUsed);
    rss.push(process.memoryUsage().rss);
  };
  // Memory every 100 chunks and at the start and end, so a short run has figures too.
  function* sampled(chunks) {
    sample();
    for (const c of chunks) {
      if (++n % 100 === 0) sample();
      yield c;
    }
    sample();
  }
  const t0 = performance.now();
  const r = await L.sendRaw({ kind: 'tcp', host: '127.0.0.1', port }, sampled(L.jobBytes(spec)));
  const secs = (performance.now() - t0) / 1000;
  for (let i = 0; i < 100 && received < r.bytes; i++) await new Promise((res) => setTimeout(res, 10));
  console.log(
    `${COUNT} serial labels → tcp://127.0.0.1 (${lang}): ${(COUNT / secs).toFixed(0)} labels/s (target > 50), ${mb(r.bytes)} sent, ${received === r.bytes ? 'all bytes received' : `RECEIVED ${received}`}; ` +
      `heap ${mb(Math.min(...heap))}–${mb(Math.max(...heap))}, rss ${mb(Math.min(...rss))}–${mb(Math.max(...rss))} (flat = streamed)`,
  );
}
server.close();
