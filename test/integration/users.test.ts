// Users, PIN login, lockout, recovery code, user switch, and the user on every record.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { aBusiness, aLocation, aPartner, aProduct, fixedClock, makeCore, tempDbPath } from '../helpers/core';
import { openCore } from '../../main/core';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return 'ok';
}

describe('users', () => {
  it('a fresh install is open as the owner until the owner sets a PIN', () => {
    const file = tempDbPath();
    const ui = openCore({ dbPath: file, host: 'http', log: () => {} });
    expect(ui.run('users.status', {})).toMatchObject({ configured: false, me: { role: 'owner', open: true } });
    expect(ui.run('products.list', {}).total).toBe(0);
    const setup = ui.run('users.setup', { name: 'Chị Hoa', pin: '2468' });
    expect(setup.recoveryCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // From now on the UI host needs a session; the setup call returned one.
    expect(codeOf(() => ui.run('products.list', {}))).toBe('LOGIN_REQUIRED');
    expect(ui.run('products.list', {}, { session: setup.session }).total).toBe(0);
    expect(codeOf(() => ui.run('users.setup', { name: 'Kẻ lạ', pin: '1111' }))).toBe('USERS_ALREADY_SET_UP');
    // The PIN is stored only as a scrypt hash.
    const hash = ui.db.prepare('SELECT pin_hash FROM users').pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('2468');
    ui.close();
  });

  it('wrong PINs lock the user for a growing time; the owner can reset it', () => {
    const clock = fixedClock();
    const core = makeCore({ clock });
    const owner = core.run('users.setup', { name: 'Chủ', pin: '1234' });
    const staff = core.run('users.create', { name: 'Lan', role: 'staff', pin: '1111' }, { session: owner.session });
    for (let i = 1; i <= 4; i++)
      expect(codeOf(() => core.run('users.login', { userId: staff.id, pin: '9999' }))).toBe('WRONG_PIN');
    expect(codeOf(() => core.run('users.login', { userId: staff.id, pin: '9999' }))).toBe('USER_LOCKED');
    // Even the right PIN is refused while locked.
    expect(codeOf(() => core.run('users.login', { userId: staff.id, pin: '1111' }))).toBe('USER_LOCKED');
    clock.set(new Date(clock.now().getTime() + 31_000).toISOString());
    expect(codeOf(() => core.run('users.login', { userId: staff.id, pin: '9999' }))).toBe('USER_LOCKED');
    const lock2 = core.db.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(staff.id) as string;
    expect(new Date(lock2).getTime() - clock.now().getTime()).toBe(60_000); // doubled
    expect(
      core.db.prepare('SELECT count(*) FROM login_attempts WHERE user_id = ? AND ok = 0').pluck().get(staff.id),
    ).toBe(6);
    core.run('users.setPin', { id: staff.id, pin: '2222' }, { session: owner.session });
    expect(core.run('users.login', { userId: staff.id, pin: '2222' }).user.name).toBe('Lan');
    core.close();
  });

  it('the recovery code resets the owner PIN once and a new code replaces it', () => {
    const core = makeCore();
    const setup = core.run('users.setup', { name: 'Chủ', pin: '1234' });
    expect(codeOf(() => core.run('users.recover', { code: 'AAAA-BBBB-CCCC-DDDD', newPin: '5555' }))).toBe(
      'WRONG_RECOVERY_CODE',
    );
    const rec = core.run('users.recover', {
      code: setup.recoveryCode.toLowerCase().replace(/-/g, ' '),
      newPin: '5555',
    });
    expect(rec.recoveryCode).not.toBe(setup.recoveryCode);
    expect(codeOf(() => core.run('users.recover', { code: setup.recoveryCode, newPin: '6666' }))).toBe(
      'WRONG_RECOVERY_CODE',
    );
    expect(codeOf(() => core.run('users.login', { userId: setup.user.id, pin: '1234' }))).toBe('WRONG_PIN');
    expect(core.run('users.login', { userId: setup.user.id, pin: '5555' }).user.role).toBe('owner');
    core.close();
  });

  it('quick switch: each record carries the user who made it; logout ends the session', () => {
    const core = makeCore();
    const owner = core.run('users.setup', { name: 'Chủ', pin: '1234' });
    const o = { session: owner.session };
    core.run('business.update', aBusiness(), o);
    core.run('locations.create', aLocation(), o);
    const staff = core.run('users.create', { name: 'Minh', role: 'staff', pin: '4321' }, o);
    const s = { session: core.run('users.login', { userId: staff.id, pin: '4321' }).session };
    const p = core.run('products.create', aProduct(), s);
    core.run('partners.create', aPartner(), o);
    const who = core.db
      .prepare("SELECT user FROM audit_log WHERE entity = 'product' AND entity_id = ?")
      .pluck()
      .get(String(p.id));
    expect(who).toBe('Minh');
    expect(core.db.prepare("SELECT user FROM audit_log WHERE entity = 'partner'").pluck().get()).toBe('Chủ');
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'login'").pluck().get()).toBe(1);
    core.run('users.logout', {}, s);
    expect(codeOf(() => core.run('products.list', {}, s))).toBe('SESSION_EXPIRED');
    expect(codeOf(() => core.run('users.update', { id: owner.user.id, role: 'staff' }, o))).toBe('LAST_OWNER');
    core.run('users.update', { id: staff.id, disabled: true }, o);
    expect(codeOf(() => core.run('users.login', { userId: staff.id, pin: '4321' }))).toBe('USER_DISABLED');
    core.close();
  });
});
