// Least privilege, tried as an attacker would: over HTTP, as the owner, a staff member and the auditor of
// one shop. No input may name a path on the PC, staff cannot send bytes anywhere but a saved printer, a
// portal secret is in no table, WAL, backup or export, and hostile input is a 400, never a 500.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { startHttpHost, type HttpHost } from '../../main/hosts/http';
import { appFolder } from '../../main/store/folders';
import { backupsDir } from '../../main/store/backup';
import { openDatabase } from '../../main/store/db';
import { aBusiness, aLocation, aPartner, aProduct, fixedClock, tempDbPath, tempDir } from '../helpers/core';

type Role = 'owner' | 'staff' | 'auditor';
type Answer = {
  status: number;
  body: {
    ok: boolean;
    data?: unknown;
    error?: { code: string; fields?: { path: string; code: string; message: string }[] };
  };
};

const SECRET = 'Bearer-S3cr3t-XyZ-7788';

describe('least privilege over HTTP', () => {
  const clock = fixedClock();
  let file: string;
  let core: Core;
  let http: HttpHost;
  let httpCore: Core;
  const sessions = {} as Record<Role, string>;
  let lotId = 0;
  let printerId = 0;

  const post = (method: string, input: unknown, role?: Role): Promise<Answer> =>
    fetch(`${http.url}api/${method}`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer t0ken',
        'Content-Type': 'application/json',
        ...(role ? { 'X-Nguongoc-Session': sessions[role] } : {}),
      },
      body: JSON.stringify(input),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer['body'] }));

  beforeAll(async () => {
    file = tempDbPath();
    core = openCore({ dbPath: file, host: 'test', clock, log: () => {} });
    core.run('business.update', aBusiness());
    const location = core.run('locations.create', aLocation());
    const supplier = core.run('partners.create', aPartner());
    const product = core.run('products.create', aProduct({ name: "-1+cmd|' /C calc'!A0" }));
    const r = core.run('receipts.create', {
      supplierId: supplier.id,
      locationId: location.id,
      lines: [{ productId: product.id, qty: 10, expiryDate: '2027-06-01' }],
    });
    lotId = r.lines[0].lot.id;
    printerId = core.run('printers.save', {
      name: 'Máy in kho',
      uri: 'file:tem-kho.prn',
      language: 'tspl',
      dpi: 203,
      labelWidthMm: 40,
      labelHeightMm: 30,
    }).id;
    sessions.owner = core.run('users.setup', { name: 'Chủ', pin: '1234' }).session;
    for (const role of ['staff', 'auditor'] as const) {
      const u = core.run('users.create', { name: `Người ${role}`, role, pin: '5678' }, { session: sessions.owner });
      sessions[role] = core.run('users.login', { userId: u.id, pin: '5678' }).session;
    }
    httpCore = openCore({ dbPath: file, host: 'http', clock, log: () => {} });
    http = await startHttpHost({ core: httpCore, token: 't0ken' });
  });
  afterAll(async () => {
    await http.close();
    httpCore.close();
    core.close();
  });

  it('the auditor cannot write a file: export.start with a path is refused, exports go to the exports folder', async () => {
    const dbBefore = fs.readFileSync(file).subarray(0, 16).toString('latin1');
    const outside = path.join(tempDir(), 'x.jsonld');
    for (const out of [file, outside, '../../../../tmp/x']) {
      const a = await post('export.start', { kind: 'epcis', out }, 'auditor');
      expect(a.status).toBe(400);
      expect(a.body.error!.fields![0]).toMatchObject({ path: 'out', code: 'UNKNOWN_FIELD' });
    }
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).toBe(dbBefore);
    // Without a path: the app writes into its own folder and hands the file out as a download.
    const job = (await post('export.start', { kind: 'sheet', format: 'csv' }, 'auditor')).body.data as { id: string };
    let state = 'running';
    for (let i = 0; i < 100 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = ((await post('sync.job', { jobId: job.id }, 'auditor')).body.data as { state: string }).state;
    }
    expect(state).toBe('done');
    const dl = (await post('export.download', { jobId: job.id }, 'auditor')).body.data as {
      base64: string;
      fileName: string;
    };
    expect(fs.readdirSync(appFolder(file, 'exports'))).toContain(dl.fileName);
    // A product name that a spreadsheet would run as a formula is written as text.
    const csv = Buffer.from(dl.base64, 'base64').toString('utf8');
    expect(csv).toContain("'-1+cmd|' /C calc'!A0");
    expect(csv).not.toMatch(/(^|,)-1\+cmd/m);
    expect((await post('sync.status', {}, 'owner')).status).toBe(200); // the database still opens
  });

  it('no other method takes a path: backups by name only, no folder, no portal folder', async () => {
    const refused = [
      ['backup.create', { folder: '/tmp' }, 'staff'],
      ['backup.create', { folder: '/tmp' }, 'owner'],
      ['backup.restore', { file: file }, 'owner'],
      ['backup.restore', { name: '../nguongoc.db' }, 'owner'],
      ['backup.check', { name: '/etc/passwd' }, 'owner'],
      ['sync.settings.save', { type: 'file', outDir: '/tmp' }, 'owner'],
    ] as const;
    for (const [m, input, role] of refused) {
      const a = await post(m, input, role);
      expect(a.status, `${m} ${JSON.stringify(input)}`).toBe(400);
    }
    const made = (await post('backup.create', {}, 'staff')).body.data as { file: string; name: string };
    expect(path.dirname(made.file)).toBe(backupsDir(file));
    expect((await post('backup.download', { name: made.name }, 'staff')).status).toBe(403);
    const dl = (await post('backup.download', { name: made.name }, 'owner')).body.data as { bytes: number };
    expect(dl.bytes).toBeGreaterThan(4096);
    const up = await post('backup.upload', { base64: Buffer.from('not a database').toString('base64') }, 'owner');
    expect(up.body.data).toMatchObject({ ok: false, code: 'BACKUP_NOT_OURS', name: null });
  });

  it('staff print only to saved printers: no raw URI, no printer profile of their own', async () => {
    const target = path.join(tempDir(), 'victim.txt');
    fs.writeFileSync(target, 'keep me');
    const raw = await post(
      'print.submit',
      { lotId, template: 'default:food-50x30', printerUri: `file:${target}`, printerId },
      'staff',
    );
    expect(raw.status).toBe(400);
    expect(raw.body.error!.fields!.map((f) => f.path)).toContain('printerUri');
    for (const uri of [`file:${target}`, 'tcp://203.0.113.9:22']) {
      const save = await post('printers.save', { name: 'X', uri, language: 'tspl', dpi: 203 }, 'staff');
      expect(save.status).toBe(403);
    }
    // Even the owner's profiles hold only printer addresses: no file outside the prints folder.
    for (const uri of [`file:${target}`, `file:${file}`, 'file:../nguongoc.db', 'ftp://x', 'tcp://a b:9100']) {
      const save = await post('printers.save', { name: 'X', uri, language: 'tspl', dpi: 203 }, 'owner');
      expect(save.status, uri).toBe(400);
      expect(save.body.error!.fields![0]).toMatchObject({ path: 'uri', code: 'PRINTER_URI_FORM' });
    }
    expect(
      (await post('printers.save', { name: 'LAN', uri: 'tcp://192.168.1.50:9100', language: 'zpl', dpi: 203 }, 'owner'))
        .status,
    ).toBe(200);
    const ok = await post('print.submit', { lotId, template: 'lot-40x30', printerId }, 'staff');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    const jobId = (ok.body.data as { id: number }).id;
    let status = 'queued';
    for (let i = 0; i < 100 && (status === 'queued' || status === 'sending'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = ((await post('print.job', { id: jobId }, 'staff')).body.data as { status: string }).status;
    }
    expect(status).toBe('done');
    expect(fs.statSync(path.join(appFolder(file, 'prints'), 'tem-kho.prn')).size).toBeGreaterThan(0);
  });

  it('a portal secret is in no table, WAL, backup or export in clear; the audit log says it changed', async () => {
    const saved = await post(
      'sync.settings.save',
      { type: 'epcis', url: 'https://portal.example.vn/epcis', auth: 'bearer', secret: SECRET },
      'owner',
    );
    expect(saved.status).toBe(200);
    const list = (await post('audit.list', { action: 'sync.settings.save' }, 'auditor')).body.data as {
      items: { after: { input: { secret: string } } }[];
    };
    expect(list.items[0].after.input.secret).toBe('[đã ẩn]');
    const csv = (await post('audit.export', { format: 'csv' }, 'auditor')).body.data as { base64: string };
    const backup = (await post('backup.create', {}, 'owner')).body.data as { file: string };
    const needle = Buffer.from(SECRET);
    const files = [file, `${file}-wal`, backup.file].filter((f) => fs.existsSync(f));
    for (const f of files) expect(fs.readFileSync(f).includes(needle), f).toBe(false);
    expect(Buffer.from(csv.base64, 'base64').includes(needle)).toBe(false);
    // PINs typed at login or set by the owner are hidden the same way.
    expect(fs.readFileSync(file).includes(Buffer.from('"pin":"5678"'))).toBe(false);
  });

  it('corrections take quantities like every other quantity', async () => {
    const ev = core.db.prepare('SELECT id FROM events ORDER BY id LIMIT 1').pluck().get() as number;
    const line = core.db.prepare('SELECT id FROM event_lines WHERE event_id = ?').pluck().get(ev) as number;
    for (const qty of [Number('9007199254740993'), 1e308, 0.0001, -1, 'ten']) {
      const a = await post(
        'events.correct',
        { eventId: ev, lines: [{ lineId: line, qty }], reason: 'Sửa số' },
        'staff',
      );
      expect(a.status, String(qty)).toBe(400);
      expect(a.body.error!.fields![0].path).toBe('lines.0.qty');
      expect(a.body.error!.fields![0].message).not.toMatch(/[a-z]+_[a-z]+|\{\{/i);
    }
  });

  it('answers 400 with a Vietnamese field message where a 500 used to be', async () => {
    const cases: [string, unknown, string][] = [
      ['products.list', { search: 'a\u0000b' }, 'search'],
      ['recipes.create', { productId: 1, name: 'Công thức', batchSize: 10, inputs: [], yieldPct: 0.0001 }, 'yieldPct'],
      ['workshop.qr', { text: '\ud800' }, 'text'],
      ['products.create', { ...aProduct(), name: '\u0000' }, 'name'],
      ['products.create', { ...aProduct(), name: '\u200b\u200b\u2060' }, 'name'],
      ['partners.create', { ...aPartner(), name: '\udc00' }, 'name'],
      ['events.reverse', { eventId: 1, reason: '\u200b' }, 'reason'],
      [
        'receipts.create',
        { supplierId: 1, locationId: 1, date: '0000-01-01', lines: [{ productId: 1, qty: 1 }] },
        'date',
      ],
      [
        'receipts.create',
        { supplierId: 1, locationId: 1, date: '9999-12-31', lines: [{ productId: 1, qty: 1 }] },
        'date',
      ],
      ['shipments.create', { customerId: 1, locationId: 1, date: '0000-01-01', lines: [{ lotId, qty: 1 }] }, 'date'],
      ['batches.record', { productionDate: '9999-12-31' }, 'productionDate'],
    ];
    for (const [m, input, field] of cases) {
      const a = await post(m, input, 'owner');
      expect(a.status, `${m} ${JSON.stringify(input)}`).toBe(400);
      const f = a.body.error!.fields!.find((x) => x.path === field);
      expect(f, `${m}: ${JSON.stringify(a.body.error)}`).toBeTruthy();
      expect(f!.message).toMatch(/[àáảãạăâđêôơưéèíóòúùýỳ]/i);
    }
    for (const p of ['/%E0%A4%A', '/api/%E0%A4%A']) {
      const r = await fetch(`${http.url.replace(/\/$/, '')}${p}`, {
        method: p.startsWith('/api') ? 'POST' : 'GET',
        headers: { Authorization: 'Bearer t0ken', 'Content-Type': 'application/json' },
        body: p.startsWith('/api') ? '{}' : undefined,
      });
      expect(r.status, p).toBe(400);
    }
  });
});

describe('secrets already in an audit log', () => {
  it('a numbered migration hides them; the rest of the entry stays', () => {
    const file = tempDbPath();
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) VALUES ('2026-01-01T00:00:00+07:00', 'owner', 'sync.settings.save', 'sync', NULL, NULL, ?)",
    ).run(JSON.stringify({ input: { type: 'epcis', auth: 'bearer', secret: SECRET, url: 'https://p.example.vn' } }));
    db.pragma('user_version = 6'); // as the file was before this version
    db.close();
    const again = openDatabase(file);
    const after = JSON.parse(again.prepare('SELECT after FROM audit_log').pluck().get() as string);
    expect(after.input).toEqual({ type: 'epcis', auth: 'bearer', secret: '[đã ẩn]', url: 'https://p.example.vn' });
    expect(() => again.prepare('UPDATE audit_log SET user = ?').run('x')).toThrow(/append-only/);
    again.pragma('wal_checkpoint(TRUNCATE)');
    again.close();
    expect(fs.readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);
  });
});

