// `nguongoc portal set|show|test`, `nguongoc sync [status|retry]`, `nguongoc export epcis|sheet|package`,
// `nguongoc portal-sim`: the sync feature from the command line, over the same modules as the app.
import { Option } from 'commander';
import { nowIso } from '../../clock';
import { runSync, makeAdapter } from '../../sync/engine';
import { savePortal, currentPortal, portalConfig } from '../../sync/portals';
import { countByStatus, listItems, retryRejected } from '../../sync/outbox';
import { exportEpcisFile } from '../../exports/epcis';
import { writeSheetCsvFile, writeSheetXlsx } from '../../exports/sheet';
import { writePackage } from '../../exports/package';
import { circularDataset, writeCircularFile } from '../../exports/circular';
import { PortalSim, type Fault } from '../../portal-sim/server';
import { HanoiCheckSim } from '../../portal-sim/hanoicheck';
import { HANOICHECK_URL } from '../../sync/hanoicheck/adapter';
import { AppError } from '../../../shared/api/errors';
import { errorMessage, type Lang } from '../../../shared/i18n/messages';
import '../../../shared/i18n/sync';
import { CliExit, dataCommand, UsageError, type CliEnv, type CommandModule } from './program';
import type { AuthKind } from '../../sync/types';

const w = (lang: Lang, vi: string, en: string) => (lang === 'en' ? en : vi);
/** `sync status --db F`: commander hands options shared with the parent `sync` to the parent; merge them back. */
const merged = (parent: { opts(): Record<string, unknown> }, own: Record<string, unknown>) => {
  const out: Record<string, unknown> = { ...parent.opts() };
  for (const [k, v] of Object.entries(own)) if (v !== undefined) out[k] = v;
  return out as Record<string, never>;
};
const collect = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export const syncCommands: CommandModule = (program, env) => {
  const portal = program
    .command('portal')
    .description('cài đặt cổng truy xuất nguồn gốc / traceability portal settings');
  dataCommand(
    portal
      .command('set')
      .description('đặt địa chỉ và thông tin đăng nhập cổng / set the portal address and login')
      .addOption(
        new Option('--type <type>', 'loại cổng / portal type')
          .choices(['epcis', 'file', 'hanoicheck'])
          .default('epcis'),
      )
      .option('--url <url>', 'địa chỉ cổng (EPCIS: …/capture ở dưới) / portal base URL')
      .option('--dir <folder>', 'thư mục ghi gói tệp (loại file) / folder for file packages')
      .option('--token <token>', 'mã truy cập (Bearer) / bearer token')
      .option('--username <user>', 'tên đăng nhập (HTTP basic) / basic-auth user')
      .option('--password <password>', 'mật khẩu (HTTP basic) / basic-auth password')
      .option('--client-id <id>', 'mã ứng dụng OAuth2 (client id) / OAuth2 client id')
      .option('--client-secret <secret>', 'khoá bí mật OAuth2 (client secret) / OAuth2 client secret')
      .option('--token-url <url>', 'địa chỉ lấy token OAuth2 / OAuth2 token URL')
      .option('--timeout <ms>', 'thời gian chờ mỗi yêu cầu (ms) / request timeout (ms)', (v) => Number(v)),
  ).action(async (opts) => {
    const lang = env.lang(opts);
    const hanoicheck = opts.type === 'hanoicheck';
    const auth: AuthKind = opts.clientId ? 'oauth2' : opts.username ? 'basic' : opts.token ? 'bearer' : 'none';
    if (opts.type === 'epcis' && !opts.url)
      throw new UsageError(w(lang, 'Cần --url (địa chỉ cổng EPCIS).', '--url is required.'));
    if (hanoicheck && (!opts.clientId || !opts.clientSecret))
      throw new UsageError(
        w(lang, 'HanoiCheck cần --client-id và --client-secret.', 'HanoiCheck needs --client-id and --client-secret.'),
      );
    if (hanoicheck) opts.url ??= HANOICHECK_URL;
    if (auth === 'oauth2' && !hanoicheck && (!opts.tokenUrl || !opts.clientSecret))
      throw new UsageError(
        w(
          lang,
          'OAuth2 cần --client-id, --client-secret và --token-url.',
          'OAuth2 needs --client-id, --client-secret and --token-url.',
        ),
      );
    const secret =
      auth === 'oauth2'
        ? opts.clientSecret
        : auth === 'basic'
          ? (opts.password ?? '')
          : auth === 'bearer'
            ? opts.token
            : null;
    await env.withCore(opts, (core) => {
      const p = core.db.transaction(() =>
        savePortal(
          core.db,
          {
            type: opts.type,
            url: opts.type === 'file' ? (opts.dir ?? opts.url) : opts.url,
            auth,
            secret,
            settings: {
              clientId: opts.clientId,
              tokenUrl: opts.tokenUrl,
              username: opts.username,
              timeoutMs: opts.timeout,
              outDir: opts.dir,
            },
          },
          nowIso(),
        ),
      )();
      env.print(opts, p, () =>
        w(
          lang,
          `Đã lưu cổng ${p.name}: ${p.url} (đăng nhập: ${p.auth}${p.hasSecret ? ', thông tin đăng nhập đã mã hoá' : ''}).`,
          `Saved portal ${p.name}: ${p.url} (auth: ${p.auth}${p.hasSecret ? ', credentials encrypted' : ''}).`,
        ),
      );
    });
  });

  dataCommand(portal.command('test').description('thử kết nối tới cổng / test the connection')).action(async (opts) => {
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      async (core) => {
        const p = currentPortal(core.db);
        if (!p) throw new AppError('PORTAL_NOT_SET');
        const r = await makeAdapter(portalConfig(core.db, p.id), core.db).test();
        const message = r.ok
          ? w(
              lang,
              `Kết nối tốt tới ${p.url}. ${r.capabilities?.captureLimit ? `Cổng nhận tối đa ${r.capabilities.captureLimit} sự kiện mỗi lần.` : ''}`.trim(),
              `Connected to ${p.url}. ${r.capabilities?.captureLimit ? `Capture limit: ${r.capabilities.captureLimit} events.` : ''}`.trim(),
            )
          : errorMessage(r.code!, r.params, lang);
        env.print(opts, { ...r, message }, () => message);
        if (!r.ok) throw new CliExit(1);
      },
      { mustExist: true },
    );
  });

  const sync = dataCommand(
    program
      .command('sync')
      .description('gửi mọi dữ liệu chưa gửi lên cổng, chạy tới khi xong / send everything pending to the portal')
      .option('--quiet', 'không in tiến độ / no progress lines'),
  ).action(async (opts) => {
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      async (core) => {
        let last = -1;
        const r = await runSync(core.db, {
          onProgress: (p) => {
            if (opts.json || opts.quiet || p.done === last) return;
            last = p.done;
            env.io.err(`${p.done}/${p.total}${p.phase === 'waiting' && p.message ? ` — ${p.message}` : ''}`);
          },
        });
        const msg = r.error
          ? lang === 'en'
            ? r.error.messageEn
            : r.error.message
          : w(
              lang,
              `Đã gửi: ${r.accepted} được nhận, ${r.rejected} bị từ chối. Còn chờ gửi: ${r.counts.pending}.`,
              `Sent: ${r.accepted} accepted, ${r.rejected} rejected. Still pending: ${r.counts.pending}.`,
            );
        env.print(opts, { ...r, message: msg }, () => msg);
        if (r.outcome !== 'done') throw new CliExit(1);
      },
      { mustExist: true },
    );
  });

  dataCommand(
    sync.command('status').description('số mục chờ gửi, đã nhận, bị từ chối / sync counts and rejected items'),
  ).action(async (own) => {
    const opts = merged(sync, own);
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      (core) => {
        const p = currentPortal(core.db);
        const counts = countByStatus(core.db, p?.id ?? null);
        const rejected = p ? listItems(core.db, p.id, { status: 'rejected', limit: 100, offset: 0, lang }).items : [];
        const data = {
          portal: p
            ? { url: p.url, type: p.type, auth: p.auth, lastSyncAt: p.lastSyncAt, lastSyncResult: p.lastSyncResult }
            : null,
          counts,
          rejected,
        };
        env.print(opts, data, () =>
          [
            p
              ? w(
                  lang,
                  `Cổng: ${p.url} · lần đồng bộ cuối: ${p.lastSyncAt ?? 'chưa'} (${p.lastSyncResult ?? '-'})`,
                  `Portal: ${p.url} · last sync: ${p.lastSyncAt ?? 'never'} (${p.lastSyncResult ?? '-'})`,
                )
              : errorMessage('PORTAL_NOT_SET', {}, lang),
            w(
              lang,
              `Chờ gửi: ${counts.pending} · Đã nhận: ${counts.accepted} · Bị từ chối: ${counts.rejected} · Tổng: ${counts.total}`,
              `Pending: ${counts.pending} · Accepted: ${counts.accepted} · Rejected: ${counts.rejected} · Total: ${counts.total}`,
            ),
            ...rejected.map((i) => `  ✗ ${i.label} ${i.eventId ?? ''}: ${i.reason}`),
          ].join('\n'),
        );
      },
      { mustExist: true },
    );
  });

  dataCommand(
    sync.command('retry').description('đưa các mục bị từ chối về hàng chờ gửi / requeue rejected items'),
  ).action(async (own) => {
    const opts = merged(sync, own);
    const lang = env.lang(opts);
    await env.withCore(
      opts,
      (core) => {
        const p = currentPortal(core.db);
        if (!p) throw new AppError('PORTAL_NOT_SET');
        const n = retryRejected(core.db, p.id, nowIso());
        env.print(opts, { requeued: n }, () => w(lang, `Đã đưa ${n} mục về hàng chờ gửi.`, `${n} items requeued.`));
      },
      { mustExist: true },
    );
  });

  const exp = program.command('export').description('xuất dữ liệu truy xuất ra tệp / export traceability data');
  for (const kind of ['epcis', 'sheet', 'package', 'circular'] as const) {
    dataCommand(
      exp
        .command(kind)
        .description(
          {
            epcis: 'tài liệu EPCIS 2.0 JSON-LD / EPCIS 2.0 JSON-LD document',
            sheet: 'bảng tính sự kiện (.xlsx hoặc .csv) / events spreadsheet (.xlsx or .csv)',
            package: 'gói ZIP: EPCIS + bảng tính + dữ liệu Thông tư 02/2024 / ZIP package',
            circular: 'dữ liệu 10 mục theo Thông tư 02/2024 và các mục còn thiếu / Circular 02/2024 dataset with gaps',
          }[kind],
        )
        .option('--from <date>', 'từ ngày YYYY-MM-DD / from date')
        .option('--to <date>', 'đến ngày YYYY-MM-DD / to date')
        .option('--lot <code>', 'mã lô (lặp lại hoặc cách nhau bởi dấu phẩy) / lot codes', collect)
        .option('--out <file>', 'tệp kết quả / output file'),
    ).action(async (opts) => {
      const lang = env.lang(opts);
      for (const d of [opts.from, opts.to])
        if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d))
          throw new UsageError(w(lang, `Ngày "${d}" phải có dạng YYYY-MM-DD.`, `Date "${d}" must be YYYY-MM-DD.`));
      if (kind !== 'circular' && !opts.out)
        throw new UsageError(w(lang, 'Cần --out (tệp kết quả).', '--out is required.'));
      const filter = { from: opts.from, to: opts.to, lots: opts.lot };
      await env.withCore(
        opts,
        async (core) => {
          const creationDate = nowIso();
          let data: Record<string, unknown>;
          if (kind === 'epcis')
            data = { ...(await exportEpcisFile(core.db, filter, opts.out, { creationDate })), file: opts.out };
          else if (kind === 'sheet')
            data = {
              rows: opts.out.toLowerCase().endsWith('.csv')
                ? await writeSheetCsvFile(core.db, filter, opts.out, lang)
                : await writeSheetXlsx(core.db, filter, opts.out, lang),
              file: opts.out,
            };
          else if (kind === 'package')
            data = { ...(await writePackage(core.db, filter, opts.out, { creationDate, lang })) };
          else if (opts.out) data = await writeCircularFile(core.db, filter, opts.out, lang);
          else {
            const ds = circularDataset(core.db, lang, filter);
            env.print(opts, ds, () =>
              ds
                .map(
                  (p) =>
                    `${p.code}: ${p.missing.length ? w(lang, 'còn thiếu ', 'missing ') + p.missingText : w(lang, 'đủ 10 mục', 'complete')}`,
                )
                .join('\n'),
            );
            return;
          }
          env.print(opts, data, () =>
            w(lang, `Đã ghi ${opts.out}: ${JSON.stringify(data)}`, `Wrote ${opts.out}: ${JSON.stringify(data)}`),
          );
        },
        { mustExist: true },
      );
    });
  }

  program
    .command('portal-sim')
    .description('cổng TXNG mô phỏng (EPCIS 2.0 hoặc HanoiCheck) để tập huấn và kiểm thử / local portal simulator')
    .addOption(
      new Option('--profile <profile>', 'loại cổng mô phỏng / which interface')
        .choices(['epcis', 'hanoicheck'])
        .default('epcis'),
    )
    .option('--port <n>', 'cổng mạng / port', (v) => Number(v), 8090)
    .option('--host <host>', 'địa chỉ lắng nghe / listen address', '127.0.0.1')
    .option('--data <dir>', 'thư mục lưu dữ liệu đã nhận / data folder')
    .option('--token <token>', 'mã truy cập bắt buộc / required bearer token')
    .option('--client-id <id>', 'mã ứng dụng OAuth2 được chấp nhận / accepted OAuth2 client id')
    .option('--client-secret <secret>', 'khoá bí mật OAuth2 được chấp nhận / accepted OAuth2 client secret')
    .option('--token-ttl <sec>', 'thời hạn token OAuth2 (giây) / token lifetime', (v) => Number(v))
    .option('--capture-limit <n>', 'số sự kiện tối đa mỗi lần gửi / capture limit', (v) => Number(v))
    .option('--fail-rate <r>', 'tỉ lệ lỗi ngẫu nhiên 0–1 / random fault rate', (v) => Number(v))
    .option('--latency <ms>', 'độ trễ mỗi yêu cầu / latency per request', (v) => Number(v))
    .option('--reject-match <text>', 'từ chối sự kiện có chứa chuỗi này / reject events containing this text')
    .option('--faults <list>', 'lỗi cho các lần gửi đầu, ví dụ drop,500,429 / faults for the first captures')
    .option('--accept <types>', 'kiểu dữ liệu nhận, ví dụ application/json / content types accepted', (v) =>
      v.split(',').map((x) => x.trim()),
    )
    .option('--hide-limits', 'chỉ báo giới hạn trong trả lời 413, không qua OPTIONS / limits only in 413 answers')
    .action(async (opts) => {
      if (opts.profile === 'hanoicheck') return runHanoiCheckSim(env, opts);
      const sim = new PortalSim({
        port: opts.port,
        host: opts.host,
        dataDir: opts.data,
        token: opts.token,
        clientId: opts.clientId,
        clientSecret: opts.clientSecret,
        tokenTtlSec: opts.tokenTtl,
        captureLimit: opts.captureLimit,
        announceLimits: !opts.hideLimits,
        contentTypes: opts.accept,
        failRate: opts.failRate,
        latencyMs: opts.latency,
        rejectMatch: opts.rejectMatch,
        log: env.io.err,
      });
      if (opts.faults) sim.faults.push(...(String(opts.faults).split(',') as Fault[]));
      const url = await sim.listen();
      env.io.out(
        `Cổng TXNG mô phỏng đang chạy: ${url} (EPCIS: ${url}/capture · trang xem: ${url}/). Nhấn Ctrl+C để dừng.`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => void sim.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
};

/** HanoiCheck's supplier API on this PC; without --client-id/--client-secret a demo pair is accepted. */
async function runHanoiCheckSim(env: CliEnv, opts: Record<string, string | number | undefined>): Promise<void> {
  const clientId = String(opts.clientId ?? 'nguongoc-demo');
  const clientSecret = String(opts.clientSecret ?? 'hmac_secret_demo');
  const sim = new HanoiCheckSim({
    port: Number(opts.port),
    host: String(opts.host),
    clientId,
    clientSecret,
    tokenTtlSec: opts.tokenTtl === undefined ? undefined : Number(opts.tokenTtl),
    rejectMatch: opts.rejectMatch === undefined ? undefined : String(opts.rejectMatch),
    log: env.io.err,
  });
  const url = await sim.listen();
  env.io.out(
    `HanoiCheck mô phỏng đang chạy: ${url} (client id: ${clientId}, client secret: ${clientSecret}; trang xem: ${url}/). Nhấn Ctrl+C để dừng.`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => void sim.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
