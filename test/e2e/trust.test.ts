// Issue #7 in the browser: PIN login, staff cannot open settings, an import with errors shows them
// by row, and a trainer resets the workshop database.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, poll, screenshot, seedSetup, startApp, TOKEN, type AppSession } from '../helpers/browser';

describeBrowser('users, import and workshop (browser mode)', () => {
  let app: AppSession;
  const call = async <T>(method: string, input: unknown, session?: string): Promise<T> => {
    const res = await fetch(`${app.url}api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${TOKEN}`,
        ...(session ? { 'X-Nguongoc-Session': session } : {}),
      },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body.data;
  };
  beforeAll(async () => {
    app = await startApp();
    await seedSetup(app);
    const owner = await call<{ session: string }>('users.setup', { name: 'Chị Hoa', pin: '2468' });
    await call('users.create', { name: 'Minh', role: 'staff', pin: '1357' }, owner.session);
    await call('users.create', { name: 'Thầy Nam', role: 'trainer', pin: '8642' }, owner.session);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const login = async (name: string, pin: string) => {
    const { page } = app;
    await page.getByTestId(`login-user-${name}`).click();
    await page.getByTestId('login-pin').fill(pin);
    await page.getByTestId('login-submit').click();
  };
  const switchUser = async () => {
    // The user menu is an animated dropdown: a click that lands while it opens or closes is lost on a
    // busy machine, so open it again until the login screen shows.
    for (let attempt = 1; ; attempt++) {
      try {
        await app.page.getByTestId('user-chip').click();
        await app.page.getByRole('menuitem', { name: 'Đổi người dùng' }).click({ timeout: 5_000 });
        await app.page.getByTestId('login').waitFor({ timeout: 10_000 });
        return;
      } catch (err) {
        if (attempt >= 4) throw err;
        // Close a half-open menu before trying again.
        await app.page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  };

  it('asks for a PIN; staff cannot open settings; the owner can', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByTestId('login').waitFor();
    await login('Minh', '0000');
    await poll(() => page.getByTestId('login-error').textContent()).toContain('Mã PIN không đúng');
    await login('Minh', '1357');
    await poll(() => page.getByTestId('user-chip').textContent()).toContain('Minh');
    await page.goto(`${app.url}#/settings`);
    await poll(() => page.getByTestId('forbidden').isVisible()).toBe(true);
    await screenshot(page, 'staff-settings-forbidden');
    await switchUser();
    await login('Chị Hoa', '2468');
    await poll(() => page.getByTestId('settings-lang').isVisible()).toBe(true);
  });

  it('shows the problems of an import by row and column', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/import`);
    const csv =
      'Mã sản phẩm,Tên sản phẩm,Loại,Đơn vị,Mã vạch GTIN\nA1,Điều rang,Thành phẩm,kg,\nA1,Trùng mã,Thành phẩm,kg,\nA3,GTIN sai,Thành phẩm,kg,9520000000012\n';
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'san-pham.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await poll(() => page.getByTestId('import-summary').textContent()).toContain('3 dòng: 1 dòng đúng, 2 dòng có lỗi');
    const problems = page.getByTestId('import-problems');
    await poll(() => problems.locator('tbody tr').count()).toBe(2);
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('3');
    expect(rows[0]).toContain('Trùng với dòng 2');
    expect(rows[1]).toContain('Mã vạch GTIN');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, 'import-errors');
  });

  it('a trainer resets the workshop database', async () => {
    const { page } = app;
    // Turn this test database into a training database (the CLI's `nguongoc workshop` builds one).
    const db = new Database(app.dbPath);
    db.prepare(
      "INSERT INTO settings (key, value) VALUES ('workshop', '1'), ('workshop.resetAt', '2000-01-01') ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run();
    db.close();
    await page.goto(`${app.url}#/workshop`);
    await switchUser();
    await login('Thầy Nam', '8642');
    await poll(() => page.getByTestId('workshop-banner').isVisible()).toBe(true);
    await page.getByTestId('workshop-reset').click();
    await page.getByTestId('workshop-reset-ok').click();
    // After the reset the training data is the demo business and nobody is signed in (no users): open.
    await expect
      .poll(() => page.getByTestId('workshop-checklist').isVisible(), { timeout: 90_000, interval: 200 })
      .toBe(true);
    await poll(() => call<{ total: number }>('products.list', {}).then((r) => r.total)).toBeGreaterThan(5);
    await poll(() => page.getByTestId('step-product').isVisible()).toBe(true);
    expect(await call<{ configured: boolean }>('users.status', {}).then((s) => s.configured)).toBe(false);
    await screenshot(page, 'workshop-after-reset');
  }, 120_000);
});
