// Workshop mode: the training database, its banner flag, the self-ticking checklist,
// the trainer's rights there (and not in a real database), and the one-click reset.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { buildWorkshopFile } from '../../main/core/services/workshop';
import { AppError } from '../../shared/api/errors';
import { aProduct, makeCore, tempDbPath } from '../helpers/core';

describe('workshop', () => {
  it('a trainer runs the checklist on the training database and resets it', () => {
    const file = tempDbPath();
    buildWorkshopFile(file, 20);
    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    try {
      expect(core.run('system.info', {}).workshop).toBe(true);
      const demoProducts = core.run('products.list', {}).total;
      expect(demoProducts).toBeGreaterThan(5);
      expect(core.run('workshop.status', {}).done).toBe(0);

      // The trainer signs in (users exist only in this training file).
      const owner = core.run('users.setup', { name: 'Cô giáo', pin: '1357' });
      const t = core.run(
        'users.create',
        { name: 'Thầy Nam', role: 'trainer', pin: '2468' },
        { session: owner.session },
      );
      const s = { session: core.run('users.login', { userId: t.id, pin: '2468' }).session };
      const p = core.run('products.create', aProduct(), s);
      const supplier = core.run('partners.list', { kind: 'supplier' }, s).items[0];
      const location = core.run('locations.list', {}, s).items[0];
      core.run(
        'receipts.create',
        { supplierId: supplier.id, locationId: location.id, lines: [{ productId: p.id, qty: 10 }] },
        s,
      );
      core.run('workshop.tick', { step: 'trace' }, s);
      const status = core.run('workshop.status', {}, s);
      expect(status.steps.filter((x) => x.done).map((x) => x.step)).toEqual(['product', 'receive', 'trace']);

      const after = core.run('workshop.reset', { scale: 20 }, s);
      expect(after.workshop).toBe(true);
      expect(after.done).toBe(0);
      // The core goes on with the fresh training data: the trainee's product is gone, the users too.
      expect(core.run('products.list', {}).items.some((x) => x.code === p.code)).toBe(false);
      expect(core.run('users.status', {}).configured).toBe(false);
      expect(core.run('system.check', {}).ok).toBe(true);
    } finally {
      core.close();
    }
  }, 120_000);

  it('a real database is never reset, and a trainer only reads there', () => {
    const core = makeCore({ file: tempDbPath() });
    expect(core.run('system.info', {}).workshop).toBe(false);
    expect(() => core.run('workshop.reset', {})).toThrow(AppError);
    const owner = core.run('users.setup', { name: 'Chủ', pin: '1234' });
    const t = core.run('users.create', { name: 'Thầy Nam', role: 'trainer', pin: '2468' }, { session: owner.session });
    const s = { session: core.run('users.login', { userId: t.id, pin: '2468' }).session };
    const res = core.call('products.create', aProduct(), s);
    expect(res.ok ? 'ok' : res.error.code).toBe('TRAINER_REAL_DB');
    expect(core.call('products.list', {}, s).ok).toBe(true);
    expect(core.run('workshop.qr', { text: 'http://192.168.1.10:4780/#token=abc' }).svg).toMatch(/^<svg/);
    // Printable guides for staff: one A4 page each, for every role.
    for (const guide of ['receiving', 'labels', 'recall'] as const) {
      const pdf = Buffer.from(core.run('help.guide', { guide }, s).base64, 'base64').toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    }
    core.close();
  });
});
