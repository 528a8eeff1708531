// A batch cannot be quietly wrong: made to the recipe it shows no yield alarm (in the recipe's own units),
// an input that is not in the recipe needs a confirmed reason, and a held or recalled lot is used only by
// the owner, with a reason that lands in the audit log.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { hasOverride } from '../../main/core/services/audit';
import { fails, recordsWorld } from '../unit/lots-fixtures';

describe('yield and mass balance from the recipe', () => {
  it('shows 0 % for a batch of 200 jars made from the 400 kg the recipe asks', () => {
    const w = recordsWorld();
    const raw = w.receive(w.rawCashew.id, 500);
    const recipe = w.core.run('recipes.create', {
      productId: w.jar.id,
      name: 'Đóng hũ 200 hũ',
      batchSize: 200,
      batchUnit: 'hu',
      inputs: [{ productId: w.rawCashew.id, qty: 400, unit: 'kg' }],
    });
    const plan = w.core.run('batches.plan', { recipeId: recipe.id });
    expect(plan.expectedOutput).toBe(200);
    const batch = w.core.run('batches.record', {
      recipeId: recipe.id,
      locationId: w.workshop.id,
      size: 200,
      inputs: [{ lotId: raw.id, qty: 400 }],
      outputs: [{ qty: 200 }],
    });
    expect(batch.massBalance).toMatchObject({ deviationPct: 0, expectedOutput: 200, unit: 'hu', warning: false });
    expect(batch.warnings).toEqual([]);
  });

  it('judges the output on the inputs really used and names the units in the warning', () => {
    const w = recordsWorld();
    const raw = w.receive(w.rawCashew.id, 500);
    const recipe = w.core.run('recipes.create', {
      productId: w.jar.id,
      name: 'Đóng hũ',
      batchSize: 200,
      batchUnit: 'hu',
      inputs: [{ productId: w.rawCashew.id, qty: 400, unit: 'kg' }],
    });
    // Half the raw cashews went in: 100 jars are right, 150 are not.
    const ok = w.core.run('batches.record', {
      recipeId: recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: raw.id, qty: 200 }],
      outputs: [{ qty: 100 }],
    });
    expect(ok.massBalance.warning).toBe(false);
    const off = w.core.run('batches.record', {
      recipeId: recipe.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: raw.id, qty: 200 }],
      outputs: [{ qty: 150 }],
    });
    expect(off.massBalance).toMatchObject({ deviationPct: 50, warning: true });
    expect(off.warnings[0].message).toContain('150 hũ');
    expect(off.warnings[0].message).toContain('100 hũ');
  });

  it('makes every demo recipe at its planned size with no warning', () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 20, seed: 5, endDate: '2026-11-29' });
    const recipes = core.run('recipes.list', { limit: 100 }).items;
    expect(recipes.length).toBeGreaterThanOrEqual(5);
    const supplier = core.run('partners.list', { kind: 'supplier', limit: 1 }).items[0];
    const location = core.run('locations.list', { limit: 100 }).items[0];
    for (const r of recipes) {
      let plan = core.run('batches.plan', { recipeId: r.id, locationId: location.id });
      // Top up what is short so the batch can be made exactly to the recipe.
      for (const inp of plan.inputs.filter((i) => i.shortfall > 0))
        core.run('receipts.create', {
          supplierId: supplier.id,
          locationId: location.id,
          lines: [{ productId: inp.productId, qty: inp.need }],
        });
      plan = core.run('batches.plan', { recipeId: r.id, locationId: location.id });
      const batch = core.run('batches.record', plan.record);
      expect(batch.massBalance.deviationPct, r.name).toBe(0);
      expect(batch.warnings, r.name).toEqual([]);
    }
    core.close();
  }, 120_000);
});

describe("the recipe's own tolerance", () => {
  it('judges each demo recipe by its tolerance, kept by a new version, 5 % when it sets none', () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 20, seed: 5, endDate: '2026-11-29' });
    const supplier = core.run('partners.list', { kind: 'supplier', limit: 1 }).items[0];
    const location = core.run('locations.list', { limit: 100 }).items[0];
    const recipe = core.run('recipes.list', { limit: 100 }).items[0];
    expect(core.run('recipes.get', { id: recipe.id }).current).toMatchObject({
      tolerancePct: 5,
      toleranceDefault: true,
    });
    // 8 % more output than expected: over the default 5 %.
    const batch = () => {
      let plan = core.run('batches.plan', { recipeId: recipe.id, locationId: location.id });
      for (const inp of plan.inputs.filter((i) => i.shortfall > 0))
        core.run('receipts.create', {
          supplierId: supplier.id,
          locationId: location.id,
          lines: [{ productId: inp.productId, qty: inp.need }],
        });
      plan = core.run('batches.plan', { recipeId: recipe.id, locationId: location.id });
      // Whole pieces: the demo's first recipe counts its output.
      const qty = Math.round(plan.expectedOutput * 1.08);
      return {
        plan,
        made: core.run('batches.record', { ...plan.record, outputs: [{ ...plan.record.outputs[0], qty }] }),
      };
    };
    const strict = batch();
    expect(strict.plan.tolerancePct).toBe(5);
    expect(strict.made.massBalance).toMatchObject({ tolerancePct: 5, warning: true });
    expect(strict.made.warnings[0].message).toContain('5%');

    core.run('recipes.update', { id: recipe.id, tolerancePct: 10 });
    const v2 = core.run('recipes.get', { id: recipe.id }).current;
    expect(v2).toMatchObject({ version: 2, tolerancePct: 10, toleranceDefault: false });
    // A later version that changes something else keeps the tolerance.
    core.run('recipes.update', { id: recipe.id, note: 'Rang lâu hơn' });
    expect(core.run('recipes.get', { id: recipe.id }).current).toMatchObject({ version: 3, tolerancePct: 10 });
    const loose = batch();
    expect(loose.plan.tolerancePct).toBe(10);
    expect(loose.made.massBalance).toMatchObject({ tolerancePct: 10, warning: false });
    expect(loose.made.warnings).toEqual([]);
    // Version 1's batch keeps being judged by version 1.
    expect(core.run('recipes.get', { id: recipe.id, version: 1 }).current.tolerancePct).toBe(5);
    core.close();
  }, 120_000);
});

