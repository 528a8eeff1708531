// Users, PIN login and sessions.
// PINs are short, so the hash alone would not stop a guesser with the file: the scrypt cost slows
// offline guessing, and on-line guessing is stopped by a lockout that grows with each failure.
import crypto from 'node:crypto';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { LoginResult, Me, Role, User, UserPublic } from '../../../shared/api/users';
import { isoWithOffset, nowIso, type Clock } from '../../clock';
import type { Db } from '../../store/db';
import type { CallContext, HostKind, PartialHandlers, ServiceContext } from '../core';
import { audit } from './records';
import { isWorkshopDb } from './workshop';
import { q, qv } from '../../store/statements';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 };
/** Failures allowed before the first lock; each further failure doubles the lock, up to an hour. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_S = 30;
const MAX_LOCK_S = 3600;
/** A session lasts a working day; the shared PC then asks for the PIN again. */
const SESSION_HOURS = 12;

export function hashSecret(secret: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(secret, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const got = crypto.scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(expected, got);
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX-XXXX-XXXX. */
export function newRecoveryCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
const normalizeCode = (c: string) => c.toUpperCase().replace(/[^0-9A-Z]/g, '');

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

type UserRow = {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
  failed_count: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
};

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  disabled: r.disabled_at !== null,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toPublic = (r: UserRow): UserPublic => ({ id: r.id, name: r.name, role: r.role });

/** The person behind a call. `open`: no user set up yet, so the single local user acts as the owner. */
export type Actor = {
  userId: number | null;
  name: string;
  role: Role;
  open: boolean;
  anonymous: boolean;
  session: string | null;
  workshop: boolean;
};

export function usersConfigured(db: Db): boolean {
  try {
    return qv(db, 'SELECT EXISTS (SELECT 1 FROM users WHERE disabled_at IS NULL) AS x').get() === 1;
  } catch {
    return false; // a database opened before migration 6 (never happens after openDatabase)
  }
}

/**
 * Who is calling. With a session token: its user (or SESSION_EXPIRED). Without one: the owner on a
 * fresh install; in-process hosts (CLI, tests, demo builder) run with the rights of whoever holds the
 * database file, i.e. the owner; a UI host (Electron, HTTP) may only call public methods.
 */
export function resolveActor(db: Db, clock: Clock, host: HostKind, callCtx: CallContext, isPublic: boolean): Actor {
  const workshop = isWorkshopDb(db);
  if (callCtx.session) {
    const row = q(
      db,
      `SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND u.disabled_at IS NULL`,
    ).get(sha256(callCtx.session), nowIso(clock)) as { id: number; name: string; role: Role } | undefined;
    if (row)
      return {
        userId: row.id,
        name: row.name,
        role: row.role,
        open: false,
        anonymous: false,
        session: callCtx.session,
        workshop,
      };
    if (!isPublic) throw new AppError('SESSION_EXPIRED', {}, { status: 401 });
  }
  const configured = usersConfigured(db);
  if (!configured || host === 'cli' || host === 'test') {
    return {
      userId: null,
      name: callCtx.user ?? 'owner',
      role: 'owner',
      open: !configured,
      anonymous: false,
      session: null,
      workshop,
    };
  }
  if (isPublic)
    return { userId: null, name: 'anonymous', role: 'auditor', open: false, anonymous: true, session: null, workshop };
  throw new AppError('LOGIN_REQUIRED', {}, { status: 401 });
}

function getUser(ctx: ServiceContext, id: number): UserRow {
  const row = q(ctx.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', { entity: 'user', id });
  return row;
}

function startSession(ctx: ServiceContext, user: UserRow): LoginResult {
  const token = crypto.randomBytes(32).toString('base64url');
  const expires = isoWithOffset(new Date(ctx.clock.now().getTime() + SESSION_HOURS * 3600_000), ctx.clock.offset);
  q(ctx.db, 'INSERT INTO sessions (token_hash, user_id, host, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    sha256(token),
    user.id,
    ctx.host,
    nowIso(ctx.clock),
    expires,
  );
  return { session: token, user: toPublic(user), expiresAt: expires };
}

/** Audit entries of login/user actions are written under the user's own name. */
function auditAs(
  ctx: ServiceContext,
  name: string,
  action: string,
  entityId: number | null,
  before: unknown,
  after: unknown,
) {
  audit({ ...ctx, user: name }, action, 'user', entityId, before, after);
}

function issueRecoveryCode(ctx: ServiceContext): string {
  const code = newRecoveryCode();
  q(ctx.db, 'UPDATE recovery_codes SET used_at = ? WHERE used_at IS NULL').run(nowIso(ctx.clock));
  q(ctx.db, 'INSERT INTO recovery_codes (code_hash, created_at) VALUES (?, ?)').run(
    hashSecret(normalizeCode(code)),
    nowIso(ctx.clock),
  );
  return code;
}

function lockSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_ATTEMPTS));
}

