// The file package for portals that take uploads (and for a USB stick): one ZIP with the EPCIS 2.0 JSON-LD
// document, the events spreadsheet (XLSX and CSV), the Circular 02/2024 per-product dataset and the product sheets
// for registering products on the national portal and verigoods.vn (./product-sheets.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import JSZip from 'jszip';
import type { Db } from '../store/db';
import type { Lang } from '../../shared/i18n/messages';
import { exportEpcisFile } from './epcis';
import { writeSheetCsvFile, writeSheetXlsx } from './sheet';
import { circularCsv, circularRows } from './circular';
import type { ExportFilter } from './select';
import { productSheetFiles, productSheets } from './product-sheets';

export type PackageResult = {
  file: string;
  events: number;
  rows: number;
  products: number;
  incompleteProducts: number;
};

export async function writePackage(
  db: Db,
  filter: ExportFilter,
  file: string,
  opts: { creationDate: string; lang: Lang },
): Promise<PackageResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-pkg-'));
  try {
    const ep = await exportEpcisFile(db, filter, path.join(tmp, 'epcis.jsonld'), { creationDate: opts.creationDate });
    const rows = await writeSheetXlsx(db, filter, path.join(tmp, 'su-kien.xlsx'), opts.lang);
    await writeSheetCsvFile(db, filter, path.join(tmp, 'su-kien.csv'), opts.lang);
    const circular = circularRows(db, opts.lang, filter);
    const ds = circular.filter((r) => r.lotCode === null);
    const dsCsv = circularCsv(circular, opts.lang);
    const zip = new JSZip();
    zip.file('epcis.jsonld', fs.createReadStream(path.join(tmp, 'epcis.jsonld')));
    zip.file('su-kien.xlsx', fs.createReadStream(path.join(tmp, 'su-kien.xlsx')));
    zip.file('su-kien.csv', fs.createReadStream(path.join(tmp, 'su-kien.csv')));
    zip.file('thong-tu-02-2024.csv', dsCsv);
    const sheets = productSheets(db, opts.lang);
    for (const [name, content] of productSheetFiles(sheets, opts.lang)) zip.file(name, content);
    zip.file(
      'DOC-TOI.txt',
      [
        'Gói dữ liệu truy xuất nguồn gốc — Nguồn Gốc',
        `Tạo lúc: ${opts.creationDate}`,
        `epcis.jsonld: ${ep.events} sự kiện EPCIS 2.0 (JSON-LD, đúng lược đồ GS1)`,
        `su-kien.xlsx / su-kien.csv: ${rows} dòng, mỗi dòng một lô trong một sự kiện`,
        `thong-tu-02-2024.csv: ${ds.length} sản phẩm, ${ds.filter((p) => p.missing.length).length} sản phẩm còn thiếu thông tin`,
        `san-pham.csv, san-pham/: ${sheets.length} phiếu sản phẩm (tên, GTIN, đơn vị, xuất xứ, mô tả, ảnh, doanh nghiệp) để đăng ký sản phẩm trên cổng quốc gia và verigoods.vn bằng sao chép`,
        '',
      ].join('\r\n'),
    );
    const out = fs.createWriteStream(file);
    zip
      .generateNodeStream({
        type: 'nodebuffer',
        streamFiles: true,
        compression: 'DEFLATE',
        compressionOptions: { level: 6 },
      })
      .pipe(out);
    await once(out, 'finish');
    return {
      file,
      events: ep.events,
      rows,
      products: ds.length,
      incompleteProducts: ds.filter((p) => p.missing.length).length,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
