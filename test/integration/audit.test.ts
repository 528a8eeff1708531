// The audit log: logins, user changes, settings, status changes, exports are written with
// who/when/what; the screen's filters and the XLSX/CSV export.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { aBusiness, aLocation, aPartner, aProduct, makeCore } from '../helpers/core';
import { api, METHOD_NAMES } from '../../shared/api/contract';
import { AUDITED_READS } from '../../main/core/services/audit';
import { auditActionWords, auditChanges, auditChangesText, methodWords } from '../../shared/i18n/audit';

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
    // A record is named as people know it, not by its number.
    const login = core.run('audit.list', { action: 'login', user: 'Lan' }, o).items[0];
    expect(login).toMatchObject({ entity: 'user', entityId: String(staff.id), entityName: 'Lan' });
    const made = core.run('audit.list', { entity: 'product' }, o).items[0];
    expect(made.entityName).toBe(p.name);
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

describe('the audit log in words', () => {
  it('names every audited action in words in both languages', () => {
    // Every write may be audited (an override is audited whatever the method), and the reads that hand data out.
    const audited = METHOD_NAMES.filter((m) => api[m].access === 'write' || AUDITED_READS.test(m));
    for (const lang of ['vi', 'en'] as const) {
      const missing = audited.filter((m) => !methodWords(m, lang));
      expect(missing, lang).toEqual([]);
    }
  });

  it('shows what changed field by field, secrets hidden, and exports words', async () => {
    const core = makeCore();
    const owner = core.run('users.setup', { name: 'Chị Hoa', pin: '2468' });
    const o = { session: owner.session };
    core.run('business.update', aBusiness(), o);
    core.run('business.update', aBusiness({ name: 'Hạt Điều Bình Phước' }), o);
    core.run('users.create', { name: 'Lan', role: 'staff', pin: '1357' }, o);
    core.run('printers.installed', {}, o);
    const items = core.run('audit.list', { limit: 100 }, o).items;
    const words = (e: (typeof items)[number]) => auditActionWords(e.action, e.entity, 'vi');
    const biz = items.find((e) => e.entity === 'business' && e.before)!;
    expect(words(biz)).toBe('Sửa thông tin cơ sở');
    expect(auditChanges(biz.before, biz.after, 'vi')).toEqual([
      { label: 'Tên', before: 'Công ty TNHH Hạt Điều Đồng Nai', after: 'Hạt Điều Bình Phước' },
    ]);
    const printers = items.find((e) => e.action === 'printers.installed')!;
    expect(words(printers)).toBe('Xem các máy in đã cài trong Windows');
    expect(auditActionWords(printers.action, printers.entity, 'en')).toBe('Look at the printers installed in Windows');
    const user = items.find((e) => e.entity === 'user' && e.action === 'create')!;
    expect(words(user)).toBe('Thêm người dùng');
    const text = auditChangesText(user.before, user.after, 'vi');
    expect(text).toContain('Tên: Lan');
    expect(text).not.toContain('1357');
    const csv = Buffer.from(core.run('audit.export', { format: 'csv' }, o).base64, 'base64').toString('utf8');
    expect(csv).toContain('Sửa thông tin cơ sở');
    expect(csv).toContain('Hạt Điều Bình Phước');
    expect(csv).not.toMatch(/printers\.installed|business\.update|[{}]/);
    core.close();
  });
});
