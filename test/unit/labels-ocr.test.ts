// Vietnamese stays Vietnamese at 203 dpi: every text element of every built-in template, rendered at 203 and at
// 600 dpi, read back with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie, installed by .ci/run). The
// 203 dpi label must read as well as the 600 dpi one on the words with tone marks, horns and hooks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';
import { onDocumentText, resolveText } from '../../shared/labels/fields';
import { mmToDots, type TextElement } from '../../shared/labels/model';
import { bitmapToPng, getDot, newBitmap, renderLabel, type Bitmap } from '../../main/labels/render';
import { FOOD } from '../helpers/label-data';

const CTX = { today: '2026-11-29', serial: 1 };

function tesseractVie(): string | null {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return langs.split(/\s+/).includes('vie')
      ? null
      : 'Tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)';
  } catch {
    return 'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)';
  }
}
const missing = tesseractVie();
if (missing) console.log(`labels-ocr: skipped — ${missing}`);

/** The box of one text element, each dot drawn as `scale` × `scale` pixels (a magnifier, no resampling). */
function crop(b: Bitmap, e: TextElement, dpi: number, scale: number): Bitmap {
  const x0 = mmToDots(e.x, dpi);
  const y0 = mmToDots(e.y, dpi);
  const w = mmToDots(e.w, dpi);
  const h = mmToDots(e.h, dpi);
  const pad = 8 * scale;
  const out = newBitmap(w * scale + 2 * pad, h * scale + 2 * pad);
  for (let y = 0; y < h * scale; y++)
    for (let x = 0; x < w * scale; x++)
      if (getDot(b, x0 + Math.floor(x / scale), y0 + Math.floor(y / scale))) {
        const px = x + pad;
        out.bits[(y + pad) * out.bytesPerRow + (px >> 3)] |= 0x80 >> (px & 7);
      }
  return out;
}

function ocr(b: Bitmap): string {
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
function readWords(truth: string, read: string): { want: string[]; got: string[] } {
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

describe.skipIf(missing)('Vietnamese text read back by OCR', () => {
  for (const { key, template } of DEFAULT_TEMPLATES) {
    it(`${key}: the 203 dpi label reads as well as the 600 dpi one`, { timeout: 180_000 }, () => {
      const low = renderLabel(template, FOOD, CTX, 203).bitmap;
      const high = renderLabel(template, FOOD, CTX, 600).bitmap;
      const pc = { ...CTX, onDocument: onDocumentText(template, FOOD, CTX) };
      let [want, got203, got600] = [0, 0, 0];
      const misses: string[] = [];
      for (const e of template.elements) {
        if (e.type !== 'text') continue;
        const truth = resolveText(e.content, FOOD, pc);
        const a = readWords(truth, ocr(crop(low, e, 203, 3)));
        const b = readWords(truth, ocr(crop(high, e, 600, 1)));
        want += a.want.length;
        got203 += a.got.length;
        got600 += b.got.length;
        const lost = a.want.filter((w) => !a.got.includes(w));
        if (lost.length) misses.push(`${e.id}: ${lost.join(' ')}`);
      }
      console.log(`${key}: ${got203}/${want} words with diacritics at 203 dpi, ${got600}/${want} at 600 dpi`, misses);
      expect(want).toBeGreaterThan(5);
      expect(got203, misses.join('; ')).toBeGreaterThanOrEqual(got600);
    });
  }
});
