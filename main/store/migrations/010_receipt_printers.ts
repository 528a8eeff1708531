import type { Migration } from './index';

// Receipt printers (58/80 mm ESC/POS, continuous paper) print delivery slips, not labels: a printer profile with a
// row here is a receipt printer, with its paper width, the command set its firmware speaks (Epson ESC/POS or
// Star line mode) and what follows a slip (cut, beep, cash drawer). A slip's print job names its shipment.
// Tables of their own rather than new columns, so the migration can run again on a file that has it.
export const m010_receipt_printers: Migration = {
  version: 10,
  name: 'receipt printers and delivery slips',
  sql: `
CREATE TABLE IF NOT EXISTS receipt_printers (
  printer_id INTEGER PRIMARY KEY REFERENCES printers(id),
  paper_width_mm INTEGER NOT NULL CHECK (paper_width_mm IN (58,80)),
  command_set TEXT NOT NULL CHECK (command_set IN ('epson','star')),
  cut TEXT NOT NULL CHECK (cut IN ('partial','full','none')),
  beep INTEGER NOT NULL CHECK (beep IN (0,1)),
  cash_drawer INTEGER NOT NULL CHECK (cash_drawer IN (0,1))
) STRICT;
CREATE TABLE IF NOT EXISTS print_job_shipments (
  job_id INTEGER PRIMARY KEY REFERENCES print_jobs(id),
  shipment_id INTEGER NOT NULL REFERENCES shipments(id)
) STRICT;
CREATE INDEX IF NOT EXISTS print_job_shipments_shipment ON print_job_shipments(shipment_id);
`,
};
