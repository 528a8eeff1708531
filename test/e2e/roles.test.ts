// Roles in the browser at 1366×768, in Vietnamese: staff see only their pages, a typed address of an owner page
// keeps the menu and says who may use it (with home and switch user), buttons staff may not use say why;
// the owner's audit log reads in words, a new PIN is typed twice, the user badge covers no button, and an
// input that is not in the recipe needs a confirmed reason and is marked on the batch.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeBrowser, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';

type Id = { id: number };

function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function shot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(1, 760);
  await screenshot(page, name);
}

describeBrowser('roles and words (browser mode)', () => {
  let app: AppSession;
  let recipeId: number;
  let owner: string;
  let coffeeCode: string;
  const post = async <T>(method: string, body: unknown, session?: string) => {
    const res = await fetch(`${app.url}api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${app.token}`,
        ...(session ? { 'X-Nguongoc-Session': session } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
    if (!json.ok) throw new Error(`${method}: ${json.error?.message}`);
    return json.data;
  };
  const login = async (name: string, pin: string) => {
    const { page } = app;
    await page.goto(`${app.url}#/`);
    const screen = page.getByTestId('login');
    await screen.or(page.getByTestId('user-chip')).first().waitFor();
    if (!(await screen.isVisible())) {
      await page.getByTestId('user-chip').click();
      await page.getByRole('menuitem', { name: 'Đổi người dùng' }).click();
      await screen.waitFor();
    }
    await page.getByTestId(`login-user-${name}`).click();
    await page.getByTestId('login-pin').fill(pin);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('user-chip').textContent()).toContain(name);
  };
  const menuText = async () =>
    (await app.page.locator('.ant-layout-sider .ant-menu-item').allTextContents()).join(' | ');
  const modal0 = (page: Page) => page.getByRole('dialog').filter({ hasText: 'Thêm người dùng' });

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Bù Đăng',
      taxCode: '0300588569',
      address: 'Đức Liễu, Bù Đăng, Bình Phước',
      province: 'Bình Phước',
    });
    const loc = await app.api<Id>('locations.create', { name: 'Xưởng đóng hũ', kind: 'production' });
    const sup = await app.api<Id>('partners.create', { kind: 'supplier', name: 'HTX Nông nghiệp Bù Đăng' });
    const raw = await app.api<Id>('products.create', { kind: 'raw', name: 'Hạt điều thô', code: 'DIEU', unit: 'kg' });
    const coffee = await app.api<Id>('products.create', {
      kind: 'raw',
      name: 'Cà phê nhân',
      code: 'CAPHE',
      unit: 'kg',
    });
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
        inputs: [{ productId: raw.id, qty: 400, unit: 'kg' }],
      })
    ).id;
    const rc = await app.api<{ lines: { lot: { code: string } }[] }>('receipts.create', {
      supplierId: sup.id,
      locationId: loc.id,
      lines: [
        { productId: raw.id, qty: 500 },
        { productId: coffee.id, qty: 50 },
      ],
    });
    coffeeCode = rc.lines[1].lot.code;
    owner = (await post<{ session: string }>('users.setup', { name: 'Chị Hoa', pin: '2468' })).session;
    await post('users.create', { name: 'Minh', role: 'staff', pin: '1357' }, owner);
    await post(
      'business.update',
      {
        name: 'Công ty TNHH Hạt Điều Bù Đăng',
        taxCode: '0300588569',
        address: 'Đức Liễu, Bù Đăng, Bình Phước',
        province: 'Bình Phước',
        phone: '0271 3888 999',
      },
      owner,
    );
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  }, 120_000);

  it('asks for the reason of an input that is not in the recipe and marks it on the batch', async () => {
    const { page } = app;
    await login('Chị Hoa', '2468');
    await page.goto(`${app.url}#/batches?recipe=${recipeId}`);
    await page.getByTestId('batch-plan').waitFor();
    await page.getByTestId('off-recipe-add').click();
    await page.getByTestId('off-recipe-lot').click();
    await page.keyboard.type('ca phe');
    await page.locator('.ant-select-item-option', { hasText: coffeeCode }).first().click();
    await poll(() => page.getByTestId('off-recipe-warning').textContent()).toContain(
      '"Cà phê nhân" không có trong công thức "Rang và đóng 200 hũ"',
    );
    await input(page, 'off-recipe-qty').fill('2');
    expect(await page.getByTestId('off-recipe-ok').isDisabled()).toBe(true); // no reason yet
    await page.getByTestId('off-recipe-reason').fill('Thử vị điều rang cà phê cho khách');
    await shot(page, 'batch-off-recipe-confirm');
    await page.getByTestId('off-recipe-ok').click();
    await poll(() => page.getByTestId('off-recipe-0').textContent()).toContain('Ngoài công thức');
    await page.getByTestId('save').click();
    await page.getByTestId('batch-saved').waitFor();
    await poll(() => page.getByTestId('input-off-recipe').count()).toBe(1);
    await shot(page, 'batch-off-recipe-saved');
  });

  it("shows the owner's audit log in words, with the user and what changed", async () => {
    const { page } = app;
    await page.goto(`${app.url}#/audit`);
    const table = page.locator('.ant-table-tbody');
    await poll(() => table.textContent()).toContain('Sửa thông tin cơ sở');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Chị Hoa (Chủ cơ sở)');
    expect(text).toContain('0271 3888 999');
    expect(text).toContain('Vai trò: nhân viên');
    expect(text).not.toMatch(/business\.update|batches\.record|[{}"]|\b(owner|staff|finished|hu)\b/);
    await shot(page, 'audit-log');
  });

  it('asks for a new PIN twice and says the rule in words', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/users`);
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await input(page, 'user-name').fill('Lan');
    await input(page, 'user-pin').fill('12');
    await input(page, 'user-pin-again').fill('1299');
    await modal0(page).getByRole('button', { name: 'Đồng ý' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: 'Thêm người dùng' });
    await poll(() => modal.textContent()).toContain('Mã PIN gồm 4 đến 8 chữ số.');
    await input(page, 'user-pin').fill('1234');
    await poll(() => modal.textContent()).toContain('Hai lần nhập mã PIN chưa giống nhau');
    expect(await modal.textContent()).not.toContain('\\d');
    await shot(page, 'user-pin-form');
    await modal.getByRole('button', { name: 'Đồng ý' }).click();
    const users = await post<{ name: string }[]>('users.list', {}, owner);
    expect(users.map((u) => u.name)).not.toContain('Lan');
    await modal.getByRole('button', { name: 'Huỷ' }).click();
  });

  it('keeps the user badge off the recall buttons', async () => {
    const { page } = app;
    const r = await post<Id>('recall.start', { lots: [coffeeCode], reason: 'Kiểm tra thử', hold: true }, owner);
    await page.goto(`${app.url}#/recall/${r.id}`);
    const lift = page.getByTestId('recall-lift');
    await lift.waitFor();
    await lift.scrollIntoViewIfNeeded();
    const a = (await lift.boundingBox())!;
    const b = (await page.getByTestId('user-chip').boundingBox())!;
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap).toBe(false);
    await shot(page, 'recall-owner');
  });

  it('shows staff only their pages; an owner page keeps the menu and says who may use it', async () => {
    const { page } = app;
    await login('Minh', '1357');
    await poll(menuText).toContain('Nhập hàng');
    const menu = (await menuText()) ?? '';
    for (const owners of ['Người dùng', 'Sao lưu', 'Nhật ký hoạt động', 'Cài đặt', 'Máy in'])
      expect(menu, owners).not.toContain(owners);
    // Recipes are read by everyone who makes batches; changing them is the owner's.
    expect(menu).toContain('Công thức');
    expect(await page.getByTestId('home-receive').isVisible()).toBe(true);
    await shot(page, 'staff-menu');

    await page.goto(`${app.url}#/settings`);
    await poll(() => page.getByTestId('forbidden-reason').textContent()).toBe(
      'Chỉ chủ cơ sở mới được đổi cài đặt. Hãy nhờ chủ cơ sở, hoặc đổi người dùng.',
    );
    await page.reload();
    await poll(() => page.getByTestId('forbidden').isVisible()).toBe(true);
    expect(await page.locator('.ant-layout-sider .ant-menu').isVisible()).toBe(true);
    expect(await page.getByTestId('forbidden').textContent()).toContain('Minh (Nhân viên)');
    await shot(page, 'staff-refusal');

    // A button staff may not use is disabled and says who may.
    const recall = (await post<{ id: number }[]>('recall.list', {}, owner))[0];
    await page.goto(`${app.url}#/recall/${recall.id}`);
    const lift = page.getByTestId('recall-lift');
    await lift.waitFor();
    expect(await lift.isDisabled()).toBe(true);
    const why = page.locator('[data-reason]', { has: lift });
    expect(await why.getAttribute('data-reason')).toBe(
      'Chỉ chủ cơ sở mới được bỏ tạm giữ lô. Hãy nhờ chủ cơ sở, hoặc đổi người dùng.',
    );
    await why.hover();
    await poll(() => page.locator('.ant-tooltip').last().textContent()).toContain('Chỉ chủ cơ sở');
    await shot(page, 'staff-recall-reason');

    // Recipes: read-only, with the reason on the button that would add one.
    await page.goto(`${app.url}#/recipes`);
    const add = page.getByTestId('recipe-new');
    await add.waitFor();
    expect(await add.isDisabled()).toBe(true);
    expect(await page.locator('[data-reason]', { has: add }).getAttribute('data-reason')).toContain('chủ cơ sở');
    await page.locator('[data-testid^="recipe-open-"]').first().click();
    await poll(() => page.getByTestId('recipe-form').textContent()).toContain('Chỉ xem');
    expect(await page.getByTestId('save').count()).toBe(0);
    expect(await page.getByTestId('recipe-form').locator('input:not([disabled])').count()).toBe(0);
    await shot(page, 'staff-recipe-view');

    // The way back: switch to a user who may.
    await page.goto(`${app.url}#/users`);
    await page.getByTestId('forbidden-switch').click();
    await page.getByTestId('login').waitFor();
  });
});
