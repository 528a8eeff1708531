import type { Migration } from './index';

// Master data. Times are ISO-8601 strings with their offset (+07:00 by default). Records that other
// records refer to are archived, never deleted. `search` holds folded text for diacritic-free search.
export const m001_init: Migration = {
  version: 1,
  name: 'master data',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE business (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  tax_code TEXT NOT NULL,
  address TEXT NOT NULL,
  province TEXT,
  ward TEXT,
  phone TEXT,
  email TEXT,
  gln TEXT,
  gs1_company_prefix TEXT,
  logo TEXT,
  digital_link_domain TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT,
  gln TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('production','warehouse','shop','farm')),
  note TEXT,
  search TEXT NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX locations_gln ON locations(gln) WHERE gln IS NOT NULL;

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('raw','intermediate','finished','packaging')),
  name TEXT NOT NULL,
  code TEXT NOT NULL COLLATE NOCASE,
  gtin TEXT,
  gtin14 TEXT,
  unit TEXT NOT NULL,
  pack_size_milli INTEGER,
  pack_unit TEXT,
  net_quantity TEXT,
  shelf_life_days INTEGER,
  ingredients TEXT,
  storage TEXT,
  usage TEXT,
  warnings TEXT,
  brand TEXT,
  standard TEXT,
  declaration_no TEXT,
  origin TEXT,
  image TEXT,
  lot_pattern TEXT,
  search TEXT NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX products_code ON products(code);
-- GTIN-8/12/13/14 of one item are the same number once padded to 14 digits.
CREATE UNIQUE INDEX products_gtin14 ON products(gtin14) WHERE gtin14 IS NOT NULL;
CREATE INDEX products_name ON products(name);
CREATE INDEX products_updated ON products(updated_at);

-- Substring search over the folded text, indexed by trigrams so it stays fast at 100,000 rows.
CREATE VIRTUAL TABLE products_fts USING fts5(search, content='products', content_rowid='id', tokenize='trigram');
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN INSERT INTO products_fts(rowid, search) VALUES (new.id, new.search); END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN INSERT INTO products_fts(products_fts, rowid, search) VALUES ('delete', old.id, old.search); END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF search ON products BEGIN
  INSERT INTO products_fts(products_fts, rowid, search) VALUES ('delete', old.id, old.search);
  INSERT INTO products_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE INDEX products_search ON products(search);

CREATE TABLE partners (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('supplier','customer','both')),
  name TEXT NOT NULL,
  tax_code TEXT,
  address TEXT,
  phone TEXT,
  email TEXT,
  contact_person TEXT,
  gln TEXT,
  note TEXT,
  search TEXT NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX partners_name ON partners(name);

-- Substring search over the folded text, indexed by trigrams so it stays fast at 100,000 rows.
CREATE VIRTUAL TABLE partners_fts USING fts5(search, content='partners', content_rowid='id', tokenize='trigram');
CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners BEGIN INSERT INTO partners_fts(rowid, search) VALUES (new.id, new.search); END;
CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners BEGIN INSERT INTO partners_fts(partners_fts, rowid, search) VALUES ('delete', old.id, old.search); END;
CREATE TRIGGER partners_fts_update AFTER UPDATE OF search ON partners BEGIN
  INSERT INTO partners_fts(partners_fts, rowid, search) VALUES ('delete', old.id, old.search);
  INSERT INTO partners_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE INDEX partners_search ON partners(search);

-- Append-only record of who changed what (before/after), written in the same transaction as the change.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
