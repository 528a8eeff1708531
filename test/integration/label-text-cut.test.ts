// Text that does not fit: in a box holding a mandatory Decree 43 item the cut text refuses the label, named with the
// item, the box and the height needed (preview, designer save, print); elsewhere a plain warning.
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../shared/labels/defaults';
import { aBusiness, makeCore } from '../helpers/core';
import { FOOD } from '../helpers/label-data';

describe('text cut on a label', () => {
  const long = { ...FOOD, product: { ...FOOD.product, ingredients: 'Hạt điều rang muối, '.repeat(40) } };

  it('a mandatory item cut is named with the box, the item and the height needed, before printing', () => {
    const core = makeCore();
    const t = defaultTemplate('food-100x50')!;
    const p = core.run('labels.preview', { template: t, data: long, checkOnly: true });
    const cut = p.problems.find((x) => x.code === 'LABEL_MANDATORY_TEXT_CUT')!;
    expect(cut).toMatchObject({ severity: 'error', element: 'body' });
    expect(cut.message).toMatch(
      /^Ô «Thành phần[^»]*» không đủ chỗ cho thành phần, hướng dẫn sử dụng, [^:]*: chữ bị cắt, .*không in\. Cần ô cao khoảng \d+(\.5)? mm ở cỡ chữ 6\.5: hãy kéo ô cao hơn/,
    );
    const printer = core.run('printers.save', {
      name: 'Máy in',
      uri: 'file:cut.prn',
      language: 'tspl',
      dpi: 203,
      labelWidthMm: 100,
      labelHeightMm: 50,
    }).id;
    expect(() => core.run('print.submit', { data: long, template: 'default:food-100x50', printerId: printer })).toThrow(
      expect.objectContaining({ code: 'LABEL_CHECK_FAILED' }),
    );
    expect(core.run('print.jobs', {}).total).toBe(0);
    core.run('print.submit', { data: FOOD, template: 'default:food-100x50', printerId: printer });
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

  it("the designer refuses to save a template that cuts the business's full address, naming the box and the item", () => {
    const core = makeCore();
    core.run(
      'business.update',
      aBusiness({
        name: 'Công ty TNHH Thực phẩm Nông sản Đồng Nai Xanh',
        address: 'Lô B4, KCN Hố Nai 3',
        ward: 'xã Hố Nai 3',
        province: 'tỉnh Đồng Nai',
      }),
    );
    const base = defaultTemplate('food-100x50')!;
    const squeezed = {
      ...base,
      name: 'Tem chật',
      elements: base.elements.map((e) => (e.id === 'biz' ? { ...e, h: 6 } : e)),
    };
    let err: { code: string; fields: { code: string; params: Record<string, unknown> }[] } | undefined;
    try {
      core.run('labels.saveTemplate', { template: squeezed });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err?.code).toBe('VALIDATION');
    expect(err?.fields[0]).toMatchObject({
      code: 'LABEL_MANDATORY_TEXT_CUT',
      params: { field: 'tên tổ chức chịu trách nhiệm, địa chỉ tổ chức chịu trách nhiệm' },
    });
    expect(String(err?.fields[0].params.element)).toMatch(/^Tên cơ sở/);
    expect(core.run('labels.saveTemplate', { template: { ...base, name: 'Tem vừa' } }).template.name).toBe('Tem vừa');
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
