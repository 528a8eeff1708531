// Exports: the EPCIS document validates against the official GS1 schema (ajv draft-07 + formats), carries
// corrections as error declarations, and the spreadsheet re-read with exceljs matches the events.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { TraceWorld } from '../helpers/trace-factory';
import { tempDir, aBusiness } from '../helpers/core';
import { exportEpcisFile } from '../../main/exports/epcis';
import { writeSheetCsvFile, writeSheetXlsx, SHEET_COLUMNS } from '../../main/exports/sheet';
import { writePackage } from '../../main/exports/package';
import { circularDataset } from '../../main/exports/circular';
import { validateEpcis } from '../../main/epcis/schema';
import { checkEpcisRules } from '../../main/epcis/rules';
import { privateUri } from '../../main/epcis/ids';
import { withCheckDigit } from '../../shared/gs1';

function world() {
  const w = new TraceWorld();
  const a = w.receive('HAT', 100);
  const b = w.receive('MUOI', 10);
  const [out, byProduct] = w.batch('HDRM', [
    {
      qty: 80,
      inputs: [
        { lot: a, qty: 90 },
        { lot: b, qty: 2 },
      ],
    },
    { qty: 5, inputs: [{ lot: a, qty: 5 }] },
  ]);
  w.ship(out, 20);
  w.correctInput(out, b, 1.5);
  const wrong = w.receive('HAT', 3);
  w.reverse(wrong.eventId);
  w.core.run('lots.setStatus', {
    lotIds: [byProduct.id],
    status: 'recalled',
    reason: 'Thu hồi thử',
    recallRef: 'TH-01',
  });
  return { w, a, b, out };
}

