// Portal settings in the database. The secret is sealed by the SecretStore and never leaves this module in
// clear except inside a PortalConfig handed to an adapter.
import { AppError } from '../../shared/api/errors';
import type { Db } from '../store/db';
import { getSecretStore, type SecretStore } from './secrets';
import type { AuthKind, MediaType, PortalConfig, PortalSettings, PortalType } from './types';
import { q } from '../store/statements';

type Row = {
  id: number;
  name: string;
  type: PortalType;
  url: string | null;
  auth: AuthKind;
  settings: string;
  secret_sealed: string | null;
  enabled: number;
  last_sync_at: string | null;
  last_sync_result: string | null;
};

export type PortalView = {
  id: number;
  name: string;
  type: PortalType;
  url: string | null;
  auth: AuthKind;
  settings: PortalSettings;
  hasSecret: boolean;
  enabled: boolean;
  lastSyncAt: string | null;
  lastSyncResult: string | null;
};

export type PortalInput = {
  name?: string;
  type: PortalType;
  url?: string | null;
  auth?: AuthKind;
  settings?: PortalSettings;
  secret?: string | null;
};

const view = (r: Row): PortalView => ({
  id: r.id,
  name: r.name,
  type: r.type,
  url: r.url,
  auth: r.auth,
  settings: JSON.parse(r.settings) as PortalSettings,
  hasSecret: !!r.secret_sealed,
  enabled: !!r.enabled,
  lastSyncAt: r.last_sync_at,
  lastSyncResult: r.last_sync_result,
});

/** The one active portal (the app keeps one; the tables allow several for later). */
export function currentPortal(db: Db): PortalView | null {
  const r = q(db, 'SELECT * FROM portals WHERE enabled = 1 ORDER BY id LIMIT 1').get() as Row | undefined;
  return r ? view(r) : null;
}

export function portalById(db: Db, id: number): PortalView | null {
  const r = q(db, 'SELECT * FROM portals WHERE id = ?').get(id) as Row | undefined;
  return r ? view(r) : null;
}

/** Creates or replaces the settings of the current portal. `secret: undefined` keeps the stored one. */
export function savePortal(db: Db, input: PortalInput, now: string, store: SecretStore = getSecretStore()): PortalView {
  if (input.type !== 'file' && !/^https?:\/\/[^\s]+$/.test(input.url ?? ''))
    throw new AppError('PORTAL_URL_INVALID', { url: input.url ?? '' });
  const existing = currentPortal(db);
  const sealed =
    input.secret === undefined
      ? undefined
      : input.secret === null || input.secret === ''
        ? null
        : store.seal(input.secret);
  const name = input.name ?? { file: 'Gói tệp', epcis: 'Cổng EPCIS', hanoicheck: 'HanoiCheck' }[input.type];
  const settings = JSON.stringify(input.settings ?? {});
  if (existing) {
    q(db, 'UPDATE portals SET name = ?, type = ?, url = ?, auth = ?, settings = ?, updated_at = ? WHERE id = ?').run(
      name,
      input.type,
      input.url ?? null,
      input.auth ?? 'none',
      settings,
      now,
      existing.id,
    );
    if (sealed !== undefined) q(db, 'UPDATE portals SET secret_sealed = ? WHERE id = ?').run(sealed, existing.id);
    return portalById(db, existing.id)!;
  }
  const id = q(
    db,
    'INSERT INTO portals(name, type, url, auth, settings, secret_sealed, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)',
  ).run(name, input.type, input.url ?? null, input.auth ?? 'none', settings, sealed ?? null, now, now).lastInsertRowid;
  return portalById(db, Number(id))!;
}

/** The adapter's view, with the secret opened. */
export function portalConfig(db: Db, id: number, store: SecretStore = getSecretStore()): PortalConfig {
  const r = q(db, 'SELECT * FROM portals WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('PORTAL_NOT_SET');
  let secret: string | null = null;
  if (r.secret_sealed) {
    try {
      secret = store.open(r.secret_sealed);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('SECRET_UNREADABLE');
    }
  }
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    url: r.url,
    auth: r.auth,
    settings: JSON.parse(r.settings) as PortalSettings,
    secret,
  };
}

/** Keeps the content type a portal accepts (learnt from its 415), so the next runs start with it. */
export function rememberMediaType(db: Db, portalId: number, mediaType: MediaType): void {
  q(db, "UPDATE portals SET settings = json_set(settings, '$.mediaType', ?) WHERE id = ?").run(mediaType, portalId);
}
