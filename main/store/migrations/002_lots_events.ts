import type { Migration } from './index';

// Lots and the event store. Events are the source of truth, shaped one-to-one like EPCIS 2.0 events
// (see docs/events.md); `lots.balance_milli`, `lots.status` and `lot_stock` are maintained in the same
// transaction as the event that changes them and can be rebuilt from events. Events and their lines
// are append-only (triggers refuse UPDATE/DELETE): a correction is a new event pointing at the old one.
export const m002_lots_events: Migration = {
  version: 2,
  name: 'lots and events',
  sql: `
CREATE TABLE lots (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  code TEXT NOT NULL,
  supplier_lot_code TEXT,
  supplier_id INTEGER REFERENCES partners(id),
  production_date TEXT,
  expiry_date TEXT,
  unit TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('receipt','production','opening')),
  status TEXT NOT NULL DEFAULT 'available'
    CHECK (status IN ('available','on_hold','quarantined','rejected','recalled','destroyed')),
  balance_milli INTEGER NOT NULL DEFAULT 0 CHECK (balance_milli >= 0),
  -- Snapshot of the product's label data when the lot was made (reprints match the original).
  label_data TEXT,
  created_event_id INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (product_id, code)
) STRICT;
CREATE INDEX lots_code ON lots(code);
CREATE INDEX lots_supplier_code ON lots(supplier_lot_code) WHERE supplier_lot_code IS NOT NULL;
CREATE INDEX lots_product_expiry ON lots(product_id, expiry_date);

-- Balance of each lot at each location (derived, maintained with the events).
CREATE TABLE lot_stock (
  lot_id INTEGER NOT NULL REFERENCES lots(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty_milli INTEGER NOT NULL CHECK (qty_milli >= 0),
  PRIMARY KEY (lot_id, location_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lot_stock_location ON lot_stock(location_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  -- EPCIS eventID, fixed when recorded ("urn:uuid:<uuid v4>"): a resend is recognised as the same event.
  event_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt','production','shipment','transfer','status','correction','opening')),
  epcis_type TEXT NOT NULL CHECK (epcis_type IN ('ObjectEvent','TransformationEvent')),
  action TEXT CHECK (action IN ('ADD','OBSERVE','DELETE')),
  biz_step TEXT NOT NULL,
  disposition TEXT,
  event_time TEXT NOT NULL,
  event_time_zone_offset TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  source_partner_id INTEGER REFERENCES partners(id),
  destination_partner_id INTEGER REFERENCES partners(id),
  destination_location_id INTEGER REFERENCES locations(id),
  document_ref TEXT,
  -- Groups the events of one business document (a receipt, a batch, a shipment).
  doc_type TEXT CHECK (doc_type IN ('receipt','batch','shipment','recall')),
  doc_id INTEGER,
  user TEXT NOT NULL,
  reason TEXT,
  corrects_event_id INTEGER REFERENCES events(id),
  -- Idempotency key sent by a form: two saves of the same form record one event.
  request_key TEXT UNIQUE,
  data TEXT
) STRICT;
CREATE INDEX events_time ON events(event_time);
CREATE INDEX events_doc ON events(doc_type, doc_id);
CREATE INDEX events_corrects ON events(corrects_event_id) WHERE corrects_event_id IS NOT NULL;
CREATE INDEX events_source ON events(source_partner_id) WHERE source_partner_id IS NOT NULL;
CREATE INDEX events_destination ON events(destination_partner_id) WHERE destination_partner_id IS NOT NULL;

-- One line per lot and quantity in an event. For a TransformationEvent, 'input' lines are consumed and
-- 'output' lines produced; ObjectEvents carry 'object' lines. stock_delta_milli is the signed effect on
-- the lot's balance at location_id (0 for status events), so balances rebuild as SUM(stock_delta_milli).
CREATE TABLE event_lines (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  role TEXT NOT NULL CHECK (role IN ('object','input','output')),
  lot_id INTEGER NOT NULL REFERENCES lots(id),
  qty_milli INTEGER NOT NULL,
  unit TEXT NOT NULL,
  stock_delta_milli INTEGER NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  -- A correction line points at the line it corrects (e.g. a reversed consumption).
  corrects_line_id INTEGER REFERENCES event_lines(id)
) STRICT;
CREATE INDEX event_lines_lot ON event_lines(lot_id, role);
CREATE INDEX event_lines_event ON event_lines(event_id, role);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_lines_no_update BEFORE UPDATE ON event_lines BEGIN SELECT RAISE(ABORT, 'event lines are append-only'); END;
CREATE TRIGGER event_lines_no_delete BEFORE DELETE ON event_lines BEGIN SELECT RAISE(ABORT, 'event lines are append-only'); END;
-- ---------- Business documents: the headers the user fills in; their events carry doc_type/doc_id. ----------

-- A delivery from a supplier (nhập hàng). Each line-lot is one 'receipt' event.
CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES partners(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  receipt_date TEXT NOT NULL,
  document_ref TEXT,
  note TEXT,
  user TEXT NOT NULL,
  request_key TEXT UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX receipts_date ON receipts(receipt_date);
CREATE INDEX receipts_supplier ON receipts(supplier_id);

-- A recipe (công thức) makes one product. Its content lives in immutable versions: editing a recipe adds
-- a version, and a batch points at the version it used, so history never changes.
CREATE TABLE recipes (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  current_version_id INTEGER,
  search TEXT NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX recipes_product ON recipes(product_id);

CREATE TABLE recipe_versions (
  id INTEGER PRIMARY KEY,
  recipe_id INTEGER NOT NULL REFERENCES recipes(id),
  version INTEGER NOT NULL,
  -- The batch the input quantities are written for (e.g. 100 kg of output).
  batch_size_milli INTEGER NOT NULL CHECK (batch_size_milli > 0),
  batch_unit TEXT NOT NULL,
  input_mode TEXT NOT NULL CHECK (input_mode IN ('quantity','percent')),
  -- Expected output / input mass in percent and expected loss in percent (both in thousandths of a percent).
  yield_pct_milli INTEGER CHECK (yield_pct_milli IS NULL OR yield_pct_milli > 0),
  loss_pct_milli INTEGER CHECK (loss_pct_milli IS NULL OR loss_pct_milli >= 0),
  steps TEXT,
  note TEXT,
  user TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (recipe_id, version)
) STRICT;

-- Inputs and by-products of one recipe version. input_mode 'quantity': qty_milli in unit per batch_size;
-- 'percent': pct_milli = thousandths of a percent of the batch size (converted to the input's unit).
CREATE TABLE recipe_lines (
  id INTEGER PRIMARY KEY,
  recipe_version_id INTEGER NOT NULL REFERENCES recipe_versions(id),
  line_no INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('input','by_product')),
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty_milli INTEGER,
  pct_milli INTEGER,
  unit TEXT NOT NULL,
  note TEXT,
  UNIQUE (recipe_version_id, line_no)
) STRICT;
CREATE INDEX recipe_lines_product ON recipe_lines(product_id);

-- A production batch (mẻ sản xuất). One 'production' TransformationEvent per output lot.
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  product_id INTEGER NOT NULL REFERENCES products(id),
  recipe_version_id INTEGER REFERENCES recipe_versions(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  production_date TEXT NOT NULL,
  size_milli INTEGER,
  unit TEXT NOT NULL,
  operator TEXT,
  -- Frozen figures and the warning shown when saved (JSON, see docs/events.md).
  mass_balance TEXT,
  note TEXT,
  user TEXT NOT NULL,
  request_key TEXT UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX batches_date ON batches(production_date);
CREATE INDEX batches_product ON batches(product_id);
CREATE INDEX batches_recipe_version ON batches(recipe_version_id) WHERE recipe_version_id IS NOT NULL;

-- A shipment (xuất hàng) to a customer, or an internal transfer between own locations.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('customer','transfer')),
  customer_id INTEGER REFERENCES partners(id),
  from_location_id INTEGER NOT NULL REFERENCES locations(id),
  to_location_id INTEGER REFERENCES locations(id),
  ship_date TEXT NOT NULL,
  document_ref TEXT,
  vehicle_plate TEXT,
  driver TEXT,
  note TEXT,
  user TEXT NOT NULL,
  request_key TEXT UNIQUE,
  created_at TEXT NOT NULL,
  CHECK ((kind = 'customer' AND customer_id IS NOT NULL) OR (kind = 'transfer' AND to_location_id IS NOT NULL))
) STRICT;
CREATE INDEX shipments_date ON shipments(ship_date);
CREATE INDEX shipments_customer ON shipments(customer_id) WHERE customer_id IS NOT NULL;

-- Counters for generated codes: 'lot:<productId>:<prefix>' → last {SEQ}; 'batch:<YYMMDD>' → last batch number.
CREATE TABLE code_counters (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX lots_status ON lots(status) WHERE status <> 'available';
CREATE INDEX lots_expiry ON lots(expiry_date) WHERE balance_milli > 0;
-- FEFO proposals look only at lots with stock, however many used-up lots a product has.
CREATE INDEX lots_in_stock ON lots(product_id, expiry_date) WHERE balance_milli > 0;
CREATE INDEX event_lines_corrects ON event_lines(corrects_line_id) WHERE corrects_line_id IS NOT NULL;

CREATE TRIGGER recipe_versions_no_update BEFORE UPDATE ON recipe_versions BEGIN SELECT RAISE(ABORT, 'recipe versions are immutable'); END;
CREATE TRIGGER recipe_lines_no_update BEFORE UPDATE ON recipe_lines BEGIN SELECT RAISE(ABORT, 'recipe versions are immutable'); END;
`,
};
