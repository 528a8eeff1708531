// The demo builder: a complete business through the API, deterministic per seed, consistent stock.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { hasValidCheckDigit } from '../../shared/gs1/checkdigit';
import { taxCodeProblem } from '../../shared/domain/taxcode';

function build(seed: number, scale = 60) {
  const clock = demoClock();
  const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
  const report = buildDemo(core, clock, { scale, seed, endDate: '2026-11-29' });
  return { core, report };
}

describe('nguongoc demo', () => {
  it('builds a realistic business with multi-level batches, shipments and consistent stock', () => {
    const { core, report } = build(7);
    expect(report.counts.batches).toBeGreaterThanOrEqual(60);
    expect(report.counts.receipts).toBeGreaterThan(5);
    expect(report.counts.shipments).toBeGreaterThan(5);
    expect(report.to).toBe('2026-11-29');
    const biz = core.run('business.get', {})!;
    expect(taxCodeProblem(biz.taxCode)).toBeNull();
    for (const p of core.run('products.list', { limit: 100 }).items)
      if (p.gtin) expect(hasValidCheckDigit(p.gtin)).toBe(true);
    for (const p of core.run('partners.list', { limit: 100, includeArchived: true }).items) {
      if (p.gln) expect(hasValidCheckDigit(p.gln)).toBe(true);
      if (p.taxCode) expect(taxCodeProblem(p.taxCode)).toBeNull();
    }
    // Multi-level: a jar of roasted cashews is made from kernels, which were made from raw cashews.
    const jar = core.run('lots.list', { search: 'HDRM500', limit: 1 }).items[0];
    const page = core.run('lots.get', { id: jar.id });
    const kernel = page.madeFrom.find((m) => m.productName.startsWith('Nhân điều'))!;
    expect(kernel).toBeTruthy();
    expect(core.run('lots.get', { id: kernel.lotId }).madeFrom.some((m) => m.productName.startsWith('Điều thô'))).toBe(
      true,
    );
    expect(core.run('stock.rebuild', {}).differences).toEqual([]);
    expect(core.run('recipes.get', { id: 3 }).versions.length).toBe(2);
    expect(
      core.db
        .prepare("SELECT count(*) FROM events WHERE kind = 'status' AND json_extract(data, '$.status') = 'recalled'")
        .pluck()
        .get(),
    ).toBe(1);
    core.close();
  }, 120_000);

  it("passes the Decree 43 check on every demo product's consumer labels, with the full producer address", () => {
    const { core } = build(5, 30);
    const products = core.run('products.list', { limit: 100 }).items;
    let checked = 0;
    for (const p of products) {
      const lot = core.run('lots.list', { search: p.code ?? '', limit: 1 }).items[0];
      if (!lot) continue;
      for (const template of p.gtin ? ['food-100x50', 'food-50x30', 'a4-3x7'] : ['food-50x30']) {
        const v = core.run('labels.preview', { lotId: lot.id, template, checkOnly: true });
        const errors = v.problems.filter((x) => x.severity === 'error' && !x.code.startsWith('LABEL_NO_GTIN'));
        expect(errors, `${p.name} · ${template}`).toEqual([]);
        checked++;
      }
      expect(core.run('labels.data', { lotId: lot.id }).data.business?.ward).toBe('Hố Nai 3');
    }
    expect(checked).toBeGreaterThanOrEqual(products.length);
    core.close();
  }, 120_000);

  it('is deterministic for a seed', () => {
    const snap = (seed: number) => {
      const { core } = build(seed, 30);
      const rows = core.db
        .prepare('SELECT l.code, l.balance_milli, l.expiry_date, l.status FROM lots l ORDER BY id')
        .all();
      core.close();
      return rows;
    };
    expect(snap(3)).toEqual(snap(3));
    expect(snap(3)).not.toEqual(snap(4));
  }, 120_000);
});
