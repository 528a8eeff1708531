import type { Migration } from './index';

/** Recomputes every usable total from `lot_stock` (run by this migration and by a stock rebuild that fixes). */
export const USABLE_TOTALS_BACKFILL = `
DELETE FROM usable_totals;
INSERT INTO usable_totals (product_id, location_id, qty_milli)
  SELECT l.product_id, s.location_id, SUM(s.qty_milli) FROM lot_stock s JOIN lots l ON l.id = s.lot_id
  WHERE l.status = 'available' GROUP BY l.product_id, s.location_id;
`;

/** Recounts the outbox (this migration, and anything that must trust the counter again). */
export const OUTBOX_COUNTS_BACKFILL = `
DELETE FROM outbox_count;
INSERT INTO outbox_count (id, n) SELECT 1, COUNT(*) FROM outbox;
DELETE FROM outbox_status_count;
INSERT INTO outbox_status_count (portal_id, status, n)
  SELECT portal_id, status, COUNT(*) FROM outbox_status GROUP BY portal_id, status;
`;

// Totals that a batch form and the sync screen read on every visit, kept by triggers so they are right
// whatever code path writes stock or the outbox, in the same transaction as the write.
//
// usable_totals: per product and location, the stock of its lots whose status is 'available' (expired lots
// included: expiry depends on the day asked, so a proposal subtracts the few expired lots itself). A FEFO
// proposal then knows whether one location can cover a need without reading every lot in stock, and walks
// lots_fefo in first-expired-first-out order only as far as the need plus the alternatives shown.
//
// outbox_count / outbox_status_count: the number of outbox items, and of status rows per portal and status,
// so the sync screen does not count a million rows.
export const m012_usable_totals: Migration = {
  version: 12,
  name: 'usable totals and outbox counters',
  sql: `
CREATE TABLE IF NOT EXISTS usable_totals (
  -- Derived data rebuilt from lot_stock: no foreign keys, so a damaged file's report names the real tables.
  product_id INTEGER NOT NULL,
  location_id INTEGER NOT NULL,
  qty_milli INTEGER NOT NULL,
  PRIMARY KEY (product_id, location_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS usable_totals_stock_insert AFTER INSERT ON lot_stock BEGIN
  INSERT INTO usable_totals (product_id, location_id, qty_milli)
    SELECT product_id, NEW.location_id, NEW.qty_milli FROM lots WHERE id = NEW.lot_id AND status = 'available'
    ON CONFLICT (product_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
END;
CREATE TRIGGER IF NOT EXISTS usable_totals_stock_update AFTER UPDATE OF qty_milli ON lot_stock BEGIN
  INSERT INTO usable_totals (product_id, location_id, qty_milli)
    SELECT product_id, NEW.location_id, NEW.qty_milli - OLD.qty_milli FROM lots WHERE id = NEW.lot_id AND status = 'available'
    ON CONFLICT (product_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
END;
CREATE TRIGGER IF NOT EXISTS usable_totals_stock_delete AFTER DELETE ON lot_stock BEGIN
  UPDATE usable_totals SET qty_milli = qty_milli - OLD.qty_milli
    WHERE location_id = OLD.location_id
      AND product_id = (SELECT product_id FROM lots WHERE id = OLD.lot_id AND status = 'available');
END;
-- A lot becoming available adds its stock everywhere; one leaving 'available' takes it away (and a lot
-- moved to another product, which only a repair tool does, moves its stock with it).
CREATE TRIGGER IF NOT EXISTS usable_totals_lot_change AFTER UPDATE OF status, product_id ON lots
  WHEN (OLD.status = 'available') <> (NEW.status = 'available') OR OLD.product_id <> NEW.product_id BEGIN
  INSERT INTO usable_totals (product_id, location_id, qty_milli)
    SELECT OLD.product_id, s.location_id, -s.qty_milli FROM lot_stock s WHERE s.lot_id = OLD.id AND OLD.status = 'available'
    ON CONFLICT (product_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
  INSERT INTO usable_totals (product_id, location_id, qty_milli)
    SELECT NEW.product_id, s.location_id, s.qty_milli FROM lot_stock s WHERE s.lot_id = NEW.id AND NEW.status = 'available'
    ON CONFLICT (product_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
END;

-- Lots in stock in first-expired-first-out order (fefoCompare): no expiry and no production date sort last.
CREATE INDEX IF NOT EXISTS lots_fefo ON lots (product_id, coalesce(expiry_date, '9999-12-31'),
  coalesce(production_date, '9999-12-31'), id) WHERE balance_milli > 0 AND status = 'available';

CREATE TABLE IF NOT EXISTS outbox_count (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS outbox_status_count (
  portal_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (portal_id, status)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS outbox_count_insert AFTER INSERT ON outbox BEGIN
  UPDATE outbox_count SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS outbox_count_delete AFTER DELETE ON outbox BEGIN
  UPDATE outbox_count SET n = n - 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS outbox_status_count_insert AFTER INSERT ON outbox_status BEGIN
  INSERT INTO outbox_status_count (portal_id, status, n) VALUES (NEW.portal_id, NEW.status, 1)
    ON CONFLICT (portal_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS outbox_status_count_update AFTER UPDATE OF portal_id, status ON outbox_status
  WHEN OLD.portal_id <> NEW.portal_id OR OLD.status <> NEW.status BEGIN
  UPDATE outbox_status_count SET n = n - 1 WHERE portal_id = OLD.portal_id AND status = OLD.status;
  INSERT INTO outbox_status_count (portal_id, status, n) VALUES (NEW.portal_id, NEW.status, 1)
    ON CONFLICT (portal_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS outbox_status_count_delete AFTER DELETE ON outbox_status BEGIN
  UPDATE outbox_status_count SET n = n - 1 WHERE portal_id = OLD.portal_id AND status = OLD.status;
END;
${USABLE_TOTALS_BACKFILL}
${OUTBOX_COUNTS_BACKFILL}
`,
};
