// Labels put a lot on the shelf: for a lot that is on hold, quarantined, recalled or expired, printing (a new job, a
// retry, a reprint) and a label file from the CLI are refused to staff, and the owner gives a reason that the audit
// log keeps beside who printed what (before: the lot's state; after: the use, reason, user, template, copies).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import type { PrintJob } from '../../shared/api/labels';
import { openCore, type Core } from '../../main/core';
import { whenSettled } from '../../main/printing/queue';
import { runCli } from '../../main/hosts/cli/program';
import { commandModules } from '../../main/hosts/cli';
import { aBusiness, aLocation, fixedClock, makeCore, tempDbPath, tempDir } from '../helpers/core';
import { aFoodProduct } from '../helpers/label-data';

type Sessions = { owner: string; staff: string; ownerId: number; staffId: number };

function world(core: Core) {
  core.run('business.update', aBusiness());
  const loc = core.run('locations.create', aLocation());
  const p = core.run('products.create', aFoodProduct());
  const lot = (code: string, expiryDate = '2027-11-29') =>
    core.run('lots.createOpening', {
      productId: p.id,
      locationId: loc.id,
      qty: 10,
      lotCode: code,
      productionDate: '2026-11-29',
      expiryDate,
    }).id;
  return { lot };
}

function users(core: Core): Sessions {
  const setup = core.run('users.setup', { name: 'Chị Hoa', pin: '2468' });
  const u = core.run('users.create', { name: 'Minh', role: 'staff', pin: '1357' }, { session: setup.session });
  return {
    owner: setup.session,
    ownerId: setup.user.id,
    staffId: u.id,
    staff: core.run('users.login', { userId: u.id, pin: '1357' }).session,
  };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, status: err.status, message: err.message };
    throw err;
  }
  throw new Error('not refused');
};

const overrides = (core: Core, lotId: number) =>
  core.db
    .prepare("SELECT user, before, after FROM audit_log WHERE action = 'lots.override' AND entity_id = ? ORDER BY id")
    .all(String(lotId))
    .map((r) => {
      const row = r as { user: string; before: string; after: string };
      return { user: row.user, before: JSON.parse(row.before), after: JSON.parse(row.after) };
    });

describe('labels of a held, quarantined, recalled or expired lot', () => {
  const clock = fixedClock('2026-11-29T08:00:00+07:00');
  let core: Core;
  let s: Sessions;
  let printerId: number;
  let lot: (code: string, expiry?: string) => number;
  beforeAll(() => {
    core = makeCore({ clock });
    ({ lot } = world(core));
    s = users(core);
    printerId = core.run(
      'printers.save',
      { name: 'Máy in tem', uri: 'file:tem.prn', language: 'tspl', dpi: 203, labelWidthMm: 50, labelHeightMm: 30 },
      { session: s.owner },
    ).id;
  });
  afterAll(() => core.close());

  const submit = (lotId: number, session: string, reason?: string) =>
    core.run(
      'print.submit',
      {
        lotId,
        template: 'default:food-50x30',
        printerId,
        copies: 2,
        ...(reason !== undefined ? { override: { reason } } : {}),
      },
      { session },
    );
  const settle = async (job: PrintJob) => {
    await whenSettled(job.id);
    return core.run('print.job', { id: job.id }, { session: s.owner });
  };

  for (const status of ['on_hold', 'quarantined', 'recalled'] as const) {
    it(`${status}: staff refused with or without a reason, the owner prints with one and it is audited`, async () => {
      const id = lot(`L-${status}`);
      core.run('lots.setStatus', { lotIds: [id], status, reason: 'Chờ kết quả kiểm nghiệm' }, { session: s.owner });
      const jobs = () => core.run('print.jobs', { lotId: id }, { session: s.owner }).total;

      expect(refusal(() => submit(id, s.staff))).toMatchObject({ code: 'LOT_NOT_USABLE', status: 409 });
      expect(refusal(() => submit(id, s.staff, 'Khách cần gấp hôm nay'))).toMatchObject({
        code: 'OVERRIDE_OWNER_ONLY',
        status: 403,
      });
      // The words the print page and the CLI show.
      const staff = core.call(
        'print.submit',
        { lotId: id, template: 'default:food-50x30', printerId, override: { reason: 'Khách cần gấp hôm nay' } },
        { session: s.staff },
      );
      expect(staff.ok ? '' : staff.error.message).toContain('Chỉ chủ cơ sở mới được cho phép dùng, xuất hoặc in tem');
      expect(refusal(() => submit(id, s.owner))).toMatchObject({ code: 'LOT_NOT_USABLE' });
      expect(refusal(() => submit(id, s.owner, 'gấp'))).toMatchObject({ code: 'OVERRIDE_REASON_SHORT' });
      expect(jobs()).toBe(0);
      expect(overrides(core, id)).toEqual([]);

      const job = await settle(submit(id, s.owner, 'Tem cho mẫu gửi đi kiểm nghiệm'));
      expect(job.status).toBe('done');
      expect(jobs()).toBe(1);
      expect(overrides(core, id)).toEqual([
        {
          user: 'Chị Hoa',
          before: { status, lot: `L-${status}` },
          after: {
            use: 'label',
            reason: 'Tem cho mẫu gửi đi kiểm nghiệm',
            user: 'Chị Hoa',
            template: 'default:food-50x30',
            copies: 2,
            printer: 'Máy in tem',
          },
        },
      ]);
    });
  }

  it('expired: judged on the business day of the print', async () => {
    const id = lot('L-HSD', '2026-12-01');
    expect((await settle(submit(id, s.staff))).status).toBe('done');
    clock.set('2026-12-02T00:30:00+07:00');
    // Sessions end overnight: both sign in again on the new day.
    s.owner = core.run('users.login', { userId: s.ownerId, pin: '2468' }).session;
    s.staff = core.run('users.login', { userId: s.staffId, pin: '1357' }).session;
    try {
      expect(refusal(() => submit(id, s.staff))).toMatchObject({ code: 'LOT_NOT_USABLE' });
      expect(refusal(() => submit(id, s.staff, 'Khách cần gấp hôm nay'))).toMatchObject({
        code: 'OVERRIDE_OWNER_ONLY',
      });
      await settle(submit(id, s.owner, 'Tem lưu mẫu, không bán'));
      expect(overrides(core, id).map((o) => [o.before.status, o.after.reason])).toEqual([
        ['expired', 'Tem lưu mẫu, không bán'],
      ]);
    } finally {
      clock.set('2026-11-29T08:00:00+07:00');
      s.owner = core.run('users.login', { userId: s.ownerId, pin: '2468' }).session;
      s.staff = core.run('users.login', { userId: s.staffId, pin: '1357' }).session;
    }
  });

  it('a reprint or retry after the lot was recalled needs the owner too', async () => {
    const id = lot('L-REPRINT');
    const first = await settle(submit(id, s.staff));
    expect(first.status).toBe('done');
    core.run('lots.setStatus', { lotIds: [id], status: 'recalled', reason: 'Thu hồi 07/QĐ' }, { session: s.owner });
    const again = () => core.run('print.retry', { id: first.id, again: true }, { session: s.staff });
    expect(refusal(again)).toMatchObject({ code: 'LOT_NOT_USABLE' });
    expect(
      refusal(() =>
        core.run(
          'print.retry',
          { id: first.id, again: true, override: { reason: 'Khách cần gấp hôm nay' } },
          { session: s.staff },
        ),
      ),
    ).toMatchObject({ code: 'OVERRIDE_OWNER_ONLY' });
    expect(core.run('print.jobs', { lotId: id }, { session: s.owner }).total).toBe(1);
    const reprint = await settle(
      core.run(
        'print.retry',
        { id: first.id, again: true, override: { reason: 'In lại tem niêm phong hàng thu hồi' } },
        { session: s.owner },
      ),
    );
    expect(reprint).toMatchObject({ status: 'done', reprintOf: first.id });
    expect(overrides(core, id).map((o) => o.after)).toEqual([
      { use: 'label', reason: 'In lại tem niêm phong hàng thu hồi', user: 'Chị Hoa', reprintOf: first.id, copies: 2 },
    ]);
  });

  it('labels.checkLot lets a usable lot pass with no override recorded', () => {
    const id = lot('L-OK');
    expect(core.run('labels.checkLot', { lotId: id, format: 'png' }, { session: s.staff })).toEqual({
      lotId: id,
      lotCode: 'L-OK',
      blocked: null,
    });
    expect(overrides(core, id)).toEqual([]);
  });
});

