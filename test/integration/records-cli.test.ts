// `nguongoc demo` and `nguongoc lots` through the built CLI.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/dist';
import { tempDir } from '../helpers/core';

describe('CLI: demo and lots', () => {
  it('builds a demo and lists its lots as a table and as JSON', async () => {
    const db = path.join(tempDir(), 'demo.db');
    const d = await runCli(['demo', '--db', db, '--scale', '40', '--seed', '5', '--end', '2026-11-29', '--json'], {
      timeoutMs: 120_000,
    });
    expect(d.code).toBe(0);
    const rep = JSON.parse(d.stdout);
    expect(rep.counts.batches).toBeGreaterThanOrEqual(40);
    expect(rep.dbBytes).toBeGreaterThan(0);
    const again = await runCli(['demo', '--db', db, '--scale', '5']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('đã có dữ liệu');

    const t = await runCli(['lots', '--db', db, '--in-stock', '--limit', '5']);
    expect(t.code).toBe(0);
    expect(t.stdout.split('\n')[0]).toMatch(/Sản phẩm\s+Mã lô\s+Tồn\s+ĐVT\s+Hạn dùng\s+Trạng thái/);
    expect(t.stdout).toMatch(/\/ \d+ lô/);
    const j = await runCli(['lots', '--db', db, '--json', '--limit', '3']);
    const data = JSON.parse(j.stdout);
    expect(data.lots).toHaveLength(3);
    expect(Object.keys(data.lots[0])).toEqual(
      expect.arrayContaining(['product', 'code', 'balance', 'unit', 'expiry', 'status']),
    );
    const en = await runCli(['lots', '--db', db, '--lang', 'en', '--limit', '2']);
    expect(en.stdout.split('\n')[0]).toMatch(/Product\s+Lot\s+Balance\s+Unit\s+Expiry\s+Status/);
  }, 240_000);

  it('refuses bad arguments and a missing database', async () => {
    expect((await runCli(['demo', '--db', path.join(tempDir(), 'x.db'), '--scale', 'abc'])).code).toBe(2);
    expect((await runCli(['demo', '--db', path.join(tempDir(), 'x.db'), '--scenario', 'moon'])).code).toBe(2);
    expect((await runCli(['lots', '--db', path.join(tempDir(), 'none.db')])).code).toBe(1);
  }, 120_000);
});
