// Permissions per method and role: every method of the contract for every role, through
// the core and over HTTP, plus the business rules written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import fs from 'node:fs';
import path from 'node:path';
import { allowedRoles, classify, permissionDenial, PUBLIC_METHODS } from '../../shared/api/permissions';
import { ACTION_WORDS } from '../../shared/i18n/roles';
import { permissionRows } from '../helpers/permission-rows';
import { isRendererMethod } from '../../shared/api/renderer-methods';
import { ROLES, type Role } from '../../shared/api/users';
import { startHttpHost, type HttpHost } from '../../main/hosts/http';
import { IPC_CHANNEL, registerIpc, type IpcInvokeEventLike } from '../../main/hosts/ipc';
import { APP_INDEX_URL } from '../../main/hosts/app-scheme';
import { openCore, type Core } from '../../main/core';
import { fixedClock, makeCore, tempDbPath } from '../helpers/core';

// Calls with side effects on the session itself are checked on their own below.
const SKIP = new Set<MethodName>(['users.logout']);
const DENIALS = new Set(['FORBIDDEN_ROLE', 'TRAINER_REAL_DB', 'METHOD_NOT_IN_APP']);

/** Over HTTP and IPC a method the app's page does not use is refused first, whatever the role. */
function appDenial(m: MethodName, role: Role): string | null {
  return isRendererMethod(m) ? permissionDenial(m, api[m].access, role, false) : 'METHOD_NOT_IN_APP';
}

function setUp(core: Core): Record<Role, string> {
  const owner = core.run('users.setup', { name: 'Chủ cơ sở', pin: '1234' });
  const sessions = { owner: owner.session } as Record<Role, string>;
  for (const role of ['staff', 'trainer', 'auditor'] as const) {
    const u = core.run('users.create', { name: `Người ${role}`, role, pin: '5678' }, { session: owner.session });
    sessions[role] = core.run('users.login', { userId: u.id, pin: '5678' }).session;
  }
  return sessions;
}

describe('permission table', () => {
  it('classifies every write method of the contract (owner-only or staff work)', () => {
    const unclassified = METHOD_NAMES.filter((m) => classify(m, api[m].access) === 'unclassified-write');
    expect(unclassified, `add these to shared/api/permissions.ts: ${unclassified.join(', ')}`).toEqual([]);
  });

  it('states the business rules', () => {
    const may = (m: MethodName, role: Role, workshop = false) =>
      permissionDenial(m, api[m].access, role, workshop) === null;
    for (const m of [
      'receipts.create',
      'batches.record',
      'shipments.create',
      'lots.setStatus',
      'products.create',
    ] as MethodName[])
      expect(may(m, 'staff'), m).toBe(true);
    for (const m of [
      'recipes.create',
      'recipes.update',
      'products.archive',
      'partners.archive',
      'business.update',
      'settings.update',
      'users.create',
      'users.setPin',
      'backup.restore',
      'imports.commit',
    ] as MethodName[]) {
      expect(may(m, 'staff'), m).toBe(false);
      expect(may(m, 'owner'), m).toBe(true);
    }
    for (const m of METHOD_NAMES.filter(
      (x) => api[x].access === 'write' && classify(x, 'write') !== 'public' && classify(x, 'write') !== 'self',
    ))
      expect(may(m, 'auditor'), m).toBe(false);
    expect(may('audit.list', 'auditor')).toBe(true);
    // Printing is staff work; archiving a printer or changing label templates/settings is the owner's.
    if ('print.submit' in api) expect(may('print.submit' as MethodName, 'staff')).toBe(true);
    for (const m of ['labels.templates', 'labels.settings', 'printers.list'].filter((x) => x in api) as MethodName[])
      expect(may(m, 'staff'), m).toBe(true);
    for (const m of ['printers.archive', 'labels.saveTemplate', 'labels.updateSettings', 'sync.settings.save'].filter(
      (x) => x in api,
    ) as MethodName[])
      expect(may(m, 'staff'), m).toBe(false);
    expect(may('audit.list', 'staff')).toBe(false);
    expect(may('receipts.create', 'trainer', false)).toBe(false);
    expect(may('receipts.create', 'trainer', true)).toBe(true);
    expect(may('workshop.reset', 'trainer', true)).toBe(true);
    expect(may('workshop.reset', 'staff', true)).toBe(false);
    expect(may('users.create', 'trainer', true)).toBe(false);
  });
});

