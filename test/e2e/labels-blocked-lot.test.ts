// Labels for a recalled lot in the browser: staff see why they cannot print and the button stays off; the owner
// prints with a reason kept in the audit log, and "Print again" in the print log asks the owner's reason again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, chooseOption, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';
import { runCli } from '../helpers/dist';

type Id = { id: number };
type Envelope<T> = { ok: boolean; data: T; error?: { code: string; message: string } };

describeBrowser('labels of a recalled lot (browser mode)', () => {
  let app: AppSession;
  let productId = 0;
  let lotId = 0;
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
    return (await res.json()) as Envelope<T>;
  };
  const signIn = async (who: string, pin: string) => {
    const { page } = app;
    await page.goto(`${app.url}#/`);
    const login = page.getByTestId('login');
    await login.or(page.getByTestId('user-chip')).first().waitFor();
    if (!(await login.isVisible())) {
      await page.getByTestId('user-chip').click();
      await page.getByRole('menuitem', { name: 'Đổi người dùng' }).click();
      await login.waitFor();
    }
    await page.getByTestId(`login-user-${who}`).click();
    await page.getByTestId('login-pin').fill(pin);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('user-chip').textContent()).toContain(who);
  };
  let owner = '';

  beforeAll(async () => {
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Đồng Nai',
      taxCode: '0300588569',
      address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
      province: 'Đồng Nai',
    });
    const loc = await app.api<Id>('locations.create', { name: 'Kho thành phẩm', kind: 'warehouse' });
    productId = (
      await app.api<Id>('products.create', {
        kind: 'finished',
        name: 'Hạt điều rang muối',
        code: 'HDRM',
        unit: 'kg',
        gtin: '9520000000011',
        netQuantity: '500 g',
        ingredients: 'Hạt điều (98%), muối',
        storage: 'Nơi khô ráo, thoáng mát',
        usage: 'Dùng ngay sau khi mở bao',
        warnings: 'Không dùng cho người dị ứng hạt điều',
        origin: 'Việt Nam',
      })
    ).id;
    // Opening stock is not offered to the page (nor over HTTP): the CLI records it, as at the shop PC.
    const opening = await runCli([
      'api',
      'lots.createOpening',
      JSON.stringify({
        productId,
        locationId: loc.id,
        qty: 10,
        lotCode: 'L261129-07',
        productionDate: '2026-11-29',
        expiryDate: '2027-11-29',
      }),
      '--db',
      app.dbPath,
    ]);
    expect(opening.code, opening.stderr).toBe(0);
    lotId = (JSON.parse(opening.stdout) as Id).id;
    await app.api('printers.save', {
      name: 'Máy in tem',
      uri: 'file:tem.prn',
      language: 'tspl',
      dpi: 203,
      labelWidthMm: 50,
      labelHeightMm: 30,
    });
    await app.api('lots.setStatus', { lotIds: [lotId], status: 'recalled', reason: 'Quyết định thu hồi 07/QĐ' });
    owner = (await post<{ session: string }>('users.setup', { name: 'Chị Hoa', pin: '2468' })).data.session;
    await post('users.create', { name: 'Minh', role: 'staff', pin: '1357' }, owner);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const openPrint = async () => {
    const { page } = app;
    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    await page.getByTestId('print-blocked').waitFor();
    const img = page.getByTestId('label-preview');
    await poll(async () => (await img.getAttribute('src')) ?? '').toMatch(/^data:image\/png;base64,/);
  };

  it('staff cannot print it; the owner prints with a reason that the audit log keeps; a reprint asks again', async () => {
    const { page } = app;
    await signIn('Minh', '1357');
    await openPrint();
    const alert = page.getByTestId('print-blocked');
    expect(await alert.textContent()).toContain('Lô L261129-07 đang "thu hồi"');
    expect(await alert.textContent()).toContain('Chỉ chủ cơ sở mới in tem lô này. Hãy báo chủ cơ sở.');
    expect(await page.getByTestId('print-override-reason').count()).toBe(0);
    expect(await page.getByTestId('print-go').isDisabled()).toBe(true);
    await screenshot(page, 'labels-print-recalled-staff');

    await signIn('Chị Hoa', '2468');
    await openPrint();
    expect(await page.getByTestId('print-go').isDisabled()).toBe(true);
    await page.getByTestId('print-override-reason').fill('Tem niêm phong hàng thu hồi về kho');
    await poll(() => page.getByTestId('print-go').isEnabled()).toBe(true);
    await screenshot(page, 'labels-print-recalled-owner');
    await page.getByTestId('print-go').click();
    await poll(() => page.getByTestId('print-status').textContent()).toContain('Đã in');

    const log = await post<{ items: { user: string; before: unknown; after: Record<string, unknown> }[] }>(
      'audit.list',
      { action: 'lots.override' },
      owner,
    );
    expect(log.data.items).toHaveLength(1);
    expect(log.data.items[0]).toMatchObject({
      user: 'Chị Hoa',
      before: { status: 'recalled', lot: 'L261129-07' },
      after: { use: 'label', reason: 'Tem niêm phong hàng thu hồi về kho', template: 'default:food-50x30' },
    });

    // Print again from the log: the owner is asked for the reason again.
    const jobs = await post<{ items: { id: number }[] }>('print.jobs', { lotId }, owner);
    const first = jobs.data.items[0].id;
    await page.goto(`${app.url}#/labels/log`);
    await page.getByTestId(`print-again-${first}`).click();
    await page.getByTestId('print-again-reason').waitFor();
    await page.getByTestId('print-again-reason').fill('In bù tem bị rách khi dán');
    await poll(() => page.getByRole('button', { name: 'In với lý do này' }).isEnabled()).toBe(true);
    await poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-fade-appear').count()).toBe(0);
    await screenshot(page, 'labels-log-recalled-again');
    await page.getByRole('button', { name: 'In với lý do này' }).click();
    await poll(async () => (await post<{ total: number }>('print.jobs', { lotId }, owner)).data.total).toBe(2);
    const again = await post<{ items: { after: Record<string, unknown> }[] }>(
      'audit.list',
      { action: 'lots.override' },
      owner,
    );
    expect(again.data.items.map((x) => x.after.reason).sort()).toEqual([
      'In bù tem bị rách khi dán',
      'Tem niêm phong hàng thu hồi về kho',
    ]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a carton label shows the next SSCC and prints with a new one from the GS1 prefix', async () => {
    const { page } = app;
    const biz = await post(
      'business.update',
      {
        name: 'Công ty TNHH Hạt Điều Đồng Nai',
        taxCode: '0300588569',
        address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
        province: 'Đồng Nai',
        gs1CompanyPrefix: '9521234',
      },
      owner,
    );
    expect(biz.error).toBeUndefined();
    const printer = await post<Id>(
      'printers.save',
      { name: 'Máy in thùng', uri: 'file:thung.prn', language: 'zpl', dpi: 203, labelWidthMm: 100, labelHeightMm: 150 },
      owner,
    );
    expect(printer.error).toBeUndefined();
    await post('lots.setStatus', { lotIds: [lotId], status: 'available', reason: 'Kiểm nghiệm đạt' }, owner);
    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    // A fresh page: the printer list and lot state were cached by the first test.
    await page.reload();
    await chooseOption(page, 'print-template', 'Tem thùng 100×150');
    await chooseOption(page, 'print-printer', 'Máy in thùng');
    await poll(() => page.getByTestId('print-sscc').textContent()).toContain('095212340000000013');
    await poll(() => page.getByTestId('print-go').isEnabled()).toBe(true);
    await settle(page);
    await screenshot(page, 'labels-print-carton-sscc');
    await page.getByTestId('print-go').click();
    await poll(() => page.getByTestId('print-status').textContent()).toContain('Đã in');
    const jobs = await post<{ items: { sscc: string | null; printerId: number }[] }>('print.jobs', {}, owner);
    expect(jobs.data.items[0]).toMatchObject({ sscc: '095212340000000013', printerId: printer.data.id });
    await poll(() => page.getByTestId('print-sscc').textContent()).toContain('095212340000000013');
    expect(app.pageErrors).toEqual([]);
  });
});
