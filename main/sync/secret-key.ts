// The desktop app's data key for portal credentials, kept at rest under the operating system's protection
// (Electron `safeStorage`: DPAPI on Windows, Keychain on macOS, the keyring on Linux) instead of in a plain
// file. The shell (main/electron) loads it before the core starts and hands the key to the core worker, which
// seals and opens credentials with it (AES-256-GCM, the same sealed format as the file store).
//
// Files in the app-data folder (next to the plain key file, see secrets.ts `defaultKeyFile`):
//   secret.key.safe   the 32-byte key, encrypted by safeStorage (only this Windows user on this PC can open it)
//   secret.key        the plain key the CLI and browser mode use; the desktop app moves it under protection
//                     and deletes it, so credentials saved before keep working.
// Plain Node code: the protector is passed in (Electron's safeStorage has exactly this shape).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface KeyProtector {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: 'basic_text' means no keyring, i.e. a fixed password that protects nothing. */
  getSelectedStorageBackend?(): string;
}

export const PROTECTED_KEY_FILE = 'secret.key.safe';

export type DesktopKey =
  | { protected: true; key: Buffer; note: string }
  /** The OS offers no real protection here: the core keeps using the plain key file. */
  | { protected: false; note: string };

function decodeKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`bad key in ${file}`);
  return key;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key. */
function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The key for this app-data folder: opens `secret.key.safe`, or protects an existing plain `secret.key`
 * (then deletes it), or makes a new key. A protected key that no longer opens (the Windows profile was
 * reset, the folder copied from another PC) is set aside as `secret.key.safe.unreadable-<time>` and a new
 * key made: saved credentials then need typing again, which the sync screen says (SECRET_UNREADABLE).
 */
export async function loadDesktopKey(
  plainFile: string,
  protector: KeyProtector,
  log: (line: string) => void = () => {},
): Promise<DesktopKey> {
  const available = await protector.isAsyncEncryptionAvailable().catch(() => false);
  const backend = process.platform === 'linux' ? protector.getSelectedStorageBackend?.() : undefined;
  if (!available || backend === 'basic_text') {
    return {
      protected: false,
      note: `safeStorage unavailable${backend ? ` (${backend})` : ''}; portal credentials stay under the file key`,
    };
  }
  const dir = path.dirname(plainFile);
  fs.mkdirSync(dir, { recursive: true });
  const safeFile = path.join(dir, PROTECTED_KEY_FILE);

  if (fs.existsSync(safeFile)) {
    try {
      const { result, shouldReEncrypt } = await protector.decryptStringAsync(fs.readFileSync(safeFile));
      const key = decodeKey(result, safeFile);
      // The OS rotated its own key: store ours again under the new one.
      if (shouldReEncrypt) writeAtomic(safeFile, await protector.encryptStringAsync(key.toString('base64')));
      // A plain key written later by the CLI would be a second, different key: keep it for the CLI but say so.
      if (fs.existsSync(plainFile))
        log(`[secrets] ${plainFile} also exists; the desktop app uses ${PROTECTED_KEY_FILE}`);
      return { protected: true, key, note: 'opened' };
    } catch (err) {
      const aside = `${safeFile}.unreadable-${Date.now()}`;
      fs.renameSync(safeFile, aside);
      log(
        `[secrets] ${safeFile} cannot be opened here (${err instanceof Error ? err.message : String(err)}); moved to ${aside}`,
      );
    }
  }

  let key: Buffer;
  let note: string;
  if (fs.existsSync(plainFile)) {
    key = decodeKey(fs.readFileSync(plainFile, 'utf8'), plainFile);
    note = 'moved the plain key under protection';
  } else {
    key = crypto.randomBytes(32);
    note = 'new key';
  }
  writeAtomic(safeFile, await protector.encryptStringAsync(key.toString('base64')));
  // Only once the protected copy is on disk and opens again is the plain copy removed.
  const check = await protector.decryptStringAsync(fs.readFileSync(safeFile));
  if (!decodeKey(check.result, safeFile).equals(key)) throw new Error('protected key does not read back');
  if (fs.existsSync(plainFile)) fs.rmSync(plainFile);
  log(`[secrets] portal credentials key: ${note}`);
  return { protected: true, key, note };
}
