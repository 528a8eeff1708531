// Import from Excel/CSV: templates, preview by row and column, all-or-nothing import or
// valid rows only, and bad input (headers, empty rows, duplicates, dates, check digits, formulas, size).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { IMPORT_MAX_ROWS } from '../../shared/api/imports';
import { aBusiness, aLocation, demoGtin, makeCore } from '../helpers/core';

async function xlsx(rows: unknown[][], patch?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  for (const r of rows) ws.addRow(r);
  patch?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (text: string) => Buffer.from('\ufeff' + text, 'utf8').toString('base64');
const PRODUCT_HEADER = ['Mã sản phẩm *', 'Tên sản phẩm *', 'Loại *', 'Đơn vị *', 'Mã vạch GTIN', 'Hạn dùng (ngày)'];

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('import', () => {
  it('templates have Vietnamese headers and an example row that imports cleanly', async () => {
    const core = makeCore();
    core.run('business.update', aBusiness());
    for (const kind of ['products', 'partners', 'recipes', 'opening'] as const) {
      const t = core.run('imports.template', { kind });
      expect(t.fileName).toMatch(/^mau-nhap-.*\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
      const header = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
      expect(header.some((h) => /[ăâđêôơư]/i.test(h))).toBe(true);
      expect(wb.worksheets[0].rowCount).toBe(2);
    }
    const t = core.run('imports.template', { kind: 'products' });
    const preview = core.run('imports.preview', { kind: 'products', fileName: t.fileName, base64: t.base64 });
    expect(preview).toMatchObject({ rows: 1, validRows: 1, invalidRows: 0, problemCount: 0 });
    expect(core.run('products.list', {}).total).toBe(0); // a preview writes nothing
    core.close();
  });

  it('names each problem by row and column; nothing is imported until clean or valid-only', async () => {
    const core = makeCore();
    const base64 = await xlsx(
      [
        PRODUCT_HEADER,
        ['HD-1', 'Hạt điều rang muối', 'Thành phẩm', 'hũ', demoGtin(901), 180],
        [],
        ['HD-2', 'Hạt điều sống', 'nguyen lieu', 'kg', '9520000009016', null], // wrong check digit
        ['HD-1', 'Trùng mã', 'Thành phẩm', 'kg', null, null], // duplicate code
        ['HD-3', 'Điều tẩm', 'Món ngon', 'kg', null, null], // unknown kind
        ['HD-4', 'Điều công thức', 'Thành phẩm', 'kg', null, null], // formula without a result (below)
        ['HD-5', 'Điều có công thức tính sẵn', 'Thành phẩm', 'kg', null, null],
        [null, 'Không mã', 'Thành phẩm', 'kg', null, null],
      ],
      (ws) => {
        ws.getCell('F7').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
        ws.getCell('F8').value = { formula: '90*2', result: 180 } as ExcelJS.CellFormulaValue;
      },
    );
    const preview = core.run('imports.preview', { kind: 'products', fileName: 'sp.xlsx', base64 });
    expect(preview.rows).toBe(7); // the empty row is skipped
    expect(preview.validRows).toBe(2);
    const byRow = Object.fromEntries(preview.problems.map((p) => [p.row, p]));
    expect(byRow[4]).toMatchObject({ column: 'Mã vạch GTIN', code: 'GTIN_CHECK_DIGIT' });
    expect(byRow[4].message).toContain('số cuối phải là');
    expect(byRow[5]).toMatchObject({ column: 'Mã sản phẩm', code: 'IMPORT_DUPLICATE_IN_FILE' });
    expect(byRow[5].message).toContain('dòng 2');
    expect(byRow[6]).toMatchObject({ column: 'Loại', code: 'IMPORT_CHOICE' });
    expect(byRow[7]).toMatchObject({ column: 'Hạn dùng (ngày)', code: 'IMPORT_FORMULA' });
    expect(byRow[9]).toMatchObject({ column: 'Mã sản phẩm', code: 'REQUIRED' });

    const err = failure(() => core.run('imports.commit', { kind: 'products', fileName: 'sp.xlsx', base64 }));
    expect(err.code).toBe('IMPORT_NOT_CLEAN');
    expect(core.run('products.list', {}).total).toBe(0);
    const result = core.run('imports.commit', { kind: 'products', fileName: 'sp.xlsx', base64, onlyValid: true });
    expect(result).toMatchObject({ imported: 2, skipped: 5 });
    expect(core.run('products.list', { sort: 'code' }).items.map((p) => [p.code, p.shelfLifeDays])).toEqual([
      ['HD-1', 180],
      ['HD-5', 180],
    ]);
    // A second import of the same codes is refused by the product service itself.
    const again = core.run('imports.preview', { kind: 'products', fileName: 'sp.xlsx', base64 });
    expect(again.problems.find((p) => p.row === 2)).toMatchObject({ column: 'Mã sản phẩm', code: 'DUPLICATE' });
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'imports.commit'").pluck().get()).toBe(1);
    core.close();
  });

  it('reads an XLSX whose zip the streaming reader cannot parse (stored entries with data descriptors)', async () => {
    const core = makeCore();
    const packed = await JSZip.loadAsync(
      Buffer.from(await xlsx([PRODUCT_HEADER, ['HD-1', 'Hạt điều', 'Thành phẩm', 'kg']]), 'base64'),
    );
    const stored = await packed.generateAsync({ type: 'nodebuffer', compression: 'STORE', streamFiles: true });
    const preview = core.run('imports.preview', {
      kind: 'products',
      fileName: 'sp.xlsx',
      base64: stored.toString('base64'),
    });
    expect(preview).toMatchObject({ rows: 1, validRows: 1, fileProblems: [] });
    core.close();
  });

  it('refuses wrong headers, empty files and more than the row limit', async () => {
    const core = makeCore();
    const wrong = core.run('imports.preview', {
      kind: 'products',
      fileName: 'x.csv',
      base64: csv('Name,Price\nA,1\n'),
    });
    expect(wrong.fileProblems.map((p) => p.code)).toContain('IMPORT_MISSING_COLUMN');
    expect(wrong.fileProblems.find((p) => p.code === 'IMPORT_MISSING_COLUMN')!.message).toContain('Mã sản phẩm');
    expect(
      failure(() =>
        core.run('imports.commit', { kind: 'products', fileName: 'x.csv', base64: csv('Name,Price\nA,1\n') }),
      ).code,
    ).toBe('IMPORT_MISSING_COLUMN');
    expect(
      core.run('imports.preview', {
        kind: 'products',
        fileName: 'x.csv',
        base64: csv('Mã sản phẩm,Tên sản phẩm,Loại,Đơn vị\n\n,,,\n'),
      }).fileProblems[0].code,
    ).toBe('IMPORT_NO_ROWS');
    expect(
      failure(() =>
        core.run('imports.preview', {
          kind: 'products',
          fileName: 'x.xlsx',
          base64: Buffer.from('PK not a zip').toString('base64'),
        }),
      ).code,
    ).toBe('IMPORT_FILE_UNREADABLE');
    const big =
      'Mã sản phẩm,Tên sản phẩm,Loại,Đơn vị\n' +
      Array.from(
        { length: Math.max(100_000, IMPORT_MAX_ROWS + 5) },
        (_, i) => `P${i},Sản phẩm ${i},Thành phẩm,kg`,
      ).join('\n');
    const tooMany = core.run('imports.preview', { kind: 'products', fileName: 'big.csv', base64: csv(big) });
    expect(tooMany.fileProblems[0].code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(core.run('products.list', {}).total).toBe(0);
    core.close();
  });

  it('partners from CSV (semicolons, leading zeros kept) and opening stock with dd/mm/yyyy and Excel serial dates', async () => {
    const core = makeCore();
    core.run('business.update', aBusiness());
    core.run('locations.create', aLocation({ name: 'Kho thành phẩm', kind: 'warehouse' }));
    const partners = csv(
      'Tên đối tác;Loại;Mã số thuế;Điện thoại\nHTX Điều;Nhà cung cấp;0300588569;0912 345 678\n"Cửa hàng ""Ngon""";Khách hàng;;\nSai MST;Cả hai;0300588560;\n',
    );
    const pp = core.run('imports.preview', { kind: 'partners', fileName: 'dt.csv', base64: partners });
    expect(pp.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'Mã số thuế', code: 'TAX_CODE_CHECK_DIGIT' }),
    ]);
    core.run('imports.commit', { kind: 'partners', fileName: 'dt.csv', base64: partners, onlyValid: true });
    const names = core.run('partners.list', {}).items.map((p) => [p.name, p.taxCode]);
    expect(names).toContainEqual(['HTX Điều', '0300588569']);
    expect(names).toContainEqual(['Cửa hàng "Ngon"', null]);

    // Sold by weight: a decimal comma (12,5 kg) is read as 12.5; counts of jars would have to be whole.
    core.run('products.create', { kind: 'finished', name: 'Hạt điều rang', code: 'HDR-200', unit: 'kg' });
    const header = ['Mã sản phẩm', 'Mã lô', 'Số lượng', 'Đơn vị', 'Địa điểm', 'Ngày sản xuất', 'Hạn sử dụng'];
    const base64 = await xlsx([
      header,
      ['HDR-200', 'L-01', 120, 'kg', 'Kho thành phẩm', '01/11/2026', '30/04/2027'],
      ['HDR-200', 'L-02', '12,5', 'kg', 'kho thành phẩm', 46327, new Date(Date.UTC(2027, 4, 31))],
      ['HDR-200', 'L-03', 5, 'kg', 'Kho thành phẩm', '31/02/2026', null],
      ['KHONG-CO', 'L-04', 5, 'kg', 'Kho ma', null, null],
    ]);
    const prev = core.run('imports.preview', { kind: 'opening', fileName: 'ton.xlsx', base64 });
    expect(prev.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'Ngày sản xuất', 'IMPORT_DATE'],
      [5, 'Mã sản phẩm', 'IMPORT_UNKNOWN_REF'],
      [5, 'Địa điểm', 'IMPORT_UNKNOWN_REF'],
    ]);
    const res = core.run('imports.commit', { kind: 'opening', fileName: 'ton.xlsx', base64, onlyValid: true });
    expect(res.imported).toBe(2);
    const lots = core
      .run('lots.list', {})
      .items.map((l) => [l.code, l.balance, l.productionDate, l.expiryDate])
      .sort();
    expect(lots).toEqual([
      ['L-01', 120, '2026-11-01', '2027-04-30'],
      ['L-02', 12.5, '2026-11-01', '2027-05-31'],
    ]);
    core.close();
  });

  it('recipes: consecutive rows of one product and name make one recipe', async () => {
    const core = makeCore();
    core.run('products.create', { kind: 'finished', name: 'Điều rang', code: 'DR', unit: 'kg' });
    core.run('products.create', { kind: 'raw', name: 'Điều nhân', code: 'DN', unit: 'kg' });
    core.run('products.create', { kind: 'raw', name: 'Muối', code: 'MUOI', unit: 'kg' });
    const base64 = await xlsx([
      [
        'Mã thành phẩm',
        'Tên công thức',
        'Cỡ mẻ',
        'Đơn vị mẻ',
        'Mã nguyên liệu',
        'Lượng nguyên liệu',
        'Đơn vị nguyên liệu',
      ],
      ['DR', 'Điều rang muối', 100, 'kg', 'DN', 97, 'kg'],
      ['DR', 'Điều rang muối', 100, 'kg', 'MUOI', 3, 'kg'],
      ['DR', 'Điều rang không muối', 100, 'kg', 'XYZ', 100, 'kg'],
    ]);
    const prev = core.run('imports.preview', { kind: 'recipes', fileName: 'ct.xlsx', base64 });
    expect(prev.problems.map((p) => [p.row, p.column, p.code])).toEqual([[4, 'Mã nguyên liệu', 'IMPORT_UNKNOWN_REF']]);
    const res = core.run('imports.commit', { kind: 'recipes', fileName: 'ct.xlsx', base64, onlyValid: true });
    expect(res.imported).toBe(1);
    const r = core.run('recipes.list', {}).items;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ name: 'Điều rang muối', inputCount: 2 });
    core.close();
  });
});
