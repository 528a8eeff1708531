// Every built-in template holds every demo product's mandatory texts (the business's full address among them)
// at the smallest legible size, and prints with every symbol at its GS1 size, at 203 and at 300 dpi.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { DEFAULT_TEMPLATES } from '../../shared/labels/defaults';

const DPIS = [203, 300] as const;

describe('built-in templates with the demo data', () => {
  it('cut no text of any demo product at 203 or 300 dpi, and every label with a GTIN prints at both', () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 30, seed: 5, endDate: '2026-11-29' });
    // One printer per template and resolution, set up for that template's media (a sheet goes to an office printer).
    const printers = new Map<string, number>();
    for (const d of DEFAULT_TEMPLATES)
      for (const dpi of DPIS) {
        const t = d.template;
        const a4 = !!t.sheet;
        printers.set(
          `${d.key}@${dpi}`,
          core.run('printers.save', {
            name: `Máy in ${d.key} ${dpi} dpi`,
            uri: `file:${d.key}-${dpi}.${a4 ? 'pdf' : 'prn'}`,
            language: a4 ? 'driver' : 'tspl',
            kind: a4 ? 'page' : 'label',
            dpi,
            labelWidthMm: t.widthMm,
            labelHeightMm: t.heightMm,
          }).id,
        );
      }
    let printed = 0;
    for (const p of core.run('products.list', { limit: 100 }).items) {
      const lot = core.run('lots.list', { search: p.code ?? '', limit: 1 }).items[0];
      if (!lot) continue;
      for (const d of DEFAULT_TEMPLATES) {
        const sscc = d.key.startsWith('carton') ? '095212340000000013' : undefined;
        for (const dpi of DPIS) {
          const v = core.run('labels.preview', {
            lotId: lot.id,
            template: `default:${d.key}`,
            dpi,
            sscc,
            checkOnly: true,
          });
          const where = `${p.name} · ${d.key} · ${dpi} dpi`;
          const cut = v.problems.filter(
            (x) => x.code === 'LABEL_MANDATORY_TEXT_CUT' || x.code === 'LABEL_TEXT_DOES_NOT_FIT',
          );
          expect(cut, where).toEqual([]);
          expect(v.decree43.cut, where).toEqual([]);
          if (!p.gtin) continue;
          expect(
            v.problems.filter((x) => x.severity === 'error'),
            where,
          ).toEqual([]);
          core.run('print.submit', {
            lotId: lot.id,
            template: `default:${d.key}`,
            printerId: printers.get(`${d.key}@${dpi}`)!,
            sscc,
          });
          printed++;
        }
      }
    }
    expect(printed).toBe(core.run('print.jobs', {}).total);
    expect(printed).toBeGreaterThanOrEqual(3 * DEFAULT_TEMPLATES.length * DPIS.length);
    core.close();
  }, 300_000);
});