describe('inputs that are not in the recipe', () => {
  it('refuses them until confirmed with a reason, and keeps the reason on the batch', () => {
    const w = recordsWorld();
    const raw = w.receive(w.rawCashew.id, 100);
    const coffee = w.core.run('products.create', { kind: 'raw', name: 'Cà phê nhân', code: 'CPN', unit: 'kg' });
    const beans = w.receive(coffee.id, 10);
    const input = {
      recipeId: w.recipe.id,
      locationId: w.workshop.id,
      inputs: [
        { lotId: raw.id, qty: 98 },
        { lotId: beans.id, qty: 2 },
      ],
      outputs: [{ qty: 90 }],
    };
    const err = fails(w.core, 'batches.record', input);
    expect(err.code).toBe('BATCH_OFF_RECIPE');
    expect(err.message).toContain('Cà phê nhân');
    expect(err.fields?.[0].path).toBe('inputs.1.lotId');
    expect(w.core.run('lots.get', { id: beans.id }).lot.balance).toBe(10);
    const short = { ...input, inputs: [input.inputs[0], { ...input.inputs[1], offRecipe: { reason: 'x' } }] };
    expect(fails(w.core, 'batches.record', short).code).toBe('BATCH_OFF_RECIPE');
    const reason = 'Thử thêm cà phê theo đơn đặt riêng';
    const batch = w.core.run('batches.record', {
      ...input,
      inputs: [input.inputs[0], { ...input.inputs[1], offRecipe: { reason } }],
    });
    expect(batch.inputs.find((i) => i.lotId === beans.id)?.offRecipe).toBe(reason);
    expect(batch.inputs.find((i) => i.lotId === raw.id)?.offRecipe).toBeNull();
  });
});

describe('held and recalled lots', () => {
  function heldLot() {
    const w = recordsWorld();
    const lot = w.receive(w.rawCashew.id, 10);
    w.core.run('lots.setStatus', { lotIds: [lot.id], status: 'recalled', reason: 'Quyết định thu hồi số 12' });
    const owner = w.core.run('users.setup', { name: 'Chủ cơ sở', pin: '1234' }).session;
    const staffUser = w.core.run('users.create', { name: 'Lan', role: 'staff', pin: '5678' }, { session: owner });
    const staff = w.core.run('users.login', { userId: staffUser.id, pin: '5678' }).session;
    const ship = (reason: string) => ({
      customerId: w.customer.id,
      fromLocationId: w.workshop.id,
      lines: [{ lotId: lot.id, qty: 1, override: { reason } }],
    });
    return { w, lot, owner, staff, ship };
  }

  it('refuses staff, and an owner without a real reason', () => {
    const { w, lot, owner, staff, ship } = heldLot();
    const asStaff = w.core.call('shipments.create', ship('Khách cần gấp'), { session: staff });
    expect(asStaff.ok).toBe(false);
    if (!asStaff.ok) {
      expect(asStaff.error.code).toBe('OVERRIDE_OWNER_ONLY');
      expect(asStaff.error.message).toContain('Chỉ chủ cơ sở');
    }
    const tooShort = w.core.call('shipments.create', ship('x'), { session: owner });
    expect(!tooShort.ok && tooShort.error.code).toBe('OVERRIDE_REASON_SHORT');
    expect(w.core.run('lots.get', { id: lot.id }).lot.balance).toBe(10);
  });

  it('lets the owner ship with a reason that the audit log keeps (who, before, why)', () => {
    const { w, lot, owner, ship } = heldLot();
    w.core.run('shipments.create', ship('Đã kiểm nghiệm lại, đạt'), { session: owner });
    const log = w.core.run('audit.list', { action: 'lots.override' }, { session: owner });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ user: 'Chủ cơ sở', entity: 'lot', entityId: String(lot.id) });
    expect(log.items[0].before).toMatchObject({ status: 'recalled' });
    expect(log.items[0].after).toMatchObject({ reason: 'Đã kiểm nghiệm lại, đạt', use: 'shipment' });
  });

  it('sees an override in the input the API takes', () => {
    expect(hasOverride({ lines: [{ lotId: 1, override: { reason: 'vì' } }] })).toBe(true);
    expect(hasOverride({ overrideChecks: true })).toBe(true);
    expect(hasOverride({ lines: [{ lotId: 1 }] })).toBe(false);
  });
});

describe('names for people in exports', () => {
  it('writes unit names, not codes, in the trace CSV an inspector reads', () => {
    const w = recordsWorld();
    const raw = w.receive(w.rawCashew.id, 100);
    const batch = w.core.run('batches.record', {
      productId: w.jar.id,
      locationId: w.workshop.id,
      inputs: [{ lotId: raw.id, qty: 10 }],
      outputs: [{ qty: 20 }],
    });
    const csv = w.core.run('trace.export', { lots: [batch.outputs[0].lot.code], format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain(',hũ');
    expect(text).not.toMatch(/,hu(,|\r?\n|$)/);
  });
});
