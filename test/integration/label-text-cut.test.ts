// Text that does not fit: in a box holding a mandatory Decree 43 item the cut text is named with the item (the preview and the
// designer flag it with the box and the height needed, before printing); elsewhere a plain
// warning.
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../shared/labels/defaults';
import { makeCore } from '../helpers/core';
import { FOOD } from '../helpers/label-data';

describe('text cut on a label', () => {
  const long = { ...FOOD, product: { ...FOOD.product, ingredients: 'Hạt điều rang muối, '.repeat(40) } };

  it('a mandatory item cut is named with the box, the item and the height needed, before printing', () => {
    const core = makeCore();
    const t = defaultTemplate('food-100x50')!;
    const p = core.run('labels.preview', { template: t, data: long, checkOnly: true });
    const cut = p.problems.find((x) => x.code === 'LABEL_MANDATORY_TEXT_CUT')!;
    expect(cut).toMatchObject({ severity: 'warning', element: 'body' });
    expect(cut.message).toMatch(
      /^Ô «Thành phần[^»]*» không đủ chỗ cho thành phần, hướng dẫn sử dụng, [^:]*: chữ bị cắt, .*cần ô cao khoảng \d+(\.5)? mm ở cỡ 6\.5/,
    );
    const printer = core.run('printers.save', {
      name: 'Máy in',
      uri: 'file:cut.prn',
      language: 'tspl',
      dpi: 203,
      labelWidthMm: 100,
      labelHeightMm: 50,
    }).id;
    // The built-in templates cut a full business address at their smallest legible size, so a cut warns: the
    // print goes, and the warning was on the preview the operator saw.
    core.run('print.submit', { data: long, template: 'default:food-100x50', printerId: printer });
    expect(core.run('print.jobs', {}).total).toBe(1);
    core.close();
  });

  it('the Decree 43 report counts a cut item as not carried, so the label is never called complete', () => {
    const core = makeCore();
    const t = defaultTemplate('food-100x50')!;
    const whole = core.run('labels.preview', { template: t, data: FOOD, checkOnly: true }).decree43;
    expect(whole).toMatchObject({ complete: true, cut: [] });
    const p = core.run('labels.preview', { template: t, data: long, checkOnly: true });
    expect(p.decree43.complete).toBe(false);
    expect(p.decree43.cut).toContain('thành phần');
    expect(p.decree43.onLabel).not.toContain('thành phần');
    expect(p.decree43.onLabel).toContain('tên sản phẩm');
    core.close();
  });

  it('a box without a mandatory item only warns', () => {
    const core = makeCore();
    const base = defaultTemplate('food-100x50')!;
    const t = {
      ...base,
      elements: [
        ...base.elements.filter((e) => e.id !== 'note'),
        {
          type: 'text' as const,
          id: 'note',
          x: 2,
          y: 46,
          w: 10,
          h: 3,
          content: 'Cảm ơn quý khách đã tin dùng sản phẩm',
          fontSize: 8,
          minFontSize: 8,
        },
      ],
    };
    const p = core.run('labels.preview', { template: t, data: FOOD, checkOnly: true });
    const note = p.problems.filter((x) => x.element === 'note');
    expect(note.map((x) => [x.code, x.severity])).toEqual([['LABEL_TEXT_DOES_NOT_FIT', 'warning']]);
    core.close();
  });
});
