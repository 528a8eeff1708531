import type { Migration } from './index';

// The audit log once kept the portal secret (bearer token, password, OAuth2 client secret) of
// "sync.settings.save" as it was typed. The log now records only that a secret was sent ("[đã ẩn]", see
// shared/api/secrets.ts); this hides the values already written. audit_log stays append-only: its
// triggers are dropped for this one statement and created again; no row is removed, no other field changes.
// The connection that migrates zeroes freed space, so the old text does not stay behind in free pages.
export const m007_redact_audit_secrets: Migration = {
  version: 7,
  name: 'hide portal secrets already in the audit log',
  sql: `
PRAGMA secure_delete = ON;
DROP TRIGGER audit_log_no_update;
UPDATE audit_log
   SET after = json_replace(after, '$.input.secret', '[đã ẩn]')
 WHERE json_valid(after)
   AND json_type(after, '$.input.secret') = 'text'
   AND json_extract(after, '$.input.secret') NOT IN ('', '[đã ẩn]');
-- audit_log is append-only: no row is ever changed or removed, except that secrets are hidden (migration 7).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
