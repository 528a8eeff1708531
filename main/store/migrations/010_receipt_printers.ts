import type { Migration } from './index';

// Receipt printers (58/80 mm ESC/POS, continuous paper) print delivery slips, not labels: a profile says which
// kind it is, its paper width, the command set its firmware speaks (Epson ESC/POS or Star line mode), and what
// to do after a slip (cut, beep, open the cash drawer). A slip print job names its shipment.
export const m010_receipt_printers: Migration = {
  version: 10,
  name: 'receipt printers and delivery slips',
  sql: `
ALTER TABLE printers ADD COLUMN kind TEXT NOT NULL DEFAULT 'label' CHECK (kind IN ('label','receipt'));
ALTER TABLE printers ADD COLUMN paper_width_mm INTEGER CHECK (paper_width_mm IN (58,80));
ALTER TABLE printers ADD COLUMN command_set TEXT NOT NULL DEFAULT 'epson' CHECK (command_set IN ('epson','star'));
ALTER TABLE printers ADD COLUMN cut TEXT NOT NULL DEFAULT 'partial' CHECK (cut IN ('partial','full','none'));
ALTER TABLE printers ADD COLUMN beep INTEGER NOT NULL DEFAULT 0 CHECK (beep IN (0,1));
ALTER TABLE printers ADD COLUMN cash_drawer INTEGER NOT NULL DEFAULT 0 CHECK (cash_drawer IN (0,1));
ALTER TABLE print_jobs ADD COLUMN shipment_id INTEGER REFERENCES shipments(id);
CREATE INDEX print_jobs_shipment ON print_jobs(shipment_id) WHERE shipment_id IS NOT NULL;
`,
};
