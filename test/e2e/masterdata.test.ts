// Master data in the browser: products (wrong GTIN refused next to the field, duplicate GTIN refused by
// the server next to the field, kept after a reload, diacritic-free search), partners and locations
// (create, edit, archive, show archived, restore).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../shared/gs1/checkdigit';
import { describeBrowser, poll, screenshot, seedSetup, settle, startApp, type AppSession } from '../helpers/browser';

function fieldError(page: Page, testId: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.getByTestId(testId) })
    .last()
    .locator('.ant-form-item-explain-error');
}

/** The table row whose text contains `text`. */
function row(page: Page, text: string) {
  return page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: text });
}

async function openList(page: Page, url: string, path: string) {
  await page.goto(`${url}#${path}`);
  await page.getByTestId('create').waitFor();
}

describeBrowser('master data screens (browser mode)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp();
    await seedSetup(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a wrong GTIN next to the field, saves a right one, and keeps it after a reload', async () => {
    const { page } = app;
    const gtin = withCheckDigit('952000012345');
    const wrong = gtin.slice(0, -1) + String((Number(gtin.at(-1)) + 1) % 10);
    await openList(page, app.url, '/products');
    await page.getByTestId('create').click();
    const name = page.getByTestId('product-name');
    await name.waitFor();
    await poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('Trà xanh túi lọc');
    await page.getByTestId('product-code').fill('TX01');
    await page.getByTestId('product-gtin').fill(wrong);
    await page.getByTestId('product-gtin').press('Enter');
    await poll(() => fieldError(page, 'product-gtin').textContent()).toContain(`số cuối phải là ${gtin.at(-1)}`);
    expect((await app.api<{ total: number }>('products.list', { search: 'TX01' })).total).toBe(0);
    await screenshot(page, 'product-form-error');

    await page.getByTestId('product-gtin').fill(gtin);
    await page.getByTestId('product-gtin').press('Tab');
    await poll(() => fieldError(page, 'product-gtin').count()).toBe(0);
    await page.getByTestId('save').click();
    await poll(() => row(page, 'Trà xanh túi lọc').count()).toBe(1);
    expect(await row(page, 'Trà xanh túi lọc').textContent()).toContain(gtin);

    await page.reload();
    await poll(() => row(page, 'Trà xanh túi lọc').count()).toBe(1);

    // The same GTIN again: only the server knows it is taken; its answer lands under the GTIN field.
    await page.getByTestId('create').click();
    await page.getByTestId('product-name').fill('Trà xanh hộp giấy');
    await page.getByTestId('product-code').fill('TX02');
    await page.getByTestId('product-gtin').fill(gtin);
    await page.getByTestId('save').click();
    await poll(() => fieldError(page, 'product-gtin').textContent()).toContain(gtin);
    expect(await fieldError(page, 'product-gtin').textContent()).toMatch(/Đã có sản phẩm/);
    await page.getByTestId('product-gtin').fill('');
    await page.getByTestId('save').click();
    await poll(() => row(page, 'Trà xanh hộp giấy').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('asks how much a count unit holds, and finds products without typing diacritics', async () => {
    const { page } = app;
    await openList(page, app.url, '/products');
    await page.getByTestId('create').click();
    await page.getByTestId('product-name').fill('Mứt gừng Huế hộp 500 g');
    await page.getByTestId('product-code').fill('MG500');
    await page.getByTestId('product-unit').click();
    await page.keyboard.type('hộp');
    await page.keyboard.press('Enter');
    await page.getByTestId('product-pack-size').fill('0,5');
    await page.getByTestId('save').click(); // a size without its unit is refused before anything is sent
    await poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain(
      'số lượng trong một gói',
    );
    await page.getByTestId('product-pack-unit').click();
    await page.keyboard.type('kg');
    await page.keyboard.press('Enter');
    await settle(page);
    await screenshot(page, 'product-form');
    await page.getByTestId('save').click();
    await poll(() => row(page, 'Mứt gừng Huế').count()).toBe(1);
    expect(await row(page, 'Mứt gừng Huế').textContent()).toContain('hộp (0,5 kg)');
    const saved = await app.api<{ items: { unit: string; packSize: number; packUnit: string }[] }>('products.list', {
      search: 'MG500',
    });
    expect(saved.items[0]).toMatchObject({ unit: 'hop', packSize: 0.5, packUnit: 'kg' });

    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const all = await rows.count();
    expect(all).toBeGreaterThan(1);
    await page.getByTestId('search').locator('input').fill('mut gung');
    await poll(() => rows.count()).toBe(1);
    expect(await row(page, 'Mứt gừng Huế').count()).toBe(1);
    await page.getByTestId('search').locator('input').fill('');
    await poll(() => rows.count()).toBe(all);

    // Sorting is done by the server: by internal code, then the other way round.
    const codes = () => rows.locator('td:nth-child(2)').allTextContents();
    const header = page.locator('.ant-table-thead th').filter({ hasText: 'Mã nội bộ' });
    await header.click();
    await poll(async () => (await codes())[0]).toBe('CHE01');
    const ascending = await codes();
    expect(ascending).toEqual([...ascending].sort());
    await header.click();
    await poll(codes).toEqual([...ascending].reverse());
    await settle(page);
    await screenshot(page, 'products');
    expect(app.pageErrors).toEqual([]);
  });

  it('creates, edits, archives and restores a partner', async () => {
    const { page } = app;
    await openList(page, app.url, '/partners');
    await page.getByTestId('create').click();
    await page.getByTestId('partner-name').fill('HTX Chè Tân Cương');
    await page.getByLabel('Điện thoại').fill('12345');
    await page.getByLabel('Điện thoại').press('Enter');
    await poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain(
      'Số điện thoại không đúng dạng',
    );
    await page.getByLabel('Điện thoại').fill('0208 3855 123');
    await page.getByLabel('Điện thoại').press('Enter');
    await poll(() => row(page, 'HTX Chè Tân Cương').count()).toBe(1);
    expect(await row(page, 'HTX Chè Tân Cương').textContent()).toContain('Nhà cung cấp');

    // Edit: the customer kind.
    await row(page, 'HTX Chè Tân Cương').getByRole('button', { name: 'Sửa' }).click();
    await page.getByTestId('partner-form').getByText('Vừa mua vừa bán').click();
    await page.getByTestId('save').click();
    await poll(() => row(page, 'HTX Chè Tân Cương').textContent()).toContain('Vừa mua vừa bán');

    // Archive: gone from the list, back with "show archived", restored.
    await row(page, 'HTX Chè Tân Cương').getByRole('button', { name: 'Lưu trữ' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Lưu trữ' }).click();
    await poll(() => row(page, 'HTX Chè Tân Cương').count()).toBe(0);
    await page.getByTestId('show-archived').click();
    await poll(() => row(page, 'HTX Chè Tân Cương').textContent()).toContain('Đã lưu trữ');
    await row(page, 'HTX Chè Tân Cương').getByRole('button', { name: 'Dùng lại' }).click();
    await poll(() => row(page, 'HTX Chè Tân Cương').textContent()).not.toContain('Đã lưu trữ');
    const partners = await app.api<{ items: { name: string; kind: string; phone: string; archived: boolean }[] }>(
      'partners.list',
      {},
    );
    expect(partners.items).toEqual([
      expect.objectContaining({ name: 'HTX Chè Tân Cương', kind: 'both', phone: '0208 3855 123', archived: false }),
    ]);
    expect(app.pageErrors).toEqual([]);
  });

  it('creates, edits and archives a location', async () => {
    const { page } = app;
    await openList(page, app.url, '/locations');
    await page.getByTestId('create').click();
    await page.getByTestId('location-name').fill('Kho thành phẩm');
    await page.getByTestId('location-form').getByText('Kho', { exact: true }).click();
    await page.getByTestId('save').click();
    await poll(() => row(page, 'Kho thành phẩm').count()).toBe(1);

    await row(page, 'Kho thành phẩm').getByRole('button', { name: 'Sửa' }).click();
    await page.getByTestId('location-name').fill('Kho thành phẩm số 1');
    await page.getByTestId('location-name').press('Enter');
    await poll(() => row(page, 'Kho thành phẩm số 1').count()).toBe(1);

    await row(page, 'Kho thành phẩm số 1').getByRole('button', { name: 'Lưu trữ' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Lưu trữ' }).click();
    await poll(() => row(page, 'Kho thành phẩm số 1').count()).toBe(0);
    const all = await app.api<{ items: { name: string; kind: string; archived: boolean }[] }>('locations.list', {
      includeArchived: true,
    });
    expect(all.items).toContainEqual(
      expect.objectContaining({ name: 'Kho thành phẩm số 1', kind: 'warehouse', archived: true }),
    );
    expect(app.pageErrors).toEqual([]);
  });

  it('edits the business profile and its logo, shown in the header', async () => {
    const { page } = app;
    // A 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.goto(`${app.url}#/business`);
    const name = page.getByTestId('business-name-input');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Cơ sở Chè Tân Cương');
    await name.fill('HTX Chè Tân Cương Xanh');
    await page.getByLabel('Email').fill('lienhe@chetancuong');
    await page.getByLabel('Email').press('Enter');
    await poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain(
      'Địa chỉ email không đúng dạng',
    );
    await page.getByLabel('Email').fill('lienhe@chetancuong.vn');
    await page
      .getByTestId('business-logo-file')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await poll(() => page.getByTestId('business-form').locator('img').count()).toBe(1);
    await page.getByTestId('save').click();
    await poll(() => page.getByTestId('business-name').textContent()).toBe('HTX Chè Tân Cương Xanh');
    await poll(() => page.locator('.ant-layout-header img').count()).toBe(1);
    const business = await app.api<{ name: string; email: string; logo: string; taxCode: string; province: string }>(
      'business.get',
    );
    expect(business).toMatchObject({
      name: 'HTX Chè Tân Cương Xanh',
      email: 'lienhe@chetancuong.vn',
      taxCode: '0300588569',
      province: 'Thái Nguyên',
    });
    expect(business.logo).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(app.pageErrors).toEqual([]);
  });

  it('takes the token from a shared classroom link and removes it from the address bar', async () => {
    const { page } = app;
    await page.goto('about:blank'); // a fresh page load, as when the link is opened
    await page.goto(`${app.url}#token=${app.token}`);
    await page.getByTestId('business-name').waitFor();
    await poll(() => new URL(page.url()).hash).toBe('#/');
    expect(await page.evaluate(() => sessionStorage.getItem('nguongoc-token'))).toBe(app.token);
    expect(app.pageErrors).toEqual([]);
  });
});