describe('nguongoc label / print for a held lot', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (x: string) => out.push(x), err: (x: string) => err.push(x), readStdin: async () => '' },
    };
  };
  let db: string;
  beforeAll(() => {
    db = tempDbPath();
    const c = openCore({ dbPath: db, host: 'test', log: () => {} });
    const id = world(c).lot('L-CLI');
    c.run('lots.setStatus', { lotIds: [id], status: 'on_hold', reason: 'Chờ kiểm nghiệm' });
    c.close();
  });

  it('refuses without --reason (exit 1, the words say why) and with one writes the file and the audit row', async () => {
    const out = path.join(tempDir(), 'tem.png');
    const refused = io();
    const code = await runCli(
      ['label', 'L-CLI', '--db', db, '--format', 'png', '--out', out],
      refused.io,
      commandModules,
    );
    expect(code).toBe(1);
    expect(refused.err.join('\n')).toContain('Lô L-CLI đang ở trạng thái "tạm giữ"');
    expect(fs.existsSync(out)).toBe(false);

    const t = io();
    const ok = await runCli(
      ['label', 'L-CLI', '--db', db, '--format', 'png', '--out', out, '--reason', 'Tem mẫu gửi kiểm nghiệm'],
      t.io,
      commandModules,
    );
    expect(ok, t.err.join('\n')).toBe(0);
    expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');

    const file = path.join(tempDir(), 'tem.prn');
    const printed = io();
    const p = await runCli(
      ['print', 'L-CLI', '--db', db, '--printer', `file:${path.basename(file)}`, '--reason', 'Tem niêm phong lô giữ'],
      printed.io,
      commandModules,
    );
    expect(p, printed.err.join('\n')).toBe(0);

    const c = openCore({ dbPath: db, host: 'test', log: () => {} });
    const rows = c.db
      .prepare("SELECT after FROM audit_log WHERE action = 'lots.override' ORDER BY id")
      .all()
      .map((r) => JSON.parse((r as { after: string }).after));
    c.close();
    expect(rows).toMatchObject([
      { use: 'label', reason: 'Tem mẫu gửi kiểm nghiệm', file: 'png' },
      { use: 'label', reason: 'Tem niêm phong lô giữ', template: 'default:food-50x30', copies: 1 },
    ]);
  });
});
