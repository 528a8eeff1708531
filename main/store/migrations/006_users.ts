import type { Migration } from './index';

// Users, roles and sessions. A database with no active user is a fresh install: the core
// treats the one person at the PC as the owner until the first-run wizard creates the owner's PIN.
// PINs and recovery codes are stored only as scrypt hashes; session tokens as SHA-256 hashes, so a
// copied database file does not hand out working sessions.
export const m006_users: Migration = {
  version: 6,
  name: 'users, sessions, login attempts',
  sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner','staff','trainer','auditor')),
  pin_hash TEXT NOT NULL,
  -- Failed PIN entries since the last success; drives the growing lockout.
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_name ON users(name);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  host TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id),
  at TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0,1)),
  kind TEXT NOT NULL CHECK (kind IN ('pin','recovery')),
  host TEXT NOT NULL
) STRICT;
CREATE INDEX login_attempts_user ON login_attempts(user_id, at);

-- The owner's one-time recovery code (only the newest unused one is valid).
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
) STRICT;

-- The audit screen filters by time, user and action.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
`,
};