describe('the role table in docs/permissions.md', () => {
  it('has one row per method, saying exactly what the code decides', () => {
    const cells = (row: string) =>
      row
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
    const doc = fs
      .readFileSync(path.join(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map(cells);
    expect(doc, 'regenerate the table from test/helpers/permission-rows.ts').toEqual(permissionRows().map(cells));
  });
});

describe('every method × every role', () => {
  let core: Core;
  let sessions: Record<Role, string>;
  let http: HttpHost;
  let httpCore: Core;
  // One clock for every host of the test, as one process has: sessions made here expire by it there.
  const clock = fixedClock();
  beforeAll(async () => {
    const file = tempDbPath();
    core = makeCore({ file, clock });
    sessions = setUp(core);
    // The HTTP host's core is a UI host: it trusts nobody without a session (tests and CLI do).
    httpCore = openCore({ dbPath: file, host: 'http', clock, log: () => {} });
    http = await startHttpHost({ core: httpCore, token: 'test-token' });
  });
  afterAll(async () => {
    await http.close();
    httpCore.close();
    core.close();
  });

  it('the core refuses exactly what the table refuses', () => {
    const wrong: string[] = [];
    for (const m of METHOD_NAMES) {
      if (SKIP.has(m)) continue;
      for (const role of ROLES) {
        const expected = permissionDenial(m, api[m].access, role, false);
        const res = core.call(m, {}, { session: sessions[role] });
        const got = !res.ok && DENIALS.has(res.error.code) ? res.error.code : null;
        if (got !== expected)
          wrong.push(`${m} as ${role}: expected ${expected ?? 'allowed'}, got ${res.ok ? 'ok' : res.error.code}`);
        if (got) expect(res.status).toBe(403);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('over HTTP: the same answers for the methods of the app page, the others refused; login is needed once users exist', async () => {
    const post = (m: string, session?: string) =>
      fetch(`${http.url}api/${m}`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer test-token',
          'Content-Type': 'application/json',
          ...(session ? { 'X-Nguongoc-Session': session } : {}),
        },
        body: '{}',
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; error?: { code: string } } }));
    const wrong: string[] = [];
    for (const m of METHOD_NAMES) {
      if (SKIP.has(m)) continue;
      for (const role of ROLES) {
        const expected = appDenial(m, role);
        const { status, body } = await post(m, sessions[role]);
        const got = !body.ok && DENIALS.has(body.error!.code) ? body.error!.code : null;
        if (got !== expected || (got && status !== 403))
          wrong.push(`${m} as ${role}: expected ${expected ?? 'allowed'}, got ${status} ${body.error?.code ?? 'ok'}`);
      }
    }
    expect(wrong).toEqual([]);
    // No session: the public methods answer, every other one asks for a login first.
    for (const m of METHOD_NAMES) {
      const { status, body } = await post(m);
      if (!isRendererMethod(m)) expect([status, body.error?.code], m).toEqual([403, 'METHOD_NOT_IN_APP']);
      else if (PUBLIC_METHODS.has(m)) expect(status, m).not.toBe(401);
      else expect([status, body.error?.code], m).toEqual([401, 'LOGIN_REQUIRED']);
    }
    const anon = await post('products.list');
    expect(anon.status).toBe(401);
    expect(anon.body.error!.code).toBe('LOGIN_REQUIRED');
    const status = await post('users.status');
    expect(status.status).toBe(200);
    const bogus = await post('products.list', 'not-a-session');
    expect(bogus.body.error!.code).toBe('SESSION_EXPIRED');
  });

  it('over the IPC wiring of the desktop app: the same answers for the methods of the page, the others refused', async () => {
    // The Electron host's core (host 'electron'), behind the real IPC handler with a fake ipcMain.
    const electronCore = openCore({ dbPath: core.dbPath, host: 'electron', clock, log: () => {} });
    let handler: ((event: IpcInvokeEventLike, ...args: unknown[]) => unknown) | undefined;
    registerIpc(
      { handle: (ch, fn) => ch === IPC_CHANNEL && (handler = fn), removeHandler: () => {} },
      { call: async (m, i, c) => electronCore.call(m, i, c) },
      { log: () => {} },
    );
    const event = { senderFrame: { url: `${APP_INDEX_URL}#/` } };
    const invoke = (m: string, session?: string) =>
      handler!(event, m, {}, 'vi', session) as Promise<{ ok: boolean; error?: { code: string } }>;
    const wrong: string[] = [];
    try {
      for (const m of METHOD_NAMES) {
        if (SKIP.has(m)) continue;
        for (const role of ROLES) {
          const expected = appDenial(m, role);
          const res = await invoke(m, sessions[role]);
          const got = !res.ok && DENIALS.has(res.error!.code) ? res.error!.code : null;
          if (got !== expected)
            wrong.push(`${m} as ${role}: expected ${expected ?? 'allowed'}, got ${res.error?.code ?? 'ok'}`);
        }
      }
      expect(wrong).toEqual([]);
      expect((await invoke('lots.list')).error!.code).toBe('LOGIN_REQUIRED');
      expect((await invoke('users.status')).ok).toBe(true);
    } finally {
      electronCore.close();
    }
  });
});

describe('refusals in words', () => {
  const refusable = METHOD_NAMES.filter((m) => {
    const allowed = allowedRoles(m, api[m].access);
    return allowed !== 'public' && allowed.length < ROLES.length;
  });

  it('every method a role can be refused has its action in words in both languages', () => {
    for (const lang of ['vi', 'en'] as const) {
      const missing = refusable.filter((m) => !ACTION_WORDS[lang][m]);
      expect(missing, `add to shared/i18n/roles.ts (${lang})`).toEqual([]);
    }
  });

  it('say what was refused and who may do it, for each role, with no method or role code', () => {
    const core = makeCore();
    const sessions = setUp(core);
    // A method name, a placeholder, quotes; in Vietnamese also an English role code.
    const codes = { en: /\b[a-z]+\.[a-zA-Z.]+\b|[{}()"]/, vi: /\b[a-z]+\.[a-zA-Z.]+\b|[{}()"]|owner|staff|auditor/ };
    try {
      const staff = core.call('business.update', {}, { session: sessions.staff, lang: 'vi' });
      expect(staff.ok).toBe(false);
      expect(!staff.ok && staff.error.message).toBe(
        'Chỉ chủ cơ sở mới được sửa thông tin cơ sở. Hãy nhờ chủ cơ sở, hoặc đổi người dùng.',
      );
      const staffEn = core.call('business.update', {}, { session: sessions.staff, lang: 'en' });
      expect(!staffEn.ok && staffEn.error.message).toBe(
        'Only the owner may change the business profile. Ask the owner, or switch user.',
      );
      const auditor = core.call('receipts.create', {}, { session: sessions.auditor, lang: 'vi' });
      expect(!auditor.ok && auditor.error.message).toBe(
        'Chỉ chủ cơ sở hoặc nhân viên mới được ghi phiếu nhập hàng. Hãy nhờ chủ cơ sở hoặc nhân viên, hoặc đổi người dùng.',
      );
      const trainer = core.call('shipments.create', {}, { session: sessions.trainer, lang: 'vi' });
      expect(!trainer.ok && trainer.error.code).toBe('TRAINER_REAL_DB');
      expect(!trainer.ok && trainer.error.message).toContain('ghi phiếu xuất hàng');
      // Every refusal of every role, in both languages: words only.
      const leaks: string[] = [];
      for (const role of ROLES)
        for (const m of refusable)
          for (const lang of ['vi', 'en'] as const) {
            const res = core.call(m, {}, { session: sessions[role], lang });
            if (!res.ok && DENIALS.has(res.error.code) && codes[lang].test(res.error.message.replace(/\.( |$)/g, ' ')))
              leaks.push(`${m} ${role} ${lang}: ${res.error.message}`);
          }
      expect(leaks).toEqual([]);
    } finally {
      core.close();
    }
  });
});
