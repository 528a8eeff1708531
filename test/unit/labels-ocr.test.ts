// Vietnamese stays Vietnamese at 203 dpi: every text element of every built-in template, rendered at 203 and at
// 600 dpi, read back with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie, installed by .ci/run). The
// 203 dpi label must read as well as the 600 dpi one on the words with tone marks, horns and hooks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';
import { onDocumentText, resolveText } from '../../shared/labels/fields';
import { mmToDots, type TextElement } from '../../shared/labels/model';
import { renderLabel, type Bitmap } from '../../main/labels/render';
import { FOOD } from '../helpers/label-data';
import { magnify, ocr, readWords, tesseractVieMissing } from '../helpers/ocr';

const CTX = { today: '2026-11-29', serial: 1 };

const missing = tesseractVieMissing();
if (missing) console.log(`labels-ocr: skipped — ${missing}`);

/** The box of one text element, magnified. */
function crop(b: Bitmap, e: TextElement, dpi: number, scale: number): Bitmap {
  return magnify(
    b,
    { x: mmToDots(e.x, dpi), y: mmToDots(e.y, dpi), w: mmToDots(e.w, dpi), h: mmToDots(e.h, dpi) },
    scale,
  );
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
