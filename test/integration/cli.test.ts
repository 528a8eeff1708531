// The CLI as a child process: exit codes 0/1/2, messages on stderr, --json, the api and check commands.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, serve } from '../helpers/dist';
import { tempDir } from '../helpers/core';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';

describe('nguongoc CLI', () => {
  let db: string;
  beforeAll(() => {
    db = path.join(tempDir(), 'cli.db');
  });

  it('creates and lists records through `api`', async () => {
    const c = await runCli(['api', 'locations.create', '{"name":"Kho chính","kind":"warehouse"}', '--db', db]);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ name: 'Kho chính', kind: 'warehouse', archived: false });
    const l = await runCli(['api', 'locations.list', '--db', db]);
    expect(JSON.parse(l.stdout).total).toBe(1);
  });

  it('reads the input from stdin with -', async () => {
    const c = await runCli(['api', 'partners.create', '-', '--db', db], {
      input: JSON.stringify({ kind: 'customer', name: 'Bách Hóa Xanh Biên Hòa' }),
    });
    expect(c.code).toBe(0);
  });

  it('exits 1 with a Vietnamese message on a domain error, English with --lang en', async () => {
    const vi = await runCli([
      'api',
      'business.update',
      '{"name":"A","taxCode":"0300588568","address":"B"}',
      '--db',
      db,
    ]);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('Lỗi [VALIDATION]');
    expect(vi.stderr).toContain('Mã số thuế');
    const en = await runCli([
      'api',
      'business.update',
      '{"name":"A","taxCode":"0300588568","address":"B"}',
      '--db',
      db,
      '--lang',
      'en',
      '--json',
    ]);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('Error [VALIDATION]');
    expect(JSON.parse(en.stdout).error.fields[0].code).toBe('TAX_CODE_CHECK_DIGIT');
  });

  it('exits 2 on usage errors: unknown command, bad JSON, missing argument', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['api', 'business.get', '{nope', '--db', db])).code).toBe(2);
    expect((await runCli(['api', '--db', db])).code).toBe(2);
  });

  it('shows help for every command and exits 0, in Vietnamese unless asked for English', async () => {
    for (const cmd of ['api', 'check', 'serve', 'methods']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Cách dùng: nguongoc ${cmd}`);
      const en = await runCli([cmd, '--help', '--lang', 'en']);
      expect(en.code).toBe(0);
      expect(en.stdout).toContain(`Usage: nguongoc ${cmd}`);
    }
    const wrong = await runCli(['bogus']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("lỗi: không có lệnh 'bogus'");
    expect(wrong.stderr).not.toMatch(/error:|Usage:/);
    const en = await runCli(['bogus'], { env: { NGUONGOC_LANG: 'en' } });
    expect(en.stderr).toContain("error: unknown command 'bogus'");
  });

  it('checks integrity, and refuses a file that is not SQLite or is from a newer version', async () => {
    const ok = await runCli(['check', '--db', db, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, 'this is a spreadsheet, not a database');
    const r = await runCli(['api', 'business.get', '--db', junk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DB_NOT_SQLITE');
    expect(fs.readFileSync(junk, 'utf8')).toBe('this is a spreadsheet, not a database');

    const Database = (await import('better-sqlite3')).default;
    const newer = path.join(tempDir(), 'newer.db');
    const d = new Database(newer);
    d.pragma('application_id = 1313296195');
    d.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    d.exec('CREATE TABLE future (x)');
    d.close();
    const r2 = await runCli(['api', 'business.get', '--db', newer]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('DB_TOO_NEW');
  });

  it('uses NGUONGOC_DB when --db is absent', async () => {
    const envDb = path.join(tempDir(), 'env.db');
    const r = await runCli(['api', 'system.info'], { env: { NGUONGOC_DB: envDb } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dbPath).toBe(envDb);
  });

  it('serves the API with the given token and refuses others', async () => {
    const s = await serve(['--db', db, '--token', 'test-token-123']);
    try {
      expect(s.token).toBe('test-token-123');
      const ok = await fetch(`${s.url}api/products.list`, {
        method: 'POST',
        headers: { Authorization: 'Bearer test-token-123', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(ok.status).toBe(200);
      const no = await fetch(`${s.url}api/products.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(no.status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});