describe('a LAN bind', () => {
  it('refuses to start until an owner PIN exists', async () => {
    const core = openCore({ dbPath: tempDbPath(), host: 'http', log: () => {} });
    try {
      await expect(startHttpHost({ core, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'LAN_NEEDS_OWNER_PIN' });
      core.run('users.setup', { name: 'Chủ', pin: '1234' });
      const h = await startHttpHost({ core, host: '0.0.0.0' });
      await h.close();
    } finally {
      core.close();
    }
  });
});

describe('a database another program keeps busy', () => {
  it('the writer waits its turn, then says so in plain words; nothing is half-written', () => {
    const file = tempDbPath();
    const core = openCore({ dbPath: file, host: 'test', log: () => {} });
    const other = openDatabase(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // e.g. a long import from the CLI
      const before = core.db.prepare('SELECT count(*) FROM products').pluck().get();
      const res = core.call('products.create', aProduct());
      expect(res).toMatchObject({ ok: false, status: 503, error: { code: 'DB_BUSY' } });
      expect(!res.ok && res.error.message).toContain('Chưa có gì bị thay đổi');
      expect(() => core.run('products.create', aProduct())).toThrow(expect.objectContaining({ code: 'DB_BUSY' }));
      other.exec('ROLLBACK');
      expect(core.db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(before);
      expect(core.run('products.create', aProduct()).id).toBeGreaterThan(0);
    } finally {
      other.close();
      core.close();
    }
  }, 30_000);
});
