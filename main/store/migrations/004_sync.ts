import type { Migration } from './index';

// Sync to traceability portals: portal settings, the outbox and per-portal delivery status.
//
// The outbox is filled by TRIGGERS, not by the services that record: an event (or a master-data change a portal
// needs) and its outbox item are then written by the same statement, hence in the same transaction, whatever
// service or future code path records it. Nothing recorded can be missed by sync, and a rolled-back business action
// leaves no outbox item behind. Delivery status is kept per item per portal in `outbox_status`; an item with no
// status row for a portal is pending for it, so a portal added later receives the whole history.
export const m004_sync: Migration = {
  version: 4,
  name: 'sync outbox',
  sql: `
CREATE TABLE portals (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('epcis','file')),
  url TEXT,
  auth TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none','bearer','basic','oauth2')),
  -- Non-secret settings (JSON): clientId, tokenUrl, username, scope, timeoutMs, batchSize.
  settings TEXT NOT NULL DEFAULT '{}',
  -- Secret (token, password or client secret), sealed by a SecretStore; never logged or exported.
  secret_sealed TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_sync_at TEXT,
  last_sync_result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('event','masterdata')),
  event_row_id INTEGER REFERENCES events(id),
  entity TEXT CHECK (entity IN ('business','location','product','partner')),
  entity_id INTEGER,
  created_at TEXT NOT NULL,
  CHECK ((kind = 'event' AND event_row_id IS NOT NULL) OR (kind = 'masterdata' AND entity IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX outbox_event ON outbox(event_row_id) WHERE event_row_id IS NOT NULL;
CREATE INDEX outbox_entity ON outbox(entity, entity_id) WHERE entity IS NOT NULL;

CREATE TABLE outbox_status (
  item_id INTEGER NOT NULL REFERENCES outbox(id),
  portal_id INTEGER NOT NULL REFERENCES portals(id),
  status TEXT NOT NULL CHECK (status IN ('pending','sending','accepted','rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Why the portal refused it, in words for the shop owner (vi + en), and the portal's raw answer.
  reason_vi TEXT,
  reason_en TEXT,
  raw_answer TEXT,
  -- The portal's receipt: capture job id (EPCIS) or file name (package).
  receipt TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (item_id, portal_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX outbox_status_portal ON outbox_status(portal_id, status);

-- One row per sync run: the last sync time and result shown on the sync screen.
CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  portal_id INTEGER NOT NULL REFERENCES portals(id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT CHECK (outcome IN ('done','partial','failed','stopped')),
  sent INTEGER NOT NULL DEFAULT 0,
  accepted INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  message TEXT
) STRICT;
CREATE INDEX sync_runs_portal ON sync_runs(portal_id, id);

-- Every event is queued by the insert that records it.
CREATE TRIGGER outbox_event_insert AFTER INSERT ON events BEGIN
  INSERT INTO outbox(kind, event_row_id, created_at) VALUES ('event', NEW.id, NEW.recorded_at);
END;

-- Master data: one pending item per entity is enough (the current state is sent), so a new item is added only
-- when every existing item of that entity has already been taken up by some portal.
CREATE TRIGGER outbox_business_insert AFTER INSERT ON business BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'business', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'business' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_business_update AFTER UPDATE ON business BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'business', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'business' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_location_insert AFTER INSERT ON locations BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'location', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'location' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_location_update AFTER UPDATE ON locations BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'location', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'location' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_product_insert AFTER INSERT ON products BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'product', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'product' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_product_update AFTER UPDATE ON products BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'product', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'product' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_partner_insert AFTER INSERT ON partners BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'partner', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'partner' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;
CREATE TRIGGER outbox_partner_update AFTER UPDATE ON partners BEGIN
  INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'partner', NEW.id, NEW.updated_at
  WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'partner' AND o.entity_id = NEW.id AND NOT EXISTS (SELECT 1 FROM outbox_status s WHERE s.item_id = o.id));
END;

-- Records made before this migration are queued too (a database upgraded from an older version).
INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'business', id, updated_at FROM business;
INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'location', id, updated_at FROM locations;
INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'product', id, updated_at FROM products;
INSERT INTO outbox(kind, entity, entity_id, created_at) SELECT 'masterdata', 'partner', id, updated_at FROM partners;
INSERT INTO outbox(kind, event_row_id, created_at) SELECT 'event', id, recorded_at FROM events ORDER BY id;
`,
};
