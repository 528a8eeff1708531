// The daily recording flow in the browser, in Vietnamese: receive two materials (one line filled by a
// scanned GS1 DataMatrix string, one by hand with the expiry computed from shelf life), record a batch
// from a recipe with FEFO-proposed lots in at most 6 user actions from the home screen, ship part of the
// output, and see the whole history on the lot pages. Master data is seeded through the API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeBrowser, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';
import { demoGtin } from '../helpers/core';
import { toGtin14 } from '../../shared/gs1';

type Id = { id: number };
type LotRow = {
  id: number;
  code: string;
  productName: string;
  balance: number;
  supplierLotCode: string | null;
  expiryDate: string | null;
  productionDate: string | null;
  state: string;
};

const GS = '\u001d';

/** Counts what a user does: every click and every typed field is one action. */
class Actions {
  count = 0;
  readonly log: string[] = [];
  async click(l: Locator, what: string) {
    await l.click();
    this.count++;
    this.log.push(`click ${what}`);
  }
  async type(l: Locator, text: string, what: string) {
    await l.fill(text);
    this.count++;
    this.log.push(`type ${what}: ${text}`);
  }
}

/** The text input of a field found by test id (antd puts the id on the input or on its wrapper). */
function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/**
 * Errors the pages logged. The home screen's completeness card (trace feature, not this one) still uses
 * antd's deprecated List, which logs a deprecation warning; that one is left to its owners.
 */
function errorsOf(app: AppSession): string[] {
  return app.pageErrors.filter((e) => !e.includes('[antd: List] The `List` component is deprecated'));
}

/** A screenshot of the page as the user sees it from the top, without hover effects. */
async function shot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(1, 790);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Picks an option of an antd Select by typing part of its label (click + type + Enter). */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  // The dropdown of the select chosen just before may still be fading out: the newest one is the last.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .last()
    .waitFor();
  await page.keyboard.press('Enter');
}

