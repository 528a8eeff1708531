// Data entry that cannot be silently wrong, in the browser at 1366×768, in Vietnamese: "2.000" is two
// thousand and "1.234,5" is 1234,5; "-5" is refused with words; pickers find "hat dieu" and "bu dang";
// taking more than a lot holds is refused before anything is written; a batch made to the recipe (400 kg
// → 200 hũ) shows no yield warning; a recalled lot is refused to staff and shipped by the owner with a
// reason that lands in the audit log; an empty database's completeness reads "no data".
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeBrowser, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';

type Id = { id: number };
type LotRow = { id: number; code: string; balance: number };

function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function shot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(1, 760);
  await screenshot(page, name);
}

/** Opens an antd Select, types, and picks the first match (Enter). */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
    .last()
    .waitFor();
  await page.keyboard.press('Enter');
}

describeBrowser('data entry that cannot be silently wrong (browser mode)', () => {
  let app: AppSession;
  let rawId: number;
  let recipeId: number;
  const post = async <T>(method: string, input: unknown, session?: string) => {
    const res = await fetch(`${app.url}api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${app.token}`,
        ...(session ? { 'X-Nguongoc-Session': session } : {}),
      },
      body: JSON.stringify(input),
    });
    return (await res.json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
  };

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    // Master data only (past the first-run wizard), no records yet.
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Bù Đăng',
      taxCode: '0300588569',
      address: 'Đức Liễu, Bù Đăng, Bình Phước',
      province: 'Bình Phước',
    });
    await app.api('locations.create', { name: 'Kho nguyên liệu', kind: 'warehouse' });
    await app.api('locations.create', { name: 'Xưởng đóng hũ', kind: 'production' });
    await app.api('partners.create', { kind: 'supplier', name: 'HTX Nông nghiệp Bù Đăng' });
    await app.api('partners.create', { kind: 'supplier', name: 'Đại lý Phước Long' });
    await app.api('partners.create', { kind: 'customer', name: 'Siêu thị Sài Gòn Co.op' });
    rawId = (await app.api<Id>('products.create', { kind: 'raw', name: 'Hạt điều thô', code: 'DIEU', unit: 'kg' })).id;
    const jar = await app.api<Id>('products.create', {
      kind: 'finished',
      name: 'Hũ điều rang 500 g',
      code: 'HU500',
      unit: 'hu',
      packSize: 500,
      packUnit: 'g',
      shelfLifeDays: 180,
    });
    recipeId = (
      await app.api<Id>('recipes.create', {
        productId: jar.id,
        name: 'Rang và đóng 200 hũ',
        batchSize: 200,
        batchUnit: 'hu',
        inputs: [{ productId: rawId, qty: 400, unit: 'kg' }],
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  }, 120_000);

  it('shows completeness on an empty database as no data, not 100 %', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/`);
    await poll(() => page.getByTestId('completeness-no-data').textContent()).toContain('Chưa có dữ liệu');
    expect(await page.getByTestId('completeness-card').textContent()).not.toContain('100%');
    await shot(page, 'home-empty');
  });

  it('reads Vietnamese numbers in a receipt and finds pickers without accents', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/receipts`);
    await page.getByTestId('scan-input').waitFor();
    await choose(page, 'receipt-supplier', 'bu dang');
    await poll(() => page.getByTestId('receipt-supplier').textContent()).toContain('HTX Nông nghiệp Bù Đăng');
    await choose(page, 'line-product-0', 'hat dieu');
    await poll(() => page.getByTestId('receipt-line-0').textContent()).toContain('Hạt điều thô');

    // "-5" is refused with words, never saved as 0.
    await input(page, 'line-qty-0').fill('-5');
    await poll(() => page.getByTestId('receipt-line-0').textContent()).toContain('Không được nhập số âm');
    await page.getByTestId('save').click();
    await shot(page, 'receipt-negative');
    expect((await app.api<{ total: number }>('receipts.list', {})).total).toBe(0);
    // "2.5" is neither 2,5 nor 25 for sure: refused with the rule.
    await input(page, 'line-qty-0').fill('2.5');
    await poll(() => page.getByTestId('receipt-line-0').textContent()).toContain('dấu phẩy');

    await input(page, 'line-qty-0').fill('2.000');
    await page.getByTestId('add-line').click();
    await choose(page, 'line-product-1', 'hat dieu');
    await input(page, 'line-qty-1').fill('1234,5');
    // The field says what it understood.
    await poll(() => page.getByTestId('receipt-line-1').textContent()).toContain('= 1.234,5 kg');
    await shot(page, 'receipt');
    await page.getByTestId('save').click();
    await page.getByTestId('receipt-saved').waitFor();
    const lots = await app.api<{ items: LotRow[] }>('lots.list', { productId: rawId });
    expect(lots.items.map((l) => l.balance).sort((a, b) => a - b)).toEqual([1234.5, 2000]);
  });

  it('refuses taking more than a lot holds before writing anything, then records a batch made to the recipe without a yield warning', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/batches?recipe=${recipeId}`);
    await page.getByTestId('batch-plan').waitFor();
    const taken = page.getByTestId('batch-input-0').locator('input[data-testid="picked-lot-qty"]').first();
    await taken.waitFor();
    const big = (await app.api<{ items: LotRow[] }>('lots.list', { productId: rawId })).items.find(
      (l) => l.balance === 2000,
    )!;
    // Use the 2.000 kg lot alone and ask for 2.500 kg of it.
    const rows = page.getByTestId('batch-input-0').locator('tbody tr');
    const codes = await page.getByTestId('batch-input-0').getByTestId('picked-lot-code').allTextContents();
    const at = codes.indexOf(big.code);
    expect(at).toBeGreaterThanOrEqual(0);
    await rows.nth(at).locator('input[data-testid="picked-lot-qty"]').fill('2.500');
    await poll(() => page.getByTestId('batch-input-0-total').textContent()).toContain('chỉ còn 2.000 kg');
    expect(await page.getByTestId('over-use').first().textContent()).toContain('Chỉ còn 2.000 kg');
    await page.getByTestId('save').click();
    await poll(() => page.getByTestId('form-error').textContent()).toContain('không lấy 2.500 kg được');
    await page.getByTestId('form-error').scrollIntoViewIfNeeded();
    await shot(page, 'batch-over-use');
    expect((await app.api<{ total: number }>('batches.list', {})).total).toBe(0);

    // Exactly the recipe: 400 kg → 200 hũ.
    for (let i = (await rows.count()) - 1; i >= 0; i--)
      await rows
        .nth(i)
        .locator('input[data-testid="picked-lot-qty"]')
        .fill(i === at ? '400' : '0');
    await poll(() => page.getByTestId('batch-input-0-total').textContent()).toContain('Đủ');
    expect(await input(page, 'batch-output-qty').inputValue()).toBe('200');
    expect(await page.getByTestId('mass-balance-warning').count()).toBe(0);
    await page.getByTestId('save').click();
    await page.getByTestId('batch-saved').waitFor();
    expect(await page.getByTestId('batch-saved').textContent()).not.toContain('vượt mức');
    await shot(page, 'batch-saved');
    const batches = await app.api<{ items: { id: number; warning: boolean }[] }>('batches.list', {});
    expect(batches.items).toHaveLength(1);
    expect(batches.items[0].warning).toBe(false);
  });

  it('refuses a recalled lot to staff and lets the owner ship it with a reason kept in the audit log', async () => {
    const { page } = app;
    const lot = (await app.api<{ items: LotRow[] }>('lots.list', { productId: rawId })).items.find(
      (l) => l.balance === 1234.5,
    )!;
    await app.api('lots.setStatus', { lotIds: [lot.id], status: 'recalled', reason: 'Quyết định thu hồi 07/QĐ' });
    const owner = await post<{ session: string }>('users.setup', { name: 'Chị Hoa', pin: '2468' });
    await post('users.create', { name: 'Minh', role: 'staff', pin: '1357' }, owner.data.session);

    const ship = async (who: string, pin: string, reason: string, session: string) => {
      await page.goto(`${app.url}#/`);
      const login = page.getByTestId('login');
      await login.or(page.getByTestId('user-chip')).first().waitFor();
      if (await login.isVisible()) {
        await page.getByTestId(`login-user-${who}`).click();
        await page.getByTestId('login-pin').fill(pin);
        await page.getByTestId('login-submit').click();
      }
      await poll(() => page.getByTestId('user-chip').textContent()).toContain(who);
      await page.goto(`${app.url}#/shipments`);
      await page.getByTestId('shipment-customer').waitFor();
      await choose(page, 'shipment-customer', 'sai gon');
      await poll(() => page.getByTestId('shipment-customer').textContent()).toContain('Siêu thị Sài Gòn');
      await choose(page, 'ship-product-0', 'hat dieu');
      await input(page, 'ship-qty-0').fill('10');
      await input(page, 'ship-qty-0').press('Enter');
      // Enter in a field does not save the shipment.
      expect((await post<{ total: number }>('shipments.list', {}, session)).data.total).toBe(0);
      await page.getByTestId('ship-lots-0').waitFor();
      // Only the recalled lot, with a reason: the proposed (usable) lot is taken off first.
      await poll(() => page.getByTestId('ship-lots-0-total').textContent()).toContain('Đủ');
      const rows = page.getByTestId('ship-lots-0').locator('tbody tr');
      for (let i = (await rows.count()) - 1; i >= 0; i--) await rows.nth(i).getByRole('button', { name: 'Bỏ' }).click();
      await page.getByTestId('ship-lots-0-add').click();
      await page.locator('.ant-select-item-option', { hasText: lot.code }).last().click();
      await page.getByTestId('override-reason').fill(reason);
      await page.getByTestId('save').click();
    };

    await ship('Minh', '1357', 'Khách cần gấp', owner.data.session);
    await poll(() => page.getByTestId('form-error').textContent()).toContain('Chỉ chủ cơ sở');
    await shot(page, 'shipment-recalled-staff');
    const none = await post<{ total: number }>('shipments.list', {}, owner.data.session);
    expect(none.data.total).toBe(0);

    // Switch to the owner.
    await page.getByTestId('user-chip').click();
    await page.getByRole('menuitem', { name: 'Đổi người dùng' }).click();
    await page.getByTestId('login').waitFor();
    await ship('Chị Hoa', '2468', 'Lô đã kiểm nghiệm lại, đạt; khách đồng ý nhận', owner.data.session);
    await page.getByTestId('shipment-saved').waitFor();
    await shot(page, 'shipment-recalled-owner');
    // The recalled lot went out, by the owner's decision.
    expect(await page.getByTestId('shipment-saved').textContent()).toContain(lot.code);
    const log = await post<{ items: { user: string; after: { reason?: string } }[] }>(
      'audit.list',
      { action: 'lots.override' },
      owner.data.session,
    );
    expect(log.data.items).toHaveLength(1);
    expect(log.data.items[0]).toMatchObject({
      user: 'Chị Hoa',
      after: expect.objectContaining({ reason: 'Lô đã kiểm nghiệm lại, đạt; khách đồng ý nhận' }),
    });

    // An open recall shows on the home screen until it is lifted.
    const recall = await post<{ id: number; ref: string }>(
      'recall.start',
      { lotIds: [lot.id], reason: 'Nghi nhiễm nấm mốc', hold: true },
      owner.data.session,
    );
    expect(recall.ok).toBe(true);
    await page.goto(`${app.url}#/`);
    await poll(() => page.getByTestId('home-recall').textContent()).toContain(recall.data.ref);
    await shot(page, 'home-recall');
    expect(app.pageErrors.filter((e) => !e.includes('deprecated'))).toEqual([]);
  });
});
