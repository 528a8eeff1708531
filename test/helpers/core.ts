// Test factories: a core over an in-memory (or temp-file) database, and small record builders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../main/core';
import type { Clock } from '../../main/clock';
import type { BusinessInput, LocationInput, PartnerInput, ProductInput } from '../../shared/api/masterdata';
import { withCheckDigit } from '../../shared/gs1/checkdigit';

/** A clock fixed at a given instant, that tests can move forward. */
export function fixedClock(
  iso = '2026-11-29T08:00:00+07:00',
): Clock & { set(iso: string): void; advanceDays(n: number): void } {
  let t = new Date(iso);
  return {
    offset: '+07:00',
    now: () => new Date(t.getTime()),
    set(v: string) {
      t = new Date(v);
    },
    advanceDays(n: number) {
      t = new Date(t.getTime() + n * 86_400_000);
    },
  };
}

export function makeCore(opts: { file?: string; clock?: Clock } = {}): Core {
  return openCore({ dbPath: opts.file ?? ':memory:', host: 'test', clock: opts.clock ?? fixedClock(), log: () => {} });
}

export function tempDir(prefix = 'nguongoc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempDbPath(): string {
  return path.join(tempDir(), 'test.db');
}

let seq = 0;
/** A demo GTIN-13 under the 952 prefix that GS1 reserves for examples, with a valid check digit. */
export function demoGtin(n = ++seq): string {
  return withCheckDigit(`9520000${String(n).padStart(5, '0')}`);
}

export function aBusiness(o: Partial<BusinessInput> = {}): BusinessInput {
  return {
    name: 'Công ty TNHH Hạt Điều Đồng Nai',
    taxCode: '0300588569',
    address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
    province: 'Đồng Nai',
    ward: 'Trấn Biên',
    phone: '0251 3822 123',
    ...o,
  };
}

export function aLocation(o: Partial<LocationInput> = {}): LocationInput {
  return { name: 'Xưởng chế biến', kind: 'production', address: 'KCN Hố Nai, Đồng Nai', ...o };
}

export function aProduct(o: Partial<ProductInput> = {}): ProductInput {
  const n = ++seq;
  return { kind: 'finished', name: `Hạt điều rang muối ${n}`, code: `HDRM-${n}`, unit: 'kg', ...o };
}

export function aPartner(o: Partial<PartnerInput> = {}): PartnerInput {
  const n = ++seq;
  return { kind: 'supplier', name: `Hợp tác xã Điều Bình Phước ${n}`, phone: '0912 345 678', ...o };
}
