// The desktop app's portal-credentials key under the OS's protection (main/sync/secret-key.ts). Electron's
// safeStorage cannot run here, so the protector is an AES-GCM box with a key of its own that stands for the
// operating system's (DPAPI): what is tested is our key-file handling around it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesktopKey, PROTECTED_KEY_FILE, type KeyProtector } from '../../main/sync/secret-key';
import { FileSecretStore } from '../../main/sync/secrets';
import { AppError } from '../../shared/api/errors';
import '../../shared/i18n/sync';

/** An OS-style protector: data sealed by one "user" cannot be opened by another. */
function osProtector(
  userKey = crypto.randomBytes(32),
  opts: { available?: boolean; backend?: string } = {},
): KeyProtector & { userKey: Buffer } {
  return {
    userKey,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: opts.backend ? () => opts.backend! : undefined,
    async encryptStringAsync(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', userKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decryptStringAsync(b) {
      const d = crypto.createDecipheriv('aes-256-gcm', userKey, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return { result: Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

const dirs: string[] = [];
function keyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-key-'));
  dirs.push(dir);
  return path.join(dir, 'secret.key');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('desktop key under safeStorage', () => {
  it('makes a protected key on first start and opens the same key next time; nothing readable on disk', async () => {
    const plain = keyFile();
    const osp = osProtector();
    const first = await loadDesktopKey(plain, osp);
    expect(first.protected).toBe(true);
    if (!first.protected) return;
    expect(fs.existsSync(plain)).toBe(false);
    const safe = fs.readFileSync(path.join(path.dirname(plain), PROTECTED_KEY_FILE));
    expect(safe.includes(Buffer.from(first.key.toString('base64')))).toBe(false);
    const again = await loadDesktopKey(plain, osp);
    expect(again).toMatchObject({ protected: true, note: 'opened' });
    if (again.protected) expect(again.key.equals(first.key)).toBe(true);
  });

  it('moves the CLI plain key under protection, so credentials saved before still open, and removes the plain file', async () => {
    const plain = keyFile();
    const cli = new FileSecretStore({ keyFile: plain });
    const sealed = cli.seal('client-secret-123');
    expect(fs.existsSync(plain)).toBe(true);
    const k = await loadDesktopKey(plain, osProtector());
    expect(k).toMatchObject({ protected: true, note: 'moved the plain key under protection' });
    if (!k.protected) return;
    expect(fs.existsSync(plain)).toBe(false);
    expect(new FileSecretStore({ key: k.key }).open(sealed)).toBe('client-secret-123');
    // The CLI no longer makes a second key beside the app's: it says the login is the desktop app's.
    const later = new FileSecretStore({ keyFile: plain });
    let err: unknown;
    try {
      later.seal('x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SECRET_KEY_DESKTOP');
    expect((err as AppError).toBody('vi').message).toContain('ứng dụng Nguồn Gốc');
    expect(fs.existsSync(plain)).toBe(false);
  });

  it('sets aside a protected key another Windows user made and starts a new one', async () => {
    const plain = keyFile();
    const mine = await loadDesktopKey(plain, osProtector());
    const log: string[] = [];
    const theirs = await loadDesktopKey(plain, osProtector(), (l) => log.push(l));
    expect(theirs.protected).toBe(true);
    if (!mine.protected || !theirs.protected) return;
    expect(theirs.key.equals(mine.key)).toBe(false);
    const files = fs.readdirSync(path.dirname(plain));
    expect(files.some((f) => f.startsWith(`${PROTECTED_KEY_FILE}.unreadable-`))).toBe(true);
    expect(log.join('\n')).toContain('cannot be opened here');
  });

  it('keeps the plain key file when the OS offers no protection (no keyring on Linux)', async () => {
    const plain = keyFile();
    expect(await loadDesktopKey(plain, osProtector(undefined, { available: false }))).toMatchObject({
      protected: false,
    });
    if (process.platform === 'linux') {
      const basic = await loadDesktopKey(plain, osProtector(undefined, { backend: 'basic_text' }));
      expect(basic.protected).toBe(false);
      expect(basic.note).toContain('basic_text');
    }
    expect(fs.existsSync(path.join(path.dirname(plain), PROTECTED_KEY_FILE))).toBe(false);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new FileSecretStore({ key: Buffer.alloc(16) })).toThrow(/32 bytes/);
  });
});