function activeOwners(ctx: ServiceContext, exceptId?: number): number {
  return qv(ctx.db, "SELECT count(*) FROM users WHERE role = 'owner' AND disabled_at IS NULL AND id IS NOT ?").get(
    exceptId ?? null,
  ) as number;
}

function login(ctx: ServiceContext, userId: number, pinText: string): LoginResult {
  // Own transactions: a wrong PIN must be counted even though the call fails.
  const tx = ctx.db.transaction((): { result?: LoginResult; error?: AppError } => {
    const u = q(ctx.db, 'SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
    if (!u) return { error: new AppError('NOT_FOUND', { entity: 'user', id: userId }) };
    if (u.disabled_at) return { error: new AppError('USER_DISABLED', {}, { status: 403 }) };
    const now = ctx.clock.now();
    if (u.locked_until && new Date(u.locked_until) > now) {
      const seconds = Math.ceil((new Date(u.locked_until).getTime() - now.getTime()) / 1000);
      return {
        error: new AppError('USER_LOCKED', { seconds }, { status: 429, details: { lockedUntil: u.locked_until } }),
      };
    }
    const ok = /^\d{4,8}$/.test(pinText) && verifySecret(pinText, u.pin_hash);
    q(ctx.db, 'INSERT INTO login_attempts (user_id, at, ok, kind, host) VALUES (?, ?, ?, ?, ?)').run(
      u.id,
      nowIso(ctx.clock),
      ok ? 1 : 0,
      'pin',
      ctx.host,
    );
    if (!ok) {
      const failures = u.failed_count + 1;
      const lock = lockSeconds(failures);
      const until = lock ? isoWithOffset(new Date(now.getTime() + lock * 1000), ctx.clock.offset) : null;
      q(ctx.db, 'UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?').run(failures, until, u.id);
      auditAs(ctx, u.name, 'login.failed', u.id, null, { failures, lockedUntil: until });
      if (lock)
        return {
          error: new AppError('USER_LOCKED', { seconds: lock }, { status: 429, details: { lockedUntil: until } }),
        };
      return { error: new AppError('WRONG_PIN', { left: FREE_ATTEMPTS - failures }, { status: 401 }) };
    }
    q(ctx.db, 'UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ?').run(u.id);
    auditAs(ctx, u.name, 'login', u.id, null, { host: ctx.host });
    return { result: startSession(ctx, u) };
  });
  const out = tx.immediate();
  if (out.error) throw out.error;
  return out.result!;
}

function recover(ctx: ServiceContext, code: string, newPin: string) {
  const tx = ctx.db.transaction(() => {
    const rows = q(
      ctx.db,
      'SELECT id, code_hash FROM recovery_codes WHERE used_at IS NULL ORDER BY id DESC LIMIT 1',
    ).all() as { id: number; code_hash: string }[];
    const owner = q(
      ctx.db,
      "SELECT * FROM users WHERE role = 'owner' AND disabled_at IS NULL ORDER BY id LIMIT 1",
    ).get() as UserRow | undefined;
    // The same growing lock as PINs, kept on the owner row, so the code cannot be guessed either.
    if (owner?.locked_until && new Date(owner.locked_until) > ctx.clock.now()) {
      return {
        error: new AppError(
          'USER_LOCKED',
          { seconds: Math.ceil((new Date(owner.locked_until).getTime() - ctx.clock.now().getTime()) / 1000) },
          { status: 429 },
        ),
      };
    }
    const ok = !!owner && rows.length === 1 && verifySecret(normalizeCode(code), rows[0].code_hash);
    q(ctx.db, 'INSERT INTO login_attempts (user_id, at, ok, kind, host) VALUES (?, ?, ?, ?, ?)').run(
      owner?.id ?? null,
      nowIso(ctx.clock),
      ok ? 1 : 0,
      'recovery',
      ctx.host,
    );
    if (!ok || !owner) {
      if (owner) {
        const failures = owner.failed_count + 1;
        const lock = lockSeconds(failures);
        q(ctx.db, 'UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?').run(
          failures,
          lock ? isoWithOffset(new Date(ctx.clock.now().getTime() + lock * 1000), ctx.clock.offset) : null,
          owner.id,
        );
        auditAs(ctx, owner.name, 'recover.failed', owner.id, null, { failures });
      }
      return { error: new AppError('WRONG_RECOVERY_CODE', {}, { status: 401 }) };
    }
    q(ctx.db, 'UPDATE recovery_codes SET used_at = ? WHERE id = ?').run(nowIso(ctx.clock), rows[0].id);
    q(ctx.db, 'UPDATE users SET pin_hash = ?, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
      hashSecret(newPin),
      nowIso(ctx.clock),
      owner.id,
    );
    auditAs(ctx, owner.name, 'recover', owner.id, null, { pinReset: true });
    const recoveryCode = issueRecoveryCode(ctx);
    return { result: { ...startSession(ctx, owner), recoveryCode } };
  });
  const out = tx.immediate();
  if (out.error) throw out.error;
  return out.result!;
}

/** The caller; a context built by hand (demo builder) has none and acts as the owner. */
export function actorOf(ctx: ServiceContext): Actor {
  return (
    ctx.actor ?? {
      userId: null,
      name: ctx.user,
      role: 'owner',
      open: true,
      anonymous: false,
      session: null,
      workshop: false,
    }
  );
}

function me(ctx: ServiceContext): Me {
  return { userId: actorOf(ctx).userId, name: actorOf(ctx).name, role: actorOf(ctx).role, open: actorOf(ctx).open };
}

export const userHandlers: PartialHandlers = {
  'users.status': (_p, ctx) => {
    const rows = q(
      ctx.db,
      "SELECT * FROM users WHERE disabled_at IS NULL ORDER BY role <> 'owner', name",
    ).all() as UserRow[];
    return {
      configured: rows.length > 0,
      users: rows.map(toPublic),
      me: actorOf(ctx).anonymous ? null : me(ctx),
      workshop: actorOf(ctx).workshop,
    };
  },
  'users.setup': (p, ctx) => {
    if (usersConfigured(ctx.db)) throw new AppError('USERS_ALREADY_SET_UP', {}, { status: 409 });
    const now = nowIso(ctx.clock);
    const id = Number(
      q(ctx.db, "INSERT INTO users (name, role, pin_hash, created_at, updated_at) VALUES (?, 'owner', ?, ?, ?)").run(
        p.name,
        hashSecret(p.pin),
        now,
        now,
      ).lastInsertRowid,
    );
    const user = getUser(ctx, id);
    auditAs(ctx, user.name, 'create', id, null, { name: user.name, role: user.role });
    const recoveryCode = issueRecoveryCode(ctx);
    return { ...startSession(ctx, user), recoveryCode };
  },
  'users.login': (p, ctx) => login(ctx, p.userId, p.pin),
  'users.logout': (_p, ctx) => {
    const session = actorOf(ctx).session;
    if (session) {
      q(ctx.db, 'UPDATE sessions SET ended_at = ? WHERE token_hash = ?').run(nowIso(ctx.clock), sha256(session));
      audit(ctx, 'logout', 'user', actorOf(ctx).userId, null, null);
    }
    return { ok: true as const };
  },
  'users.recover': (p, ctx) => recover(ctx, p.code, p.newPin),
  'users.me': (_p, ctx) => me(ctx),
  'users.changePin': (p, ctx) => {
    const userId = actorOf(ctx).userId;
    if (userId === null) throw new AppError('LOGIN_REQUIRED', {}, { status: 401 });
    const u = getUser(ctx, userId);
    if (!verifySecret(p.oldPin, u.pin_hash)) throw fieldError('oldPin', 'WRONG_PIN', { left: '-' });
    q(ctx.db, 'UPDATE users SET pin_hash = ?, updated_at = ? WHERE id = ?').run(
      hashSecret(p.newPin),
      nowIso(ctx.clock),
      u.id,
    );
    audit(ctx, 'pin.change', 'user', u.id, null, null);
    return { ok: true as const };
  },
  'users.list': (p, ctx) =>
    (
      q(
        ctx.db,
        `SELECT * FROM users ${p.includeDisabled ? '' : 'WHERE disabled_at IS NULL'} ORDER BY name`,
      ).all() as UserRow[]
    ).map(toUser),
  'users.create': (p, ctx) => {
    if (q(ctx.db, 'SELECT 1 FROM users WHERE name = ?').get(p.name))
      throw new AppError(
        'VALIDATION',
        {},
        { fields: [{ path: 'name', code: 'DUPLICATE', params: { entity: 'user', field: 'tên', value: p.name } }] },
      );
    const now = nowIso(ctx.clock);
    const id = Number(
      q(ctx.db, 'INSERT INTO users (name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        p.name,
        p.role,
        hashSecret(p.pin),
        now,
        now,
      ).lastInsertRowid,
    );
    const user = toUser(getUser(ctx, id));
    audit(ctx, 'create', 'user', id, null, user);
    return user;
  },
  'users.update': (p, ctx) => {
    const before = getUser(ctx, p.id);
    const demoting = before.role === 'owner' && ((p.role && p.role !== 'owner') || p.disabled === true);
    if (demoting && activeOwners(ctx, p.id) === 0) throw new AppError('LAST_OWNER', {}, { status: 409 });
    if (
      p.name &&
      p.name.toLowerCase() !== before.name.toLowerCase() &&
      q(ctx.db, 'SELECT 1 FROM users WHERE name = ?').get(p.name)
    ) {
      throw new AppError(
        'VALIDATION',
        {},
        { fields: [{ path: 'name', code: 'DUPLICATE', params: { entity: 'user', field: 'tên', value: p.name } }] },
      );
    }
    const now = nowIso(ctx.clock);
    q(ctx.db, 'UPDATE users SET name = ?, role = ?, disabled_at = ?, updated_at = ? WHERE id = ?').run(
      p.name ?? before.name,
      p.role ?? before.role,
      p.disabled === undefined ? before.disabled_at : p.disabled ? now : null,
      now,
      p.id,
    );
    // A disabled user or a changed role ends their sessions: the next call asks for the PIN again.
    if (p.disabled || (p.role && p.role !== before.role))
      q(ctx.db, 'UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(now, p.id);
    const after = toUser(getUser(ctx, p.id));
    audit(ctx, 'update', 'user', p.id, toUser(before), after);
    return after;
  },
  'users.setPin': (p, ctx) => {
    getUser(ctx, p.id);
    q(ctx.db, 'UPDATE users SET pin_hash = ?, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
      hashSecret(p.pin),
      nowIso(ctx.clock),
      p.id,
    );
    audit(ctx, 'pin.reset', 'user', p.id, null, null);
    return toUser(getUser(ctx, p.id));
  },
  'users.newRecoveryCode': (_p, ctx) => {
    const recoveryCode = issueRecoveryCode(ctx);
    audit(ctx, 'recovery.new', 'user', actorOf(ctx).userId, null, null);
    return { recoveryCode };
  },
};
