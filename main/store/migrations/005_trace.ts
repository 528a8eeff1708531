import type { Migration } from './index';

// Recalls (thu hồi) and mock recall drills. The trace itself needs no table of its own: it walks
// event_lines through the indexes of migration 002 with recursive queries (docs/trace.md explains why
// a derived link table was measured and not needed).
export const m005_trace: Migration = {
  version: 5,
  name: 'recalls and drills',
  sql: `
CREATE TABLE recalls (
  id INTEGER PRIMARY KEY,
  -- The recall decision number, typed or generated (TH-YYMMDD-NN); kept in the status events' data.recallRef.
  ref TEXT NOT NULL UNIQUE,
  reason TEXT NOT NULL,
  -- The sorted root lot ids ("1,5,9"): a recall started twice on the same lots is the same open recall.
  roots_key TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  hold_at TEXT,
  hold_by TEXT,
  hold_event_id INTEGER REFERENCES events(id),
  isolate_at TEXT,
  isolate_by TEXT,
  contact_at TEXT,
  contact_by TEXT,
  export_at TEXT,
  export_by TEXT,
  lifted_at TEXT,
  lifted_by TEXT,
  lift_reason TEXT,
  lift_event_id INTEGER REFERENCES events(id),
  request_key TEXT UNIQUE
) STRICT;
CREATE UNIQUE INDEX recalls_open_roots ON recalls(roots_key) WHERE lifted_at IS NULL;

-- The lots of a recall: its roots and, once held, every lot the hold changed (to lift exactly those).
CREATE TABLE recall_lots (
  recall_id INTEGER NOT NULL REFERENCES recalls(id),
  lot_id INTEGER NOT NULL REFERENCES lots(id),
  is_root INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (recall_id, lot_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX recall_lots_lot ON recall_lots(lot_id);

-- A mock recall drill: the timer runs from started_at until the scope is confirmed; the evidence
-- (what was found) is frozen as JSON so the record stays the same when the data grows later.
CREATE TABLE recall_drills (
  id INTEGER PRIMARY KEY,
  root_lot_ids TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  trainer TEXT,
  note TEXT,
  confirmed_at TEXT,
  duration_ms INTEGER,
  lots_count INTEGER,
  customers_count INTEGER,
  lots_with_stock INTEGER,
  evidence TEXT
) STRICT;
CREATE INDEX recall_drills_started ON recall_drills(started_at);
`,
};
