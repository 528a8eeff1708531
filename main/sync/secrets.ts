// Where portal credentials are kept. A SecretStore seals a secret into an opaque string stored in the database
// (`portals.secret_sealed`) and opens it when syncing; the secret itself is never logged, exported or returned
// by the API. Sealing is AES-256-GCM with a random 32-byte key that never sits in the database, so a copied
// database alone does not give the credentials away. Where the key lives:
//   - desktop app: under Electron `safeStorage` (DPAPI / Keychain / keyring), see secret-key.ts; the shell opens
//     it and the core worker gets it through `setSecretStore(new FileSecretStore({ key }))`;
//   - CLI, browser mode, tests: a plain key file in the app-data folder (`secret.key`).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { appDataDir } from '../paths';
import { PROTECTED_KEY_FILE } from './secret-key';

export interface SecretStore {
  readonly kind: string;
  seal(plain: string): string;
  /** Throws when the sealed text cannot be opened (other machine, key lost). */
  open(sealed: string): string;
}

/** The plain key file of the CLI and browser mode (NGUONGOC_KEY_FILE moves it, e.g. for tests). */
export function defaultKeyFile(): string {
  return process.env.NGUONGOC_KEY_FILE || path.join(appDataDir(), 'secret.key');
}

export class FileSecretStore implements SecretStore {
  readonly kind: string;
  readonly keyFile: string;
  private key: Buffer | null = null;

  /** `key`: a key opened elsewhere (the desktop shell's protected key); otherwise the plain key file. */
  constructor(opts: { keyFile?: string; key?: Buffer } = {}) {
    this.keyFile = opts.keyFile ?? defaultKeyFile();
    if (opts.key && opts.key.length !== 32) throw new Error('a secret key has 32 bytes');
    this.key = opts.key ?? null;
    this.kind = opts.key ? 'protected-key-aes-256-gcm' : 'file-aes-256-gcm';
  }

  private getKey(): Buffer {
    if (this.key) return this.key;
    if (!fs.existsSync(this.keyFile)) {
      // The desktop app keeps the key under the OS's protection: a new plain key here would seal with a
      // different key than the app's and orphan what it saved.
      if (fs.existsSync(path.join(path.dirname(this.keyFile), PROTECTED_KEY_FILE)))
        throw new AppError('SECRET_KEY_DESKTOP', {}, { status: 409 });
      fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
      // 'wx': never overwrite a key another process has just written (that would orphan its secrets).
      try {
        fs.writeFileSync(this.keyFile, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const key = Buffer.from(fs.readFileSync(this.keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`bad key file ${this.keyFile}`);
    this.key = key;
    return key;
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.getKey(), iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${body.toString('base64')}`;
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split(':');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed format');
    const d = crypto.createDecipheriv('aes-256-gcm', this.getKey(), Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }
}

let current: SecretStore | null = null;

export function getSecretStore(): SecretStore {
  return (current ??= new FileSecretStore());
}

/** The Electron shell calls this with a safeStorage-backed store before the core handles any call. */
export function setSecretStore(store: SecretStore): void {
  current = store;
}
