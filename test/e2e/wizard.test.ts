// First run in the browser: the wizard (business → location → product), then the home screen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';
import { taxCodeProblem } from '../../shared/domain/taxcode';

/** The error text shown under the form item that holds `testId`. */
function fieldError(page: Page, testId: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.getByTestId(testId) })
    .last()
    .locator('.ant-form-item-explain-error');
}

describeBrowser('first-run wizard (browser mode)', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('walks a new shop owner through business, location and product, then shows the home screen', async () => {
    const { page } = app;
    await page.goto(app.url);
    await poll(() => page.getByText('Bắt đầu dùng Nguồn Gốc').isVisible()).toBe(true);

    // Step 1: the first field has the focus, so the owner can type at once.
    const name = page.getByTestId('business-name-input');
    await poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Cơ sở Chè Tân Cương');
    // The example under the tax code passes the check the field makes.
    const hint = await page
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('business-taxcode') })
      .textContent();
    const example = /\b\d{10}\b/.exec(hint ?? '')?.[0];
    expect(example).toBeDefined();
    expect(taxCodeProblem(example ?? '')).toBeNull();
    await page.getByTestId('business-taxcode').fill('0300588568');
    await page.getByTestId('business-address').click(); // blur → inline check of the tax code
    await poll(() => fieldError(page, 'business-taxcode').textContent()).toContain('Mã số thuế sai số kiểm tra');
    await page.getByTestId('business-taxcode').fill('0300588569');
    await page.getByTestId('business-address').fill('Xóm Nam Đồng');
    await page.getByLabel('Phường/xã').fill('Tân Cương');
    await page.getByLabel('Tỉnh/thành phố').fill('thai ng'); // the list finds "Thái Nguyên" without diacritics
    await page.locator('.ant-select-item-option').filter({ hasText: 'Thái Nguyên' }).click();
    await poll(() => fieldError(page, 'business-taxcode').count()).toBe(0);
    await settle(page);
    await screenshot(page, 'wizard-business');
    await page.getByTestId('business-address').press('Enter'); // Enter saves

    // Step 2: first location.
    const locName = page.getByTestId('location-name');
    await locName.waitFor();
    await poll(() => locName.evaluate((el) => el === document.activeElement)).toBe(true);
    await locName.fill('Xưởng sao chè');
    // The business address is offered: one click copies it.
    await page.getByTestId('location-address-from-business').click();
    await poll(() => page.getByTestId('location-address').inputValue()).toBe('Xóm Nam Đồng, Tân Cương, Thái Nguyên');
    // Back to the business and forward again: what was typed in each step is still there.
    await page.getByTestId('location-form').getByTestId('back').click();
    await poll(() => page.getByTestId('business-name-input').inputValue()).toBe('Cơ sở Chè Tân Cương');
    await page.getByTestId('business-address').press('Enter');
    await poll(() => locName.isVisible()).toBe(true);
    expect(await locName.inputValue()).toBe('Xưởng sao chè');
    await locName.press('Enter');

    // Step 3: first product (the short form).
    const prodName = page.getByTestId('product-name');
    await prodName.waitFor();
    await prodName.fill('Chè búp khô Tân Cương');
    await page.getByTestId('product-code').fill('CHE01');
    // Back to the location (already saved: saving it again changes it, never adds a second one).
    await page.getByTestId('product-form').getByTestId('back').click();
    await poll(() => locName.isVisible()).toBe(true);
    await locName.fill('Xưởng sao chè Tân Cương');
    await locName.press('Enter');
    await poll(() => prodName.isVisible()).toBe(true);
    expect(await prodName.inputValue()).toBe('Chè búp khô Tân Cương');
    expect(await page.getByTestId('product-code').inputValue()).toBe('CHE01');
    await screenshot(page, 'wizard-product');
    await page.getByTestId('product-code').press('Enter');

    // Home.
    await poll(() => page.getByRole('heading', { name: 'Chào Cơ sở Chè Tân Cương!' }).isVisible()).toBe(true);
    await poll(() => page.getByTestId('business-name').textContent()).toBe('Cơ sở Chè Tân Cương');
    await settle(page);
    await screenshot(page, 'home');

    const status = await app.api<{ done: boolean }>('setup.status');
    expect(status.done).toBe(true);
    const business = await app.api<{ name: string; taxCode: string }>('business.get');
    expect(business).toMatchObject({
      name: 'Cơ sở Chè Tân Cương',
      taxCode: '0300588569',
      address: 'Xóm Nam Đồng',
      ward: 'Tân Cương',
      province: 'Thái Nguyên',
    });
    const locations = await app.api<{ items: { name: string; address: string | null }[] }>('locations.list');
    expect(locations.items).toEqual([
      expect.objectContaining({ name: 'Xưởng sao chè Tân Cương', address: 'Xóm Nam Đồng, Tân Cương, Thái Nguyên' }),
    ]);
    const products = await app.api<{ items: { name: string; unit: string; origin: string | null }[] }>('products.list');
    expect(products.items).toEqual([
      expect.objectContaining({ name: 'Chè búp khô Tân Cương', unit: 'kg', origin: 'Việt Nam' }),
    ]);

    // A reload goes straight to the app: the wizard is done.
    await page.reload();
    await poll(() => page.getByRole('heading', { name: 'Chào Cơ sở Chè Tân Cương!' }).isVisible()).toBe(true);
    expect(await page.getByText('Bắt đầu dùng Nguồn Gốc').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('switches to English, remembers it after a reload, and checks the data from Settings', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('check-data').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'English' }).click();
    await poll(() => page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    await poll(() => page.locator('.ant-menu').textContent()).toContain('Products');
    expect(await app.api<{ language: string }>('settings.get')).toEqual({ language: 'en' });

    await page.reload();
    await poll(() => page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('check-data').click();
    await poll(() => page.getByTestId('check-result').textContent()).toContain('The data has no errors.');
    await settle(page);
    await screenshot(page, 'settings-en');

    // Errors from the API come in English too.
    await page.goto(`${app.url}#/products`);
    await page.getByTestId('create').click();
    await page.getByTestId('product-name').fill('Green tea');
    await page.getByTestId('product-code').fill('CHE01'); // taken by the wizard's product
    await page.getByTestId('save').click();
    await poll(() =>
      page
        .locator('.ant-form-item')
        .filter({ has: page.getByTestId('product-code') })
        .locator('.ant-form-item-explain-error')
        .textContent(),
    ).toContain('There is already a product');

    // And back to Vietnamese from the Settings page.
    await page.goto(`${app.url}#/settings`);
    await page.getByTestId('settings-lang').getByText('Tiếng Việt').click();
    await poll(() => page.getByRole('heading', { name: 'Cài đặt' }).isVisible()).toBe(true);
    expect(await app.api<{ language: string }>('settings.get')).toEqual({ language: 'vi' });
    expect(app.pageErrors).toEqual([]);
  });
});
