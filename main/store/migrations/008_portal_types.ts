import type { Migration } from './index';

// Portals gain the 'hanoicheck' type (Hà Nội's supplier API). SQLite cannot change a CHECK constraint, so the table
// is rebuilt with the same columns; foreign keys from outbox_status and sync_runs are deferred to the end of the
// migration's transaction, when every portal row is back under its own id.
export const m008_portal_types: Migration = {
  version: 8,
  name: 'portal types',
  sql: `
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE portals_copy AS SELECT * FROM portals;
DROP TABLE portals;
CREATE TABLE portals (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('epcis','file','hanoicheck')),
  url TEXT,
  auth TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none','bearer','basic','oauth2')),
  settings TEXT NOT NULL DEFAULT '{}',
  secret_sealed TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_sync_at TEXT,
  last_sync_result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO portals SELECT * FROM temp.portals_copy;
DROP TABLE temp.portals_copy;
`,
};
