// Where portal credentials are kept. A SecretStore seals a secret into an opaque string stored in the database
// (`portals.secret_sealed`) and opens it when syncing; the secret itself is never logged, exported or returned
// by the API. The desktop shell plugs Electron `safeStorage` (OS keychain / DPAPI) in with `setSecretStore`;
// plain Node (CLI, browser mode, tests) uses `FileSecretStore`: AES-256-GCM with a random key kept in a file in
// the app-data folder, so a copied database alone does not give the credentials away.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appDataDir } from '../paths';

export interface SecretStore {
  readonly kind: string;
  seal(plain: string): string;
  /** Throws when the sealed text cannot be opened (other machine, key lost). */
  open(sealed: string): string;
}

export class FileSecretStore implements SecretStore {
  readonly kind = 'file-aes-256-gcm';
  private key: Buffer | null = null;

  constructor(readonly keyFile: string = process.env.NGUONGOC_KEY_FILE || path.join(appDataDir(), 'secret.key')) {}

  private getKey(): Buffer {
    if (this.key) return this.key;
    if (!fs.existsSync(this.keyFile)) {
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
