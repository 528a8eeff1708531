import type { Migration } from './index';

// Labels and printing: user-made label templates (the shipped defaults live in code, shared/labels/defaults.ts),
// printer profiles, and the print log/queue. A print job keeps the exact spec it prints (template, frozen label
// data, printer settings), so a retry re-creates the same bytes; its status says whether it has printed, so a retry
// never prints twice unless asked.
export const m003_labels: Migration = {
  version: 3,
  name: 'labels and printing',
  sql: `
CREATE TABLE label_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('consumer','lot','carton')),
  -- The template as JSON (shared/labels/model.ts, sizes in mm).
  definition TEXT NOT NULL,
  -- The built-in template it was copied from, if any.
  based_on TEXT,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX label_templates_name ON label_templates(name) WHERE archived = 0;

CREATE TABLE printers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  uri TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('tspl','zpl','escpos','driver')),
  dpi INTEGER NOT NULL CHECK (dpi IN (203,300,600)),
  media TEXT NOT NULL CHECK (media IN ('gap','black_mark','continuous')),
  gap_mm REAL NOT NULL DEFAULT 2,
  -- The roll loaded in the printer (for the calibration label and the test print).
  label_width_mm REAL NOT NULL DEFAULT 50,
  label_height_mm REAL NOT NULL DEFAULT 30,
  -- Widest label the head prints (4-inch heads: 104 mm; 3-inch ESC/POS: 72 mm).
  head_width_mm REAL NOT NULL DEFAULT 104,
  offset_x_mm REAL NOT NULL DEFAULT 0,
  offset_y_mm REAL NOT NULL DEFAULT 0,
  darkness INTEGER NOT NULL DEFAULT 8 CHECK (darkness BETWEEN 0 AND 15),
  speed INTEGER NOT NULL DEFAULT 4 CHECK (speed BETWEEN 1 AND 12),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX printers_name ON printers(name) WHERE archived = 0;

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  user TEXT NOT NULL,
  lot_id INTEGER REFERENCES lots(id),
  lot_code TEXT,
  product_name TEXT,
  template_ref TEXT NOT NULL,
  template_name TEXT NOT NULL,
  printer_id INTEGER REFERENCES printers(id),
  printer_name TEXT,
  printer_uri TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('tspl','zpl','escpos','driver')),
  dpi INTEGER NOT NULL,
  copies INTEGER NOT NULL CHECK (copies > 0),
  serial_from INTEGER,
  -- queued → sending → done | failed; failed → queued again by a retry; cancelled by the user.
  status TEXT NOT NULL CHECK (status IN ('queued','sending','done','failed','cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_params TEXT,
  bytes INTEGER,
  sha256 TEXT,
  -- Everything needed to re-create the bytes: template, label data, printer settings (JSON).
  spec TEXT NOT NULL,
  -- "Print again" of a finished job is a new job pointing at the old one.
  reprint_of INTEGER REFERENCES print_jobs(id),
  request_key TEXT UNIQUE,
  started_at TEXT,
  finished_at TEXT
) STRICT;
CREATE INDEX print_jobs_status ON print_jobs(status, id);
CREATE INDEX print_jobs_lot ON print_jobs(lot_id);
CREATE INDEX print_jobs_created ON print_jobs(created_at);
`,
};
