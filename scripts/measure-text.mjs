// Which font and size keep Vietnamese marks at 203 dpi? Draws the words a label prints in each candidate font at
// 5–9 pt, thresholds to 1 bit the way main/labels/render.ts does, and reads them back with Tesseract's Vietnamese
// model (tesseract-ocr-vie). Prints the share of words with diacritics read exactly, per font and size.
// Usage: node scripts/measure-text.mjs [font.ttf …]  (default: the bundled fonts and the system's Noto/Roboto/Arimo)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

export const PHRASES = [
  'Cơ sở Chế biến Hạt điều Đồng Nai',
  'Bảo quản nơi khô ráo, thoáng mát',
  'Cảnh báo: không dùng cho người dị ứng',
  'Hướng dẫn sử dụng: dùng ngay sau khi mở',
  'Thành phần: hạt điều, muối, dầu thực vật',
  'Xuất xứ: Việt Nam. Định lượng: 500 g',
  'Phường Trấn Biên, tỉnh Đồng Nai, đường 30/4',
];

// The renderer prints a dot under luminance 200 (main/labels/render.ts LUMA_PRINTED); THRESHOLD=160 compares.
const THRESHOLD = Number(process.env.THRESHOLD ?? 200);
const hasMark = (w) => /[^\x00-\x7f]/.test(w);
const words = (s) =>
  s
    .split(/\s+/)
    .map((w) => w.replace(/[.,:;]+$/, ''))
    .filter(Boolean);

/** Share (0–1) of the words with diacritics in `truth` that appear exactly in `read`. */
export function diacriticScore(truth, read) {
  const want = PHRASES.flatMap(words).filter(hasMark);
  const got = new Map();
  for (const w of words(read.normalize('NFC'))) got.set(w, (got.get(w) ?? 0) + 1);
  let ok = 0;
  for (const w of want) {
    const n = got.get(w) ?? 0;
    if (n > 0) {
      ok++;
      got.set(w, n - 1);
    }
  }
  return ok / want.length;
}

function render(family, pt, dpi, bold) {
  const px = (pt * dpi) / 72;
  const line = Math.ceil(px * 1.3);
  const w = Math.ceil(px * 26);
  const h = line * PHRASES.length + line;
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.font = `${bold ? 'bold ' : ''}${px}px "${family}"`;
  PHRASES.forEach((p, i) => ctx.fillText(p, px * 0.5, line * (i + 1)));
  const rgba = c.data();
  // 1 bit, then each printer dot as a square of `scale` pixels, so Tesseract sees the dots as a magnifier would.
  const scale = Math.max(1, Math.round(600 / dpi));
  const out = createCanvas(w * scale, h * scale);
  const o = out.getContext('2d');
  o.fillStyle = '#fff';
  o.fillRect(0, 0, w * scale, h * scale);
  o.fillStyle = '#000';
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29 < THRESHOLD * 256)
        o.fillRect(x * scale, y * scale, scale, scale);
    }
  return out.toBuffer('image/png');
}

export function ocr(png) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-ocr-'));
  const file = path.join(dir, 'in.png');
  fs.writeFileSync(file, png);
  try {
    return execFileSync('tesseract', [file, '-', '-l', 'vie', '--psm', '6', '--dpi', '600'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2).length
    ? process.argv.slice(2)
    : [
        'resources/fonts/DejaVuSans.ttf',
        '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
        '/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf',
        '/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf',
      ].filter((f) => fs.existsSync(f));
  const truth = PHRASES.join('\n');
  console.log('font'.padEnd(28), [5, 5.5, 6, 6.5, 7, 8, 9].map((p) => `${p}pt`.padStart(6)).join(''), '  600dpi@6pt');
  for (const f of files) {
    const family = `M ${path.basename(f)}`;
    GlobalFonts.registerFromPath(f, family);
    const row = [5, 5.5, 6, 6.5, 7, 8, 9].map((pt) => diacriticScore(truth, ocr(render(family, pt, 203, false))));
    const ref = diacriticScore(truth, ocr(render(family, 6, 600, false)));
    console.log(
      path.basename(f).padEnd(28),
      row.map((v) => `${Math.round(v * 100)}%`.padStart(6)).join(''),
      `${Math.round(ref * 100)}%`.padStart(8),
    );
  }
}
