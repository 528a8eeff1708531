// The audit log: logins, user changes, settings, status changes, exports are written with
// who/when/what; the screen's filters and the XLSX/CSV export.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { aBusiness, aLocation, aPartner, aProduct, makeCore } from '../helpers/core';

describe('audit log', () => {
  it('records who did what, filters it and exports it', async () => {
    const core = makeCore();
    const owner = core.run('users.setup', { name: 'Chủ', pin: '1234' });
    const o = { session: owner.session };
    const staff = core.run('users.create', { name: 'Lan', role: 'staff', pin: '1111' }, o);
    const s = { session: core.run('users.login', { userId: staff.id, pin: '1111' }).session };
    core.call('users.login', { userId: staff.id, pin: '0000' });
    core.run('settings.update', { language: 'vi' }, o);
    core.run('business.update', aBusiness(), o);
    const loc = core.run('locations.create', aLocation(), o);
    const sup = core.run('partners.create', aPartner(), s);
    const p = core.run('products.create', aProduct(), s);
    const rc = core.run(
      'receipts.create',
      { supplierId: sup.id, locationId: loc.id, lines: [{ productId: p.id, qty: 5 }] },
      s,
    );
    core.run('lots.setStatus', { lotIds: [rc.lines[0].lot.id], status: 'on_hold', reason: 'Chờ kiểm nghiệm' }, s);
    core.run('audit.export', { format: 'csv' }, o);

    const actions = core.run('audit.list', { limit: 1000 }, o).items.map((e) => `${e.user}:${e.action}`);
    for (const a of [
      'Chủ:create',
      'Lan:login',
      'Lan:login.failed',
      'Chủ:update',
      'Lan:lots.setStatus',
      'Chủ:audit.export',
    ])
      expect(actions).toContain(a);
    const status = core.run('audit.list', { action: 'lots.setStatus' }, o).items[0];
    expect(status).toMatchObject({ user: 'Lan', entity: 'lots' });
    expect(JSON.stringify(status.after)).toContain('Chờ kiểm nghiệm');
    expect(core.run('audit.list', { user: 'Lan' }, o).items.every((e) => e.user === 'Lan')).toBe(true);
    expect(core.run('audit.list', { search: 'kiểm nghiệm' }, o).total).toBe(1);
    expect(core.run('audit.facets', {}, o).users).toEqual(['Chủ', 'Lan']);
    expect(core.call('audit.list', {}, s).ok).toBe(false); // staff do not read the audit log
    // PINs never reach the log.
    expect(JSON.stringify(core.run('audit.list', { limit: 1000 }, o).items)).not.toContain('1111');

    const x = core.run('audit.export', { format: 'xlsx', user: 'Lan' }, o);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = ws.getRow(3).values as string[];
    expect(header).toContain('Người dùng');
    const users = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 3) users.add(String(row.getCell(3).value));
    });
    expect([...users]).toEqual(['Lan']);
    // The log cannot be edited.
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    core.close();
  });
});
