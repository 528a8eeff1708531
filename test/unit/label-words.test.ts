// Label fields and elements in words: what the designer shows and what the checks' messages name.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';
import { elementWords, placeholdersToWords, wordsToPlaceholders } from '../../shared/labels/words';

describe('label words', () => {
  it('shows placeholders as field names and reads them back', () => {
    const content = '{businessName} – {businessAddress}\nHSD: {date+30} · {serial:6} {unknown}';
    const vi = placeholdersToWords(content, 'vi');
    expect(vi).toBe('{Tên cơ sở} – {Địa chỉ cơ sở}\nHSD: {Ngày in+30} · {Số sê-ri:6} {unknown}');
    expect(wordsToPlaceholders(vi, 'vi')).toBe(content);
    expect(wordsToPlaceholders(placeholdersToWords(content, 'en'), 'en')).toBe(content);
  });

  it('names every element of the built-in templates in words, never by its id', () => {
    for (const { key, template } of DEFAULT_TEMPLATES)
      for (const e of template.elements)
        for (const lang of ['vi', 'en'] as const) {
          const w = elementWords(e, lang);
          expect(w, `${key} ${e.id}`).not.toBe(e.id);
          expect(w).not.toMatch(/[{}]/);
        }
  });

  it('a label check names the barcode in words (no «ean»)', () => {
    const clock = demoClock('2026-11-29');
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 5, seed: 5, endDate: '2026-11-29' });
    const product = core.run('products.list', { limit: 100 }).items.find((p) => !p.gtin)!;
    const lot = core.run('lots.list', { productId: product.id, limit: 1 }).items[0];
    const v = core.run('labels.preview', { lotId: lot.id, template: 'food-100x50', checkOnly: true }, { lang: 'vi' });
    const noGtin = v.problems.find((p) => p.code.startsWith('LABEL_NO_GTIN'))!;
    expect(noGtin.message).toContain('«mã vạch EAN-13»');
    expect(noGtin.element).toBe('ean');
    core.close();
  });
});