describe('EPCIS export', () => {
  it('validates against the official schema, with corrections as error declarations', async () => {
    const { w } = world();
    const file = path.join(tempDir(), 'all.jsonld');
    const r = await exportEpcisFile(w.core.db, {}, file, { creationDate: '2026-11-29T08:00:00+07:00' });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const v = validateEpcis(doc);
    expect(v).toEqual({ ok: true });
    expect(checkEpcisRules(doc)).toEqual([]);
    const events = doc.epcisBody.eventList as Record<string, unknown>[];
    expect(events.length).toBe(r.events);
    const types = events.map((e) => e.type);
    expect(types).toContain('TransformationEvent');
    const t = events.find((e) => e.type === 'TransformationEvent' && !e.errorDeclaration)!;
    expect((t.inputQuantityList as unknown[]).length).toBe(2);
    expect((t.outputQuantityList as { uom: string }[])[0].uom).toBe('KGM');
    const declared = events.filter((e) => e.errorDeclaration);
    expect(declared.length).toBe(2);
    // The partial correction has a corrective event with the corrected quantity (1.5 kg of salt).
    const partial = declared.find((e) => (e.errorDeclaration as { reason: string }).reason === 'incorrect_data')!;
    const correctiveId = (partial.errorDeclaration as { correctiveEventIDs: string[] }).correctiveEventIDs[0];
    const corrective = events.find((e) => e.eventID === correctiveId && !e.errorDeclaration) as {
      inputQuantityList: { quantity: number }[];
    };
    expect(corrective.inputQuantityList.map((q) => q.quantity).sort()).toEqual([1.5, 90]);
    // The full reversal declares the event did not occur, with no corrective event.
    expect(declared.some((e) => (e.errorDeclaration as { reason: string }).reason === 'did_not_occur')).toBe(true);
    // Recall: a private bizStep URI; disposition from CBV.
    expect(events.some((e) => e.disposition === 'recalled')).toBe(true);
    // Master data of the products mentioned.
    expect(doc.epcisHeader.epcisMasterData.vocabularyList.length).toBeGreaterThan(0);
    // Every eventID in the store appears.
    const ids = w.core.db
      .prepare("SELECT event_id FROM events WHERE kind <> 'correction' OR id IN (SELECT id FROM events)")
      .pluck()
      .all() as string[];
    const exported = new Set(events.map((e) => e.eventID));
    for (const id of ids.filter((i) => !exported.has(i))) {
      // Only corrections that fully reverse produce no event of their own.
      expect(w.core.db.prepare('SELECT kind FROM events WHERE event_id = ?').pluck().get(id)).toBe('correction');
    }
  });

  it('uses Digital Link / EPC URNs with a GTIN and the private scheme without', async () => {
    const { w, a } = world();
    w.core.run('business.update', aBusiness({ gs1CompanyPrefix: '952000' }));
    const productId = w.core.db.prepare('SELECT product_id FROM lots WHERE id = ?').pluck().get(a.id) as number;
    const gtin = withCheckDigit('952000000001');
    w.core.db
      .prepare('UPDATE products SET gtin = ?, gtin14 = ? WHERE id = ?')
      .run(gtin, gtin.padStart(14, '0'), productId);
    const file = path.join(tempDir(), 'lot.jsonld');
    await exportEpcisFile(w.core.db, { lots: [a.code] }, file, { creationDate: '2026-11-29T08:00:00+07:00' });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(validateEpcis(doc)).toEqual({ ok: true });
    const classes = JSON.stringify(doc.epcisBody.eventList);
    expect(classes).toContain(`urn:epc:class:lgtin:952000.0000001.${a.code}`);
    expect(classes).toMatch(/urn:nguongoc:0300588569:product:/);
    expect(
      privateUri(
        { taxCode: '0300588569', gs1CompanyPrefix: null, digitalLinkDomain: 'https://qr.example.vn/' },
        'product',
        'HĐ 1',
        'lot',
        'L/1',
      ),
    ).toBe('https://qr.example.vn/nguongoc/product/H%C4%90%201/lot/L%2F1');
  });

  it('writes a spreadsheet that re-reads to the same events (XLSX and BOM CSV) and a ZIP package', async () => {
    const { w } = world();
    const dir = tempDir();
    const n = await writeSheetXlsx(w.core.db, {}, path.join(dir, 's.xlsx'), 'vi');
    const lines = w.core.db
      .prepare(
        'SELECT e.event_id, l.code, x.qty_milli FROM event_lines x JOIN events e ON e.id = x.event_id JOIN lots l ON l.id = x.lot_id ORDER BY e.event_time, e.id, x.id',
      )
      .all() as { event_id: string; code: string; qty_milli: number }[];
    expect(n).toBe(lines.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 's.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...SHEET_COLUMNS.map((c) => c.vi)]);
    const col = (k: string) => SHEET_COLUMNS.findIndex((c) => c.key === k) + 1;
    for (let i = 0; i < lines.length; i++) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('eventId')).value).toBe(lines[i].event_id);
      expect(row.getCell(col('lotCode')).value).toBe(lines[i].code);
      expect(row.getCell(col('quantity')).value).toBe(lines[i].qty_milli / 1000);
      // A real date cell, shown day/month/year.
      expect(row.getCell(col('time')).value).toBeInstanceOf(Date);
      expect(row.getCell(col('time')).numFmt).toBe('dd/mm/yyyy hh:mm');
    }
    await writeSheetCsvFile(w.core.db, {}, path.join(dir, 'vi.csv'), 'vi');
    const vi = fs.readFileSync(path.join(dir, 'vi.csv'), 'utf8').split('\r\n');
    expect(vi[0].startsWith('\ufeffLoại sự kiện;Ngày giờ;')).toBe(true);
    expect(vi.some((l) => /;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};/.test(l))).toBe(true);
    expect(vi.some((l) => /;-?\d+,\d+;/.test(l))).toBe(true);
    const production = lines.findIndex((l, i) => ws.getRow(i + 2).getCell(col('inputLots')).value);
    expect(production).toBeGreaterThanOrEqual(0);
    await writeSheetCsvFile(w.core.db, {}, path.join(dir, 's.csv'), 'en');
    const csv = fs.readFileSync(path.join(dir, 's.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').trim().split('\r\n').length).toBe(lines.length + 1);
    const pkg = await writePackage(w.core.db, {}, path.join(dir, 'p.zip'), {
      creationDate: '2026-11-29T08:00:00+07:00',
      lang: 'vi',
    });
    const zip = await JSZip.loadAsync(fs.readFileSync(pkg.file));
    expect(
      Object.keys(zip.files)
        .filter((f) => !f.startsWith('san-pham/'))
        .sort(),
    ).toEqual(['DOC-TOI.txt', 'epcis.jsonld', 'san-pham.csv', 'su-kien.csv', 'su-kien.xlsx', 'thong-tu-02-2024.csv']);
    // A product sheet per product, to register it on the national portal / verigoods by copy and paste.
    const sheet = await zip.file('san-pham/HDRM.txt')!.async('string');
    expect(sheet).toContain('Tên sản phẩm: Sản phẩm HDRM');
    expect(sheet).toContain(`Mã số thuế: ${aBusiness().taxCode}`);
    expect(sheet).toMatch(/Đơn vị tính: \S+/);
    const sheetsCsv = await zip.file('san-pham.csv')!.async('string');
    expect(sheetsCsv.split('\r\n')[0]).toContain('Tên sản phẩm,Mã GTIN,Đơn vị tính,Xuất xứ');
    expect(validateEpcis(JSON.parse(await zip.file('epcis.jsonld')!.async('string')))).toEqual({ ok: true });
  });

  it('lists what the Circular 02/2024 dataset misses per product', () => {
    const { w } = world();
    const ds = circularDataset(w.core.db, 'vi');
    const hdrm = ds.find((p) => p.code === 'HDRM')!;
    expect(hdrm.values.name).toBe('Sản phẩm HDRM');
    expect(hdrm.values.producer).toBe(aBusiness().name);
    expect(hdrm.missing).toEqual(expect.arrayContaining(['image', 'traceCode', 'standard']));
    expect(hdrm.missingText).toMatch(/GTIN/);
    // Item 5 lists the stages, not a count; places are flagged until every one has a GLN.
    expect(hdrm.values.stages).not.toMatch(/bản ghi/);
    expect(hdrm.missingText).toMatch(/GLN/);
    for (const id of w.core.db.prepare('SELECT id FROM locations WHERE gln IS NULL').pluck().all() as number[])
      w.core.db.prepare('UPDATE locations SET gln = ? WHERE id = ?').run(withCheckDigit(`95212340000${id}`), id);
    expect(circularDataset(w.core.db, 'vi').find((p) => p.code === 'HDRM')!.missingText).not.toMatch(/GLN/);
  });
});
