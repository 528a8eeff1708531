// Tesseract with its Vietnamese model (Debian's tesseract-ocr-vie, installed by .ci/run) reading 1-bit bitmaps,
// and the measure the OCR tests use: which words with diacritics of the truth were read exactly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bitmapToPng, getDot, newBitmap, type Bitmap } from '../../main/labels/render';

/** Why OCR cannot run here, or null when tesseract has the Vietnamese model. */
export function tesseractVieMissing(): string | null {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return langs.split(/\s+/).includes('vie')
      ? null
      : 'Tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)';
  } catch {
    return 'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)';
  }
}

/** A region of a bitmap, each dot drawn as `scale` × `scale` pixels (a magnifier, no resampling), with a margin. */
export function magnify(b: Bitmap, r: { x: number; y: number; w: number; h: number }, scale: number): Bitmap {
  const pad = 8 * scale;
  const out = newBitmap(r.w * scale + 2 * pad, r.h * scale + 2 * pad);
  for (let y = 0; y < r.h * scale; y++)
    for (let x = 0; x < r.w * scale; x++)
      if (getDot(b, r.x + Math.floor(x / scale), r.y + Math.floor(y / scale))) {
        const px = x + pad;
        out.bits[(y + pad) * out.bytesPerRow + (px >> 3)] |= 0x80 >> (px & 7);
      }
  return out;
}

export function ocr(b: Bitmap): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-ocr-'));
  const file = path.join(dir, 'text.png');
  fs.writeFileSync(file, bitmapToPng(b));
  try {
    return execFileSync('tesseract', [file, '-', '-l', 'vie', '--psm', '6', '--dpi', '600'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).normalize('NFC');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const words = (s: string) =>
  s
    .split(/\s+/)
    .map((w) => w.replace(/^[(«"]+|[.,:;)»"]+$/g, ''))
    .filter(Boolean);

/** The words with diacritics of `truth` that the OCR read exactly (each counted as often as it occurs). */
export function readWords(truth: string, read: string): { want: string[]; got: string[] } {
  const pool = new Map<string, number>();
  for (const w of words(read)) pool.set(w, (pool.get(w) ?? 0) + 1);
  const want = words(truth).filter((w) => /[^\x00-\x7f]/.test(w) && /\p{L}/u.test(w));
  const got = want.filter((w) => {
    const n = pool.get(w) ?? 0;
    if (n) pool.set(w, n - 1);
    return n > 0;
  });
  return { want, got };
}

/** The 8-connected groups of printed dots inside `r` (each a list of [x, y]): a mark that touches its letter joins it. */
export function components(b: Bitmap, r: { x: number; y: number; w: number; h: number }): [number, number][][] {
  const seen = new Uint8Array(r.w * r.h);
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < r.w && y < r.h && getDot(b, r.x + x, r.y + y) === 1;
  const out: [number, number][][] = [];
  for (let y0 = 0; y0 < r.h; y0++)
    for (let x0 = 0; x0 < r.w; x0++) {
      if (seen[y0 * r.w + x0] || !on(x0, y0)) continue;
      const group: [number, number][] = [];
      const stack: [number, number][] = [[x0, y0]];
      seen[y0 * r.w + x0] = 1;
      while (stack.length) {
        const [x, y] = stack.pop()!;
        group.push([x, y]);
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const [nx, ny] = [x + dx, y + dy];
            if (on(nx, ny) && !seen[ny * r.w + nx]) {
              seen[ny * r.w + nx] = 1;
              stack.push([nx, ny]);
            }
          }
      }
      out.push(group);
    }
  return out;
}
