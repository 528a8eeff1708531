// Recording commands: `nguongoc lots` (lot list with balances) and `nguongoc demo` (build a demo business).
import fs from 'node:fs';
import { Option } from 'commander';
import { unitLabel } from '../../../shared/domain/units';
import { STATE_WORDS } from '../../../shared/i18n/records';
import { CliExit, dataCommand, EXIT_DOMAIN, UsageError, type CommandModule } from './program';

export const recordCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('lots')
      .description(
        'liệt kê các lô: sản phẩm, mã lô, tồn, đơn vị, hạn dùng, trạng thái / list lots with balance, expiry and status',
      )
      .option('--product <id>', 'chỉ một sản phẩm (mã số) / only one product (id)')
      .option('--search <text>', 'tìm theo mã lô hoặc tên sản phẩm / search lot code or product name')
      .option('--in-stock', 'chỉ lô còn hàng / only lots with stock')
      .addOption(new Option('--limit <n>', 'số dòng tối đa / max rows').default('100')),
  ).action(async (opts) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit: ${opts.limit}`);
    const product = opts.product === undefined ? undefined : Number(opts.product);
    if (product !== undefined && !(Number.isInteger(product) && product > 0))
      throw new UsageError(`--product: ${opts.product}`);
    await env.withCore(
      opts,
      (core) => {
        const lang = env.lang(opts);
        const res = core.call(
          'lots.list',
          {
            productId: product,
            search: opts.search,
            inStock: opts.inStock ? true : undefined,
            limit,
            sort: 'createdAt',
          },
          { lang, user: 'cli' },
        );
        if (!res.ok) {
          env.io.err(`${lang === 'en' ? 'Error' : 'Lỗi'} [${res.error.code}]: ${res.error.message}`);
          throw new CliExit(EXIT_DOMAIN);
        }
        const { items, total } = res.data as {
          items: {
            productName: string;
            code: string;
            balance: number;
            unit: string;
            expiryDate: string | null;
            state: string;
            status: string;
            id: number;
            productId: number;
            supplierLotCode: string | null;
          }[];
          total: number;
        };
        const rows = items.map((l) => ({
          id: l.id,
          productId: l.productId,
          product: l.productName,
          code: l.code,
          supplierLotCode: l.supplierLotCode,
          balance: l.balance,
          unit: l.unit,
          expiry: l.expiryDate,
          status: l.status,
          state: l.state,
        }));
        env.print(opts, { total, lots: rows }, () => {
          const head =
            lang === 'en'
              ? ['Product', 'Lot', 'Balance', 'Unit', 'Expiry', 'Status']
              : ['Sản phẩm', 'Mã lô', 'Tồn', 'ĐVT', 'Hạn dùng', 'Trạng thái'];
          const body = rows.map((r) => [
            r.product,
            r.code,
            r.balance.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 3 }),
            unitLabel(r.unit, lang),
            r.expiry ?? '—',
            STATE_WORDS[lang][r.state] ?? r.state,
          ]);
          const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...body.map((b) => b[i].length))));
          const fmt = (cols: string[]) =>
            cols
              .map((c, i) => (c.length > widths[i] ? c.slice(0, widths[i] - 1) + '…' : c.padEnd(widths[i])))
              .join('  ')
              .trimEnd();
          const footer = lang === 'en' ? `${rows.length} of ${total} lots` : `${rows.length} / ${total} lô`;
          return [fmt(head), ...body.map(fmt), footer].join('\n');
        });
      },
      { mustExist: true },
    );
  });

  dataCommand(
    program
      .command('demo')
      .description(
        'tạo dữ liệu mẫu của một doanh nghiệp Đồng Nai (điều, cà phê, giò lụa) / build a realistic demo business',
      )
      .addOption(new Option('--scenario <name>', 'kịch bản / scenario').default('dongnai'))
      .addOption(
        new Option('--scale <n>', 'khoảng bao nhiêu mẻ sản xuất / about how many production batches').default('200'),
      )
      .addOption(new Option('--seed <n>', 'hạt giống ngẫu nhiên (cùng hạt → cùng dữ liệu) / random seed').default('1'))
      .option('--end <date>', 'ngày cuối của dữ liệu (YYYY-MM-DD, mặc định hôm nay) / last day of the data'),
  ).action(async (opts) => {
    const scale = Number(opts.scale);
    const seed = Number(opts.seed);
    if (!Number.isInteger(scale) || scale < 1 || scale > 10_000_000) throw new UsageError(`--scale: ${opts.scale}`);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed: ${opts.seed}`);
    if (opts.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.end)) throw new UsageError(`--end: ${opts.end}`);
    const en = env.lang(opts) === 'en';
    const { SCENARIOS, buildDemo, demoClock } = await import('../../demo');
    if (!(SCENARIOS as readonly string[]).includes(opts.scenario))
      throw new UsageError(`--scenario: ${opts.scenario} (${SCENARIOS.join(', ')})`);
    const { openCore } = await import('../../core');
    const { resolveDbPath } = await import('../../paths');
    const dbPath = resolveDbPath(opts.db);
    const clock = demoClock();
    if (dbPath !== ':memory:' && fs.existsSync(dbPath)) {
      const target = openCore({ dbPath, host: 'cli', clock });
      try {
        const used = target.db
          .prepare('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM business) AS n')
          .get() as { n: number };
        if (used.n > 0)
          throw new UsageError(
            en
              ? `The database ${dbPath} already has data; the demo needs a new file.`
              : `Cơ sở dữ liệu ${dbPath} đã có dữ liệu; dữ liệu mẫu cần một tệp mới.`,
          );
      } finally {
        target.close();
      }
    }
    // The demo is built fast (no flush per commit) into a file beside the target and renamed into place once
    // complete and flushed: a build that is killed half-way leaves no damaged file under the real name.
    const building = dbPath === ':memory:' ? dbPath : `${dbPath}.building`;
    const removeFiles = (f: string) =>
      ['', '-wal', '-shm', '-journal'].forEach((x) => fs.rmSync(f + x, { force: true }));
    if (building !== dbPath) removeFiles(building);
    const core = openCore({ dbPath: building, host: 'cli', clock });
    try {
      core.db.pragma('synchronous = OFF');
      core.db.pragma('journal_mode = MEMORY');
      // 256 MB of page cache: the indexes a million batches write into stay in memory (the build stays under 1 GB).
      core.db.pragma('cache_size = -262144');
      const report = buildDemo(core, clock, {
        scenario: opts.scenario,
        scale,
        seed,
        endDate: opts.end,
        log: opts.json ? undefined : (l) => env.io.err(l),
      });
      core.db.pragma('journal_mode = DELETE');
      core.db.pragma('synchronous = FULL');
      if (building !== dbPath) {
        core.close();
        const fd = fs.openSync(building, 'r+');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        removeFiles(dbPath);
        fs.renameSync(building, dbPath);
      }
      const bytes = dbPath === ':memory:' ? 0 : fs.statSync(dbPath).size;
      // CPU time tells the builder's own cost apart from waiting for a busy machine.
      const out = {
        ...report,
        cpuSeconds: Math.round((process.cpuUsage().user / 1e6) * 10) / 10,
        dbPath,
        dbBytes: bytes,
      };
      env.print(opts, out, () =>
        en
          ? `Demo business built in ${report.seconds.toFixed(1)} s: ${report.counts.batches} batches, ${report.counts.receipts} receipts, ${report.counts.shipments} shipments (${report.from} → ${report.to}); ${(bytes / 1e6).toFixed(1)} MB in ${dbPath}`
          : `Đã tạo dữ liệu mẫu trong ${report.seconds.toFixed(1)} giây: ${report.counts.batches} mẻ sản xuất, ${report.counts.receipts} phiếu nhập, ${report.counts.shipments} phiếu xuất (${report.from} → ${report.to}); ${(bytes / 1e6).toFixed(1)} MB tại ${dbPath}`,
      );
    } finally {
      core.close();
      if (building !== dbPath) removeFiles(building);
    }
  });
};
