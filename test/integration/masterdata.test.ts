import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract';
import { allHandlers } from '../../main/core';
import { aBusiness, aLocation, aPartner, aProduct, demoGtin, makeCore } from '../helpers/core';

describe('the API contract', () => {
  it('has a handler for every method', () => {
    expect(METHOD_NAMES.filter((m) => !(m in allHandlers))).toEqual([]);
  });
  it('refuses an unknown method with a code', () => {
    const core = makeCore();
    const res = core.call('products.drop', {});
    expect(res).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_METHOD' } });
  });
});

describe('business profile', () => {
  it('is empty at first, then saved and updated, with the tax code normalised', () => {
    const core = makeCore();
    expect(core.run('business.get', {})).toBeNull();
    const b = core.run('business.update', aBusiness({ taxCode: '0300588569 001' }));
    expect(b.taxCode).toBe('0300588569-001');
    const b2 = core.run('business.update', aBusiness({ name: 'Công ty Cổ phần Điều Vàng' }));
    expect(b2.name).toBe('Công ty Cổ phần Điều Vàng');
    expect(core.run('setup.status', {})).toEqual({ business: true, location: false, product: false, done: false });
  });
  it('refuses a wrong tax code check digit with the field and a Vietnamese message', () => {
    const core = makeCore();
    const res = core.call('business.update', aBusiness({ taxCode: '0300588568' }));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.fields?.[0]).toMatchObject({ path: 'taxCode', code: 'TAX_CODE_CHECK_DIGIT' });
    expect(res.error.fields?.[0].message).toContain('chữ số thứ 10 phải là 9');
    expect(core.run('business.get', {})).toBeNull();
  });
  it('speaks English when asked', () => {
    const core = makeCore();
    const res = core.call('business.update', aBusiness({ email: 'not-an-email' }), { lang: 'en' });
    expect(!res.ok && res.error.fields?.[0].message).toBe('The email address is not valid (e.g. name@company.vn).');
  });
});

describe('products', () => {
  it('creates, lists with diacritic-free search, sorts, updates and archives', () => {
    const core = makeCore();
    const a = core.run('products.create', aProduct({ name: 'Cà phê rang xay', code: 'CF-RX', gtin: demoGtin() }));
    core.run('products.create', aProduct({ name: 'Hạt điều rang muối', code: 'HD-RM', kind: 'finished' }));
    core.run('products.create', aProduct({ name: 'Đường cát trắng', code: 'DUONG', kind: 'raw' }));
    expect(core.run('products.list', { search: 'ca phe' }).items.map((p) => p.code)).toEqual(['CF-RX']);
    expect(core.run('products.list', {}).items.map((p) => p.name)).toEqual([
      'Cà phê rang xay',
      'Đường cát trắng',
      'Hạt điều rang muối',
    ]);
    expect(core.run('products.list', { kind: 'raw' }).total).toBe(1);
    const u = core.run('products.update', { id: a.id, shelfLifeDays: 180 });
    expect(u.shelfLifeDays).toBe(180);
    expect(u.gtin).toBe(a.gtin);
    core.run('products.archive', { id: a.id });
    expect(core.run('products.list', {}).total).toBe(2);
    expect(core.run('products.list', { includeArchived: true }).total).toBe(3);
    expect(core.run('products.restore', { id: a.id }).archived).toBe(false);
  });
  it('refuses a wrong GTIN check digit, a duplicate GTIN (also as GTIN-14) and a duplicate code; nothing is written', () => {
    const core = makeCore();
    const gtin = demoGtin();
    core.run('products.create', aProduct({ code: 'A1', gtin }));
    const wrong = gtin.slice(0, -1) + String((Number(gtin.at(-1)) + 1) % 10);
    const r1 = core.call('products.create', aProduct({ gtin: wrong }));
    expect(!r1.ok && r1.error.fields?.[0]).toMatchObject({ path: 'gtin', code: 'GTIN_CHECK_DIGIT' });
    const r2 = core.call('products.create', aProduct({ gtin: `0${gtin}` }));
    expect(r2).toMatchObject({ ok: false, status: 409, error: { code: 'DUPLICATE', fields: [{ path: 'gtin' }] } });
    const r3 = core.call('products.create', aProduct({ code: 'a1' }));
    expect(r3).toMatchObject({ ok: false, error: { code: 'DUPLICATE', fields: [{ path: 'code' }] } });
    expect(core.run('products.list', {}).total).toBe(1);
  });
  it('refuses empty required fields, over-long text, wrong types and unknown fields', () => {
    const core = makeCore();
    const r = core.call('products.create', {
      kind: 'finished',
      name: '',
      code: 'x'.repeat(41),
      unit: 'kg',
      shelfLifeDays: 'ten',
      colour: 'red',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries((r.error.fields ?? []).map((f) => [f.path, f.code]));
    expect(byPath).toMatchObject({
      name: 'REQUIRED',
      code: 'TOO_LONG',
      shelfLifeDays: 'INVALID_TYPE',
      colour: 'UNKNOWN_FIELD',
    });
  });
  it('needs a pack size with its unit for count units', () => {
    const core = makeCore();
    const r = core.call('products.create', aProduct({ unit: 'hop', packSize: 0.5 }));
    expect(!r.ok && r.error.fields?.[0]).toMatchObject({ path: 'packUnit', code: 'PACK_SIZE_REQUIRED' });
    const p = core.run('products.create', aProduct({ unit: 'hop', packSize: 0.5, packUnit: 'kg' }));
    expect(p.packSize).toBe(0.5);
  });
});

describe('locations and partners', () => {
  it('validates GLNs and keeps them unique per location', () => {
    const core = makeCore();
    const gln = demoGtin(); // a 13-digit number with a valid check digit is also a valid GLN
    core.run('locations.create', aLocation({ gln }));
    expect(core.call('locations.create', aLocation({ gln }))).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE' },
    });
    expect(core.call('locations.create', aLocation({ kind: 'office' as never }))).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'kind', code: 'INVALID_CHOICE' }] },
    });
  });
  it('lists a partner who is both supplier and customer in both lists', () => {
    const core = makeCore();
    core.run('partners.create', aPartner({ kind: 'supplier', name: 'HTX A' }));
    core.run('partners.create', aPartner({ kind: 'customer', name: 'Siêu thị B' }));
    core.run('partners.create', aPartner({ kind: 'both', name: 'Đại lý C' }));
    expect(core.run('partners.list', { kind: 'supplier' }).items.map((p) => p.name)).toEqual(['Đại lý C', 'HTX A']);
    expect(core.run('partners.list', { kind: 'customer' }).total).toBe(2);
    expect(core.call('partners.create', aPartner({ taxCode: '123' }))).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'taxCode', code: 'TAX_CODE_FORMAT' }] },
    });
  });
  it('records every change in the append-only audit log', () => {
    const core = makeCore();
    const p = core.run('partners.create', aPartner());
    core.run('partners.update', { id: p.id, phone: '0987 654 321' });
    const rows = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'partner' ORDER BY id").all();
    expect(rows).toEqual([{ action: 'create' }, { action: 'update' }]);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