describeBrowser('receipts, production, shipments and lots (browser mode)', () => {
  let app: AppSession;
  let rawId: number;
  let saltId: number;
  let finishedId: number;
  let recipeId: number;
  const gtin = demoGtin(71);
  beforeAll(async () => {
    app = await startApp();
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Đồng Nai',
      taxCode: '0300588569',
      address: 'KCN Hố Nai 3, Trảng Bom, Đồng Nai',
      province: 'Đồng Nai',
    });
    await app.api('locations.create', { name: 'Kho nguyên liệu', kind: 'warehouse' });
    await app.api('locations.create', { name: 'Xưởng rang', kind: 'production' });
    await app.api('partners.create', { kind: 'supplier', name: 'HTX Điều Bình Phước', phone: '0912 345 678' });
    await app.api('partners.create', { kind: 'supplier', name: 'Cơ sở muối Bà Rịa', phone: '0254 3826 111' });
    await app.api('partners.create', { kind: 'customer', name: 'Siêu thị Co.op Biên Hòa', phone: '0251 3822 999' });
    rawId = (
      await app.api<Id>('products.create', {
        kind: 'raw',
        name: 'Hạt điều thô',
        code: 'DIEU',
        unit: 'kg',
        gtin,
        shelfLifeDays: 365,
      })
    ).id;
    saltId = (
      await app.api<Id>('products.create', {
        kind: 'raw',
        name: 'Muối hạt',
        code: 'MUOI',
        unit: 'kg',
        shelfLifeDays: 365,
      })
    ).id;
    finishedId = (
      await app.api<Id>('products.create', {
        kind: 'finished',
        name: 'Hạt điều rang muối',
        code: 'HDRM',
        unit: 'kg',
        shelfLifeDays: 180,
      })
    ).id;
    recipeId = (
      await app.api<Id>('recipes.create', {
        productId: finishedId,
        name: 'Điều rang muối',
        batchSize: 100,
        batchUnit: 'kg',
        inputs: [
          { productId: rawId, qty: 98 },
          { productId: saltId, qty: 2 },
        ],
        yieldPct: 90,
        steps: 'Rang 25 phút ở 160°C, trộn muối, để nguội, đóng gói.',
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  }, 120_000);

  it('fills a receipt line from a scanned GS1 DataMatrix string and saves two lots', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/receipts`);
    await page.getByTestId('scan-input').waitFor();
    await choose(page, 'receipt-supplier', 'Bình Phước');
    await input(page, 'receipt-docref').fill('PGH-0231');

    // A USB scanner types the DataMatrix content: symbology prefix ]d2, GTIN, lot (variable length,
    // so a GS follows), production and expiry dates. The first GS comes as the scanner sends it in a
    // text field (Ctrl+]), the rest as the character itself.
    const scan = input(page, 'scan-input');
    // A wrong check digit is refused with words, and nothing is added.
    await scan.fill(`01${toGtin14(gtin).slice(0, 13)}${(Number(toGtin14(gtin)[13]) + 1) % 10}`);
    await scan.press('Enter');
    await poll(() => page.getByTestId('scan-error').textContent()).toContain('sai số kiểm tra');
    expect(await input(page, 'line-supplier-lot-0').inputValue()).toBe('');

    await scan.click();
    await scan.pressSequentially(`]d201${toGtin14(gtin)}10BP-2611A`);
    await page.keyboard.press('Control+BracketRight');
    await scan.pressSequentially(`11261101${GS}17271101`);
    await poll(() => scan.inputValue()).toBe(`]d201${toGtin14(gtin)}10BP-2611A${GS}11261101${GS}17271101`);
    await scan.press('Enter');

    await poll(() => input(page, 'line-supplier-lot-0').inputValue()).toBe('BP-2611A');
    await poll(() => page.getByTestId('receipt-line-0').textContent()).toContain('Hạt điều thô (DIEU)');
    await poll(() => input(page, 'line-lot-0').inputValue()).toMatch(/^DIEU-\d{6}-001$/);
    expect(await input(page, 'line-nsx-0').inputValue()).toBe('01/11/2026'); // NSX from AI 11
    expect(await input(page, 'line-hsd-0').inputValue()).toBe('01/11/2027'); // HSD from AI 17
    expect(await page.getByTestId('scan-error').count()).toBe(0);
    await input(page, 'line-qty-0').fill('500');

    // Second material by hand: only the production date; the expiry comes from the shelf life.
    await page.getByTestId('add-line').click();
    await choose(page, 'line-product-1', 'Muối hạt');
    await input(page, 'line-qty-1').fill('20');
    const nsx = input(page, 'line-nsx-1');
    await nsx.click();
    await nsx.fill('15/11/2026');
    await nsx.press('Enter');
    await poll(() => input(page, 'line-hsd-1').inputValue()).toBe('15/11/2027');
    await poll(() => input(page, 'line-lot-1').inputValue()).toMatch(/^MUOI-\d{6}-001$/);
    expect(await page.getByText('Unikey').count()).toBeGreaterThan(0);
    await shot(page, 'receipt');

    // A double click records one receipt (request key + disabled button).
    await page.getByTestId('save').dblclick();
    await page.getByTestId('receipt-saved').waitFor();
    await poll(() => page.getByTestId('saved-lots').locator('tbody tr').count()).toBe(2);
    // "In tem" goes to the label page with the first new lot.
    expect(await page.getByTestId('print-labels').locator('xpath=ancestor::a').getAttribute('href')).toMatch(
      /#\/labels\/print\?productId=\d+&lotId=\d+$/,
    );
    await shot(page, 'receipt-saved');
    const receipts = await app.api<{ total: number }>('receipts.list', {});
    expect(receipts.total).toBe(1);
    const lots = await app.api<{ items: LotRow[] }>('lots.list', { productId: rawId });
    expect(lots.items).toEqual([
      expect.objectContaining({
        supplierLotCode: 'BP-2611A',
        productionDate: '2026-11-01',
        expiryDate: '2027-11-01',
        balance: 500,
      }),
    ]);
    const salt = await app.api<{ items: LotRow[] }>('lots.list', { productId: saltId });
    expect(salt.items).toEqual([
      expect.objectContaining({ productionDate: '2026-11-15', expiryDate: '2027-11-15', balance: 20 }),
    ]);
  }, 120_000);

  it('records a batch from a recipe with proposed lots in at most 6 actions from the home screen', async () => {
    const { page } = app;
    // An older salt lot that expires first must be proposed first (FEFO).
    const supplier = (await app.api<{ items: Id[] }>('partners.list', { kind: 'supplier', search: 'muối' })).items[0];
    const loc = (await app.api<{ items: (Id & { kind: string })[] }>('locations.list', {})).items.find(
      (l) => l.kind === 'warehouse',
    )!;
    await app.api('receipts.create', {
      supplierId: supplier.id,
      locationId: loc.id,
      documentRef: 'PGH-0199',
      lines: [
        { productId: saltId, qty: 1, productionDate: '2026-06-01', expiryDate: '2027-06-01', lotCode: 'MUOI-CU-01' },
      ],
    });

    await page.goto(`${app.url}#/`);
    await page.getByTestId('home-produce').waitFor();
    const act = new Actions();
    await act.click(page.getByTestId('home-produce'), 'Sản xuất');
    await act.click(page.getByTestId(`recipe-${recipeId}`), 'recipe');
    await page.getByTestId('batch-plan').waitFor();
    // The plan proposes lots on every input row, with code, expiry, remaining and selected quantity.
    await poll(() => page.getByTestId('batch-input-0').getByTestId('picked-lot-code').allTextContents()).toEqual([
      expect.stringMatching(/^DIEU-/),
    ]);
    await poll(() => page.getByTestId('batch-input-1').getByTestId('picked-lot-code').allTextContents()).toEqual([
      'MUOI-CU-01',
      expect.stringMatching(/^MUOI-\d{6}-001$/),
    ]);
    await act.type(input(page, 'batch-size'), '200', 'batch size');
    await act.type(input(page, 'batch-output-qty'), '178,5', 'actual output');
    // The size was applied: 196 kg of raw cashew taken from the proposed lot.
    await poll(() => page.getByTestId('batch-input-0-total').textContent()).toContain('196');
    await shot(page, 'batch');
    await act.click(page.getByTestId('save'), 'Lưu');
    await page.getByTestId('batch-saved').waitFor();
    expect(act.count, act.log.join('\n')).toBeLessThanOrEqual(6);
    await shot(page, 'batch-saved');

    const batches = await app.api<{ items: { id: number }[] }>('batches.list', {});
    expect(batches.items).toHaveLength(1);
    const batch = await app.api<{
      size: number;
      inputs: { lotCode: string; qty: number }[];
      outputs: { qty: number; lot: { code: string; expiryDate: string } }[];
    }>('batches.get', { id: batches.items[0].id });
    expect(batch.size).toBe(200);
    expect(batch.outputs).toEqual([expect.objectContaining({ qty: 178.5 })]);
    expect(batch.inputs.map((i) => [i.lotCode.replace(/\d{6}/, 'D'), i.qty]).sort()).toEqual([
      ['DIEU-D-001', 196],
      ['MUOI-CU-01', 1],
      ['MUOI-D-001', 3],
    ]);
  }, 120_000);

  it('warns about mass balance before saving', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/batches?recipe=${recipeId}`);
    await page.getByTestId('batch-plan').waitFor();
    await input(page, 'batch-output-qty').fill('50');
    await poll(() => page.getByTestId('mass-balance-warning').textContent()).toContain('lệch');
  }, 120_000);

  it('ships part of the output with the lot proposed first-expired-first-out', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/shipments`);
    await page.getByTestId('shipment-form').waitFor();
    await choose(page, 'shipment-customer', 'Co.op');
    await page.getByTestId('shipment-from').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('Xưởng rang').click();
    await input(page, 'shipment-docref').fill('PX-1129-01');
    await input(page, 'shipment-plate').fill('60C-123.45');
    await input(page, 'shipment-driver').fill('Nguyễn Văn Tâm');
    await choose(page, 'ship-product-0', 'rang muối');
    const qty = input(page, 'ship-qty-0');
    await qty.fill('100');
    await qty.press('Tab');
    await poll(() => page.getByTestId('ship-lots-0').getByTestId('picked-lot-code').allTextContents()).toEqual([
      expect.stringMatching(/^HDRM-\d{6}-001$/),
    ]);
    await shot(page, 'shipment');
    await page.getByTestId('save').click();
    await page.getByTestId('shipment-saved').waitFor();
    const out = await app.api<{ items: LotRow[] }>('lots.list', { productId: finishedId });
    expect(out.items[0].balance).toBe(78.5);
  }, 120_000);

  it('shows the whole history on the lot pages, with links, and puts a lot on hold with a reason', async () => {
    const { page } = app;
    const out = (await app.api<{ items: LotRow[] }>('lots.list', { productId: finishedId })).items[0];
    await page.goto(`${app.url}#/lots/${out.id}`);
    await page.getByTestId('lot-page').waitFor();
    await poll(() => page.getByTestId('lot-balance').textContent()).toBe('78,5 kg');
    await poll(() => page.getByTestId('lot-history').locator('[data-testid^="event-"]').count()).toBeGreaterThanOrEqual(
      2,
    );
    expect(await page.getByTestId('event-production').count()).toBe(1);
    expect(await page.getByTestId('event-shipment').count()).toBe(1);
    expect(await page.getByTestId('lot-made-from').textContent()).toContain('Hạt điều thô');
    expect(await page.getByTestId('lot-shipped-to').textContent()).toContain('Siêu thị Co.op Biên Hòa');
    await shot(page, 'lot');

    // Follow the link to the raw material lot: received from the supplier, consumed by the batch.
    await page
      .getByTestId('lot-made-from')
      .getByRole('link', { name: /^DIEU-/ })
      .click();
    await poll(() => page.getByTestId('lot-code').textContent()).toMatch(/^DIEU-/);
    await poll(() => page.getByTestId('event-receipt').count()).toBe(1);
    expect(await page.getByTestId('event-production').textContent()).toMatch(/ME-\d{6}-001/);
    expect(await page.getByTestId('lot-used-in').textContent()).toContain('Hạt điều rang muối');
    await poll(() => page.getByTestId('lot-balance').textContent()).toBe('304 kg');

    await page.getByTestId('status-on_hold').click();
    await page.getByTestId('status-reason').fill('Chờ kết quả kiểm nghiệm độ ẩm');
    await page.locator('.ant-modal').getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('event-status').count()).toBe(1);
    await poll(() => page.getByTestId('lot-state').first().textContent()).toBe('tạm giữ');
    expect(await page.getByTestId('event-status').textContent()).toContain('Chờ kết quả kiểm nghiệm độ ẩm');
    await shot(page, 'lot-raw');

    // Undo the hold: a reversal is a new event with its reason; the hold stays in the history.
    await page.getByTestId('event-status').getByTestId('event-reverse').click();
    await page.getByTestId('correction-reason').fill('Kiểm nghiệm đạt, độ ẩm 4,8%');
    await page.locator('.ant-modal').getByRole('button', { name: 'Huỷ ghi nhận' }).click();
    await poll(() => page.getByTestId('lot-state').first().textContent()).toBe('dùng được');
    await poll(() => page.getByTestId('event-correction').textContent()).toContain('Kiểm nghiệm đạt');
    expect(await page.getByTestId('event-status').count()).toBe(1);
    await app.api('lots.setStatus', {
      lotIds: [Number(page.url().split('/').pop())],
      status: 'on_hold',
      reason: 'Chờ kiểm nghiệm lại',
    });

    // The held lot is not proposed any more.
    const plan = await app.api<{ inputs: { lots: { lotCode: string }[] }[] }>('batches.plan', { recipeId });
    expect(plan.inputs[0].lots).toEqual([]);

    // The lot list with a filter from the home card; the home cards count stock and expiry.
    await page.goto(`${app.url}#/lots?expiring=365`);
    await page.getByTestId('lots-table').waitFor();
    await poll(() => page.getByTestId('lots-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.goto(`${app.url}#/lots`);
    await poll(() => page.getByTestId('lots-table').locator('tbody tr.ant-table-row').count()).toBe(3);
    await shot(page, 'lot-list');
    // Recipes: the list, and editing says it makes a new version.
    await page.goto(`${app.url}#/recipes`);
    await poll(() => page.getByTestId('recipes-table').textContent()).toContain('Điều rang muối');
    await page.getByTestId('recipes-table').getByRole('button', { name: 'Sửa' }).click();
    await poll(() => page.getByTestId('recipe-form').textContent()).toContain('Lưu sẽ tạo phiên bản mới (v2)');
    await shot(page, 'batch-recipe');
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}#/`);
    await poll(() => page.getByTestId('stock-card').textContent()).toContain('Hạt điều rang muối');
    await shot(page, 'lot-stock-home');
  }, 120_000);

  it('uses a held lot only with a written reason (an override shown on the lot page)', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/batches?recipe=${recipeId}`);
    await page.getByTestId('batch-plan').waitFor();
    // The held raw lot is not proposed; it can be added by hand, marked with its state.
    await poll(() => page.getByTestId('batch-input-0-total').textContent()).toContain('Thiếu 98 kg');
    await page.getByTestId('batch-input-0-add').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(/DIEU-\d{6}-001 · tạm giữ/)
      .click();
    await poll(() => page.getByTestId('batch-input-0-total').textContent()).toContain('Đủ');
    await page.getByTestId('save').click();
    await poll(() => page.getByTestId('form-error').textContent()).toContain('Hãy ghi lý do');
    await input(page, 'override-reason').fill('Khách cần gấp, QC đã kiểm tra cảm quan');
    await page.getByTestId('save').click();
    await page.getByTestId('batch-saved').waitFor();

    const raw = (await app.api<{ items: LotRow[] }>('lots.list', { productId: rawId })).items[0];
    await page.goto(`${app.url}#/lots/${raw.id}`);
    await poll(() => page.getByTestId('lot-overrides').textContent()).toContain(
      'Khách cần gấp, QC đã kiểm tra cảm quan',
    );
    await poll(() => page.getByTestId('lot-balance').textContent()).toBe('206 kg');
  }, 120_000);

  it('moves stock to another own location as an internal transfer', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/shipments`);
    await page.getByTestId('shipment-form').waitFor();
    await page.getByText('Chuyển kho nội bộ').click();
    await page.getByTestId('shipment-to').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('Xưởng rang').click();
    await choose(page, 'ship-product-0', 'Muối hạt');
    const qty = input(page, 'ship-qty-0');
    await qty.fill('5');
    await qty.press('Tab');
    await poll(() => page.getByTestId('ship-lots-0-total').textContent()).toContain('Đủ');
    await page.getByTestId('save').click();
    await page.getByTestId('shipment-saved').waitFor();
    const list = await app.api<{ items: { kind: string; toLocationName: string | null }[] }>('shipments.list', {
      kind: 'transfer',
    });
    expect(list.items).toEqual([expect.objectContaining({ kind: 'transfer', toLocationName: 'Xưởng rang' })]);
    const salt = await app.api<{ items: (LotRow & { stock: { locationName: string; qty: number }[] })[] }>(
      'lots.list',
      { productId: saltId, inStock: true },
    );
    expect(salt.items.flatMap((l) => l.stock).find((x) => x.locationName === 'Xưởng rang')?.qty).toBe(5);
    expect(errorsOf(app)).toEqual([]);
  }, 120_000);
});
