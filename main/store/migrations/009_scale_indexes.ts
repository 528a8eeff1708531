import type { Migration } from './index';

// Indexes for the screens at a real business's size (hundreds of thousands of lots and events):
// the all-lots list in its default order (newest first), and the workshop checklist's "first receipt /
// first batch since the reset". Each hot query's plan is checked in test/integration/query-plans.test.ts.
export const m009_scale_indexes: Migration = {
  version: 9,
  name: 'indexes for large databases',
  sql: `
CREATE INDEX IF NOT EXISTS lots_created ON lots(created_at);
CREATE INDEX IF NOT EXISTS events_kind_recorded ON events(kind, recorded_at);
`,
};
