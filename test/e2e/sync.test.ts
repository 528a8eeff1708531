// The sync screen in the browser: set the portal (the local simulator), test the connection, press "Đồng bộ"
// and see everything accepted; the home card shows the state.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, poll, screenshot, seedSetup, startApp, type AppSession } from '../helpers/browser';
import { PortalSim } from '../../main/portal-sim/server';

type Id = { id: number };

describeBrowser('sync screen (browser mode)', () => {
  let app: AppSession;
  let sim: PortalSim;
  beforeAll(async () => {
    sim = new PortalSim({ token: 'sim-token', captureLimit: 5 });
    await sim.listen();
    app = await startApp();
    await seedSetup(app);
    const loc = (await app.api<{ items: Id[] }>('locations.list', {})).items[0].id;
    const sup = await app.api<Id>('partners.create', {
      kind: 'supplier',
      name: 'HTX Chè Tân Cương',
      phone: '0912 345 678',
    });
    const raw = await app.api<Id>('products.create', {
      kind: 'raw',
      name: 'Chè búp tươi',
      code: 'CHETUOI',
      unit: 'kg',
    });
    for (let i = 1; i <= 8; i++)
      await app.api('receipts.create', {
        supplierId: sup.id,
        locationId: loc,
        date: '2026-11-20',
        documentRef: `PN-${i}`,
        lines: [{ productId: raw.id, qty: 10 * i, supplierLotCode: `TC-${i}` }],
      });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });

  it('sets the portal, tests it, syncs and shows everything accepted', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/sync`);
    await page.getByTestId('portal-url').fill(sim.url);
    await page.locator('.ant-select', { hasText: 'Không cần' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Mã truy cập (token)' }).click();
    await page.locator('input[type="password"]').fill('sim-token');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await poll(() => page.getByTestId('portal-test').isEnabled()).toBe(true);
    await page.getByTestId('portal-test').click();
    await poll(() => page.getByTestId('portal-test-result').textContent()).toContain('Kết nối tốt');

    await page.getByTestId('sync-now').click();
    await poll(() => sim.eventCount()).toBe(8);
    await poll(() => page.getByTestId('sync-status').textContent()).toContain('Xong, cổng đã nhận hết');
    const status = await app.api<{ counts: { accepted: number; total: number; pending: number } }>('sync.status', {});
    expect(status.counts.accepted).toBe(status.counts.total);
    await screenshot(page, 'sync-screen');

    await page.goto(`${app.url}#/`);
    await poll(() => page.getByTestId('sync-card').textContent()).toContain('Cổng đã nhận hết dữ liệu');
    expect(app.pageErrors).toEqual([]);
  });
});
