import { describe, expect, it } from 'vitest';
import { fails, recordsWorld } from '../unit/lots-fixtures';

describe('batches', () => {
  it('scales a recipe to the weight of its main input and proposes lots FEFO', () => {
    const w = recordsWorld();
    w.receive(w.rawCashew.id, 300, { expiryDate: '2027-06-01' });
    w.receive(w.rawCashew.id, 100, { expiryDate: '2027-01-01' });
    w.receive(w.salt.id, 10);
    const plan = w.core.run('batches.plan', {
      recipeId: w.recipe.id,
      mainInput: { productId: w.rawCashew.id, qty: 196 },
    });
    expect(plan.size).toBe(200);
    expect(plan.inputs[0].lots.map((l) => [l.expiryDate, l.remaining, l.selected])).toEqual([
      ['2027-01-01', 100, 100],
      ['2027-06-01', 300, 96],
    ]);
    expect(plan.inputs[0].otherLots).toEqual([]);
    expect(plan.inputs[1]).toMatchObject({ need: 4, recipeQty: 4000, recipeUnit: 'g' });
    expect(plan.byProducts[0]).toMatchObject({ productName: 'Vỏ hạt điều', expectedQty: 10 });
    expect(plan.locationId).toBe(w.workshop.id);
    expect(plan.warnings).toEqual([]);
  });

  it('warns of shortfalls in the plan', () => {
    const w = recordsWorld();
    w.receive(w.rawCashew.id, 50);
    const plan = w.core.run('batches.plan', { recipeId: w.recipe.id });
    expect(plan.inputs[0].shortfall).toBe(48);
    expect(plan.inputs[1].shortfall).toBe(2);
    expect(plan.warnings.map((x) => x.code)).toEqual(['PLAN_SHORTFALL', 'PLAN_SHORTFALL']);
    expect(plan.warnings[0].message).toContain('thiếu 48 kg');
  });

  it('records one transformation event per output lot with explicit or proportional consumption', () => {
    const w = recordsWorld();
    const a = w.receive(w.rawCashew.id, 100);
    const b = w.receive(w.rawCashew.id, 100);
    const s = w.receive(w.salt.id, 10);
    const batch = w.core.run('batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      operator: 'Anh Hùng',
      inputs: [
        { lotId: a.id, qty: 100 },
        { lotId: b.id, qty: 80 },
        { lotId: s.id, qty: 4 },
      ],
      outputs: [
        // The first pallet came only from lot A.
        {
          qty: 90,
          inputs: [
            { lotId: a.id, qty: 100 },
            { lotId: s.id, qty: 2 },
          ],
        },
        { qty: 72 },
      ],
    });
    expect(batch.outputs).toHaveLength(2);
    expect(batch.outputs[0].inputs.map((i) => [i.lotCode, i.qty])).toEqual([
      [a.code, 100],
      [s.code, 2],
    ]);
    expect(batch.outputs[1].inputs.map((i) => [i.lotCode, i.qty])).toEqual([
      [b.code, 80],
      [s.code, 2],
    ]);
    expect(batch.recipeVersion).toBe(1);
    expect(batch.operator).toBe('Anh Hùng');
    const events = w.core.run('events.list', { docType: 'batch', docId: batch.id });
    expect(events.total).toBe(2);
    expect(
      events.items.every(
        (e) => e.epcisType === 'TransformationEvent' && e.lines.filter((l) => l.role === 'output').length === 1,
      ),
    ).toBe(true);
    expect(batch.outputs[1].lot.expiryDate).toBe('2027-05-28');
  });

  it('refuses an explicit split that does not add up', () => {
    const w = recordsWorld();
    const a = w.receive(w.rawCashew.id, 100);
    const other = w.receive(w.salt.id, 1);
    const e1 = fails(w.core, 'batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: a.id, qty: 50 }],
      outputs: [{ qty: 45, inputs: [{ lotId: a.id, qty: 40 }] }],
    });
    expect(e1.code).toBe('BATCH_SPLIT_MISMATCH');
    const e2 = fails(w.core, 'batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: a.id, qty: 50 }],
      outputs: [{ qty: 45, inputs: [{ lotId: other.id, qty: 1 }] }, { qty: 1 }],
    });
    expect(e2.code).toBe('BATCH_SPLIT_UNKNOWN_LOT');
  });

  it('warns when output and inputs differ beyond the yield', () => {
    const w = recordsWorld();
    const a = w.receive(w.rawCashew.id, 100);
    const batch = w.core.run('batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: a.id, qty: 100 }],
      outputs: [{ qty: 60 }],
    });
    expect(batch.massBalance).toMatchObject({ inputKg: 100, outputKg: 60, expectedOutputKg: 90, warning: true });
    expect(batch.warnings[0].code).toBe('MASS_BALANCE_WARNING');
    expect(batch.warnings[0].message).toContain('90 kg');
    expect(w.core.run('batches.list', {}).items[0].warning).toBe(true);
  });

  it('keeps the recipe version a batch used after the recipe is edited', () => {
    const w = recordsWorld();
    const a = w.receive(w.rawCashew.id, 200);
    const first = w.core.run('batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: a.id, qty: 98 }],
      outputs: [{ qty: 88 }],
    });
    const edited = w.core.run('recipes.update', { id: w.recipe.id, yieldPct: 85, steps: 'Rang 22 phút.' });
    expect(edited.current.version).toBe(2);
    expect(edited.current.inputs).toHaveLength(2);
    const second = w.core.run('batches.record', {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: a.id, qty: 98 }],
      outputs: [{ qty: 84 }],
    });
    expect(w.core.run('batches.get', { id: first.id }).recipeVersion).toBe(1);
    expect(second.recipeVersion).toBe(2);
    expect(w.core.run('recipes.get', { id: w.recipe.id, version: 1 }).current.yieldPct).toBe(90);
    expect(w.core.run('recipes.get', { id: w.recipe.id }).versions.map((v) => v.batches)).toEqual([1, 1]);
  });

  it('makes intermediates that feed later batches (multi-level) and traces both ways', () => {
    const w = recordsWorld();
    const raw = w.receive(w.rawCashew.id, 100);
    const mid = w.core.run('batches.record', {
      productId: w.shells.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: raw.id, qty: 50 }],
      outputs: [{ qty: 30 }],
    });
    const midLot = mid.outputs[0].lot;
    const fin = w.core.run('batches.record', {
      productId: w.jar.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: midLot.id, qty: 10, unit: 'kg' }],
      outputs: [{ qty: 20 }],
    });
    expect(fin.inputs[0]).toMatchObject({ lotCode: midLot.code, qty: 10 });
    const page = w.core.run('lots.get', { id: midLot.id });
    expect(page.madeFrom[0].lotCode).toBe(raw.code);
    expect(page.usedIn[0].lotCode).toBe(fin.outputs[0].lot.code);
    // 20 jars of 500 g from 10 kg: no warning without a recipe.
    expect(fin.massBalance.warning).toBe(false);
  });

  it('validates recipes: inputs, units, percents', () => {
    const w = recordsWorld();
    const base = { productId: w.roasted.id, name: 'X', batchSize: 10 };
    expect(
      fails(w.core, 'recipes.create', { ...base, inputs: [{ productId: w.rawCashew.id, qty: 1, unit: 'l' }] }).code,
    ).toBe('UNIT_NOT_CONVERTIBLE');
    expect(
      fails(w.core, 'recipes.create', {
        ...base,
        inputMode: 'percent',
        inputs: [{ productId: w.rawCashew.id, qty: 1 }],
      }).code,
    ).toBe('RECIPE_LINE_QTY');
    expect(fails(w.core, 'recipes.create', { ...base, inputs: [{ productId: w.roasted.id, qty: 1 }] }).code).toBe(
      'RECIPE_SELF_INPUT',
    );
    const pct = w.core.run('recipes.create', {
      ...base,
      inputMode: 'percent',
      inputs: [
        { productId: w.rawCashew.id, percent: 95 },
        { productId: w.salt.id, percent: 5 },
      ],
    });
    w.receive(w.rawCashew.id, 100);
    w.receive(w.salt.id, 100);
    const plan = w.core.run('batches.plan', { recipeId: pct.id, size: 40 });
    expect(plan.inputs.map((i) => i.need)).toEqual([38, 2]);
    w.core.run('recipes.archive', { id: pct.id });
    expect(fails(w.core, 'batches.plan', { recipeId: pct.id }).code).toBe('ARCHIVED');
    expect(w.core.run('recipes.list', {}).items.map((r) => r.name)).toEqual(['Rang muối 100 kg']);
  });
});
