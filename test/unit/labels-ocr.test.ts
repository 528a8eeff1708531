// Vietnamese stays Vietnamese at 203 dpi: every text element of every built-in template, rendered at 203 and at
// 600 dpi, read back with Tesseract's Vietnamese model (Debian's tesseract-ocr-vie, installed by .ci/run). The
// 203 dpi label must read as well as the 600 dpi one on the words with tone marks, horns and hooks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';
import { onDocumentText, resolveText } from '../../shared/labels/fields';
import { MIN_TEXT_PT, mmToDots, type LabelTemplate, type TextElement } from '../../shared/labels/model';
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
        const lost = [...a.got].reduce((left, w) => (left.splice(left.indexOf(w), 1), left), [...a.want]);
        if (lost.length) misses.push(`${e.id}: ${lost.join(' ')}`);
      }
      console.log(`${key}: ${got203}/${want} words with diacritics at 203 dpi, ${got600}/${want} at 600 dpi`, misses);
      expect(want).toBeGreaterThan(5);
      expect(got203, misses.join('; ')).toBeGreaterThanOrEqual(got600);
    });
  }
});

// The letters whose marks stack or hang (tone on circumflex/breve, horn, hook) at the smallest size a template
// may use, regular and bold, each word read alone so no dictionary neighbour helps.
const STACKED_WORDS = 'điều Điều đồng Đồng trấn phần xuất ẩm ổn về ảnh ơn ưu ở ừ nữa đường Bảo quản Cảnh báo';

describe.skipIf(missing)('Stacked marks at the smallest text size', () => {
  for (const bold of [false, true]) {
    it(`${bold ? 'bold' : 'regular'} ${MIN_TEXT_PT} pt: 203 dpi reads as well as 600 dpi`, { timeout: 120_000 }, () => {
      const line: TextElement = {
        type: 'text',
        id: 'marks',
        x: 1,
        y: 1,
        w: 98,
        h: 8,
        content: STACKED_WORDS,
        fontSize: MIN_TEXT_PT,
        minFontSize: MIN_TEXT_PT,
        bold,
      };
      const t: LabelTemplate = { name: 'marks', purpose: 'consumer', widthMm: 100, heightMm: 10, elements: [line] };
      const read = (dpi: number, scale: number) =>
        readWords(STACKED_WORDS, ocr(crop(renderLabel(t, FOOD, CTX, dpi).bitmap, line, dpi, scale)));
      const [low, high] = [read(203, 3), read(600, 1)];
      const lost = low.got.reduce((left, w) => (left.splice(left.indexOf(w), 1), left), [...low.want]);
      console.log(
        `stacked marks ${bold ? 'bold' : 'regular'}: ${low.got.length}/${low.want.length} at 203 dpi, ${high.got.length} at 600 dpi`,
      );
      expect(low.want.length).toBeGreaterThan(15);
      expect(low.got.length, lost.join(' ')).toBeGreaterThanOrEqual(high.got.length);
    });
  }
});
