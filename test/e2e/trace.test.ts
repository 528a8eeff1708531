// Trace and recall in the browser: trace a lot typed on the trace screen, open a node of the graph,
// start a recall from there and put every affected lot on hold in one click; a held lot then cannot be
// used in a batch.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { confirmDialog, describeBrowser, poll, screenshot, startApp, type AppSession } from '../helpers/browser';

type Id = { id: number };

describeBrowser('trace and recall screens (browser mode)', () => {
  let app: AppSession;
  let raw: { id: number; code: string };
  let box: { id: number; code: string };
  let locationId: number;
  let productId: number;
  beforeAll(async () => {
    app = await startApp();
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Đồng Nai',
      taxCode: '0300588569',
      address: 'KCN Hố Nai, Đồng Nai',
    });
    locationId = (await app.api<Id>('locations.create', { name: 'Xưởng chế biến', kind: 'production' })).id;
    const sup = await app.api<Id>('partners.create', {
      kind: 'supplier',
      name: 'HTX Điều Bình Phước',
      phone: '0912 345 678',
    });
    const cus = await app.api<Id>('partners.create', {
      kind: 'customer',
      name: 'Siêu thị Co.op Biên Hòa',
      phone: '0251 3822 999',
      contactPerson: 'Chị Lan',
    });
    const pRaw = await app.api<Id>('products.create', { kind: 'raw', name: 'Hạt điều thô', code: 'DIEU', unit: 'kg' });
    productId = (
      await app.api<Id>('products.create', { kind: 'finished', name: 'Hạt điều rang muối', code: 'HDRM', unit: 'kg' })
    ).id;
    const rec = await app.api<{ lines: { lot: { id: number; code: string } }[] }>('receipts.create', {
      supplierId: sup.id,
      locationId,
      date: '2026-11-20',
      documentRef: 'PN-001',
      lines: [{ productId: pRaw.id, qty: 500, supplierLotCode: 'BP-2611', lotCode: 'DIEU-261120-001' }],
    });
    raw = rec.lines[0].lot;
    const b = await app.api<{ outputs: { lot: { id: number; code: string } }[] }>('batches.record', {
      productId,
      locationId,
      productionDate: '2026-11-25',
      inputs: [{ lotId: raw.id, qty: 300 }],
      outputs: [{ qty: 250, lotCode: 'HDRM-261125-001' }],
    });
    box = b.outputs[0].lot;
    await app.api('shipments.create', {
      kind: 'customer',
      customerId: cus.id,
      fromLocationId: locationId,
      date: '2026-11-27',
      documentRef: 'PX-001',
      lines: [{ lotId: box.id, qty: 100 }],
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('traces a typed lot, shows the graph and the table, and opens a node', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/trace`);
    const picker = page.getByTestId('trace-lots');
    await picker.click();
    await page.keyboard.type(raw.code);
    await page.keyboard.press('Enter');
    await page.getByTestId('trace-run').click();
    const graph = page.getByTestId('trace-graph');
    await poll(() => graph.locator('.react-flow__node').count()).toBeGreaterThanOrEqual(6);
    await expect(graph.locator('.react-flow__node', { hasText: `HDRM/${box.code}` }).count()).resolves.toBe(1);
    await expect(graph.locator('.react-flow__node', { hasText: 'Siêu thị Co.op Biên Hòa' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('trace-stamp').textContent()).resolves.toMatch(
      /Lập lúc \d\d\/\d\d\/\d{4} \d\d:\d\d bởi/,
    );
    await screenshot(page, 'trace-graph');

    await graph.locator('.react-flow__node', { hasText: `HDRM/${box.code}` }).click();
    const drawer = page.getByTestId('trace-node');
    await poll(() => drawer.isVisible()).toBe(true);
    await poll(() => drawer.textContent()).toContain('Siêu thị Co.op Biên Hòa');
    expect(await drawer.textContent()).toContain('300 kg');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Bảng' }).click();
    await poll(() => page.getByTestId('trace-table').locator('tr.ant-table-row').count()).toBe(2);
  });

  it('runs a recall that puts every affected lot on hold, and a held lot cannot go into a batch', async () => {
    const { page } = app;
    await page.getByTestId('trace-to-recall').click();
    await page.getByTestId('recall-scope').waitFor();
    await poll(() => page.getByTestId('recall-customers').textContent()).toContain('0251 3822 999');
    await page.getByTestId('recall-reason').fill('Nhà cung cấp báo lô nhiễm nấm mốc');
    await page.getByTestId('recall-start').click();
    await page.getByTestId('recall-hold').click();
    await confirmDialog(page, '.ant-btn-dangerous');
    await poll(() => page.getByTestId('recall-step-hold').textContent()).toContain('Đã tạm giữ 2 lô');
    await poll(() => page.getByTestId('recall-lots-table').textContent()).toContain('Tạm giữ');
    await page.getByTestId('recall-check-isolate').click();
    await poll(() => page.getByTestId('recall-step-isolate').locator('.ant-badge-status-success').count()).toBe(1);
    await screenshot(page, 'recall-record');

    for (const id of [raw.id, box.id])
      expect((await app.api<{ lot: { status: string } }>('lots.get', { id })).lot.status).toBe('on_hold');
    await expect(
      app.api('batches.record', { productId, locationId, inputs: [{ lotId: raw.id, qty: 10 }], outputs: [{ qty: 8 }] }),
    ).rejects.toThrow(/LOT_NOT_USABLE/);
    expect(app.pageErrors).toEqual([]);
  });

  it('runs a timed drill that is listed with its time, and shows the completeness score on the home screen', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/drills`);
    await page.getByTestId('drill-lots').click();
    await page.keyboard.type('BP-2611');
    await page.keyboard.press('Enter');
    await page.getByTestId('drill-start').click();
    await page.getByTestId('drill-running').waitFor();
    await poll(() => page.getByTestId('recall-scope').textContent()).toContain('Siêu thị Co.op Biên Hòa');
    await page.getByTestId('drill-confirm').click();
    await poll(() => page.getByTestId('drill-running').textContent()).toContain('Hoàn thành trong');
    await poll(() => page.getByTestId('drill-list').locator('tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('drill-list').textContent()).toContain(`DIEU/${raw.code}`);
    await screenshot(page, 'recall-drill');

    await page.goto(`${app.url}#/`);
    const card = page.getByTestId('completeness-card');
    await poll(() => card.textContent()).toContain('%');
    // Every record of the seed is complete.
    expect(await card.textContent()).toContain('100%');
    expect(app.pageErrors).toEqual([]);
  });
});
