// Foundation commands: api, methods, check, serve.
import path from 'node:path';
import { Option } from 'commander';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { startHttpHost } from '../http';
import { startBackgroundDuties } from '../background';
import { CliExit, dataCommand, EXIT_DOMAIN, UsageError, type CommandModule } from './program';

export const coreCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('api')
      .description('gọi một chức năng API với dữ liệu JSON / call any API method with JSON input')
      .argument('<method>', 'tên chức năng, ví dụ products.create / method name')
      .argument('[json]', "dữ liệu vào dạng JSON, hoặc '-' để đọc từ stdin / JSON input, or '-' for stdin", '{}'),
  ).action(async (methodName: string, json: string, opts) => {
    const text = json === '-' ? await env.io.readStdin() : json;
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new UsageError(
        env.lang(opts) === 'en'
          ? `The input is not valid JSON: ${text.slice(0, 80)}`
          : `Dữ liệu vào không phải JSON hợp lệ: ${text.slice(0, 80)}`,
      );
    }
    await env.withCore(opts, (core) => {
      const res = core.call(methodName, input, { lang: env.lang(opts), user: 'cli' });
      if (res.ok) {
        env.io.out(JSON.stringify(res.data, null, 2));
        return;
      }
      env.io.err(`${env.lang(opts) === 'en' ? 'Error' : 'Lỗi'} [${res.error.code}]: ${res.error.message}`);
      for (const f of res.error.fields?.slice(1) ?? []) env.io.err(`  - ${f.path}: ${f.message}`);
      if (opts.json) env.io.out(JSON.stringify({ ok: false, error: res.error }, null, 2));
      throw new CliExit(EXIT_DOMAIN);
    });
  });

  program
    .command('methods')
    .description('liệt kê các chức năng API / list API methods')
    .option('--json', 'in dạng JSON / print JSON')
    .action((opts) => env.print(opts, METHOD_NAMES, () => METHOD_NAMES.join('\n')));

  dataCommand(
    program
      .command('check')
      .description('kiểm tra toàn vẹn cơ sở dữ liệu (PRAGMA integrity_check) / check database integrity'),
  ).action(async (opts) => {
    await env.withCore(
      opts,
      (core) => {
        const report = core.run('system.check', {});
        const en = env.lang(opts) === 'en';
        env.print(opts, report, () =>
          report.ok
            ? en
              ? `Database OK: ${core.dbPath}`
              : `Cơ sở dữ liệu tốt: ${core.dbPath}`
            : (en ? 'Database has problems:\n' : 'Cơ sở dữ liệu có lỗi:\n') +
              report.problems.join('\n') +
              (report.foreignKeyProblems ? `\nforeign keys: ${report.foreignKeyProblems}` : ''),
        );
        if (!report.ok) throw new CliExit(EXIT_DOMAIN);
      },
      { mustExist: true },
    );
  });

  dataCommand(
    program
      .command('serve')
      .description('chạy ở chế độ trình duyệt / serve the app and the API over HTTP (browser mode)')
      .addOption(new Option('--port <n>', 'cổng / port').default('4780'))
      .addOption(
        new Option(
          '--host <host>',
          'địa chỉ lắng nghe; 0.0.0.0 để chia sẻ trong lớp học / bind address; 0.0.0.0 for a classroom',
        ).default('127.0.0.1'),
      )
      .addOption(
        new Option(
          '--readers <n>',
          'số luồng đọc song song (0: mọi việc trên một kết nối) / reader threads for read calls (0: one connection)',
        ).default('2'),
      )
      .addOption(
        new Option('--token <token>', 'mã truy cập (mặc định: NGUONGOC_TOKEN hoặc tạo ngẫu nhiên) / access token').env(
          'NGUONGOC_TOKEN',
        ),
      ),
  ).action(async (opts) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: ${opts.port}`);
    const readerCount = Number(opts.readers);
    if (!Number.isInteger(readerCount) || readerCount < 0 || readerCount > 16)
      throw new UsageError(`--readers: ${opts.readers}`);
    const lang = env.lang(opts);
    const en = lang === 'en';
    const { openServeCore } = await import('../serve-core');
    const { resolveDbPath } = await import('../../paths');
    const log = (line: string) => env.io.err(line);
    const { core, gate, readers } = openServeCore(resolveDbPath(opts.db), log, readerCount);
    const closeAll = async () => {
      await readers?.close();
      core.close();
    };
    const staticDir = path.resolve(__dirname, 'renderer');
    let host;
    try {
      host = await startHttpHost({
        core,
        port,
        host: opts.host,
        token: opts.token,
        staticDir,
        readers: readers ?? undefined,
        integrity: gate,
      });
    } catch (err) {
      await closeAll();
      if ((err as { code?: string }).code === 'EADDRINUSE') {
        throw new UsageError(
          en
            ? `Port ${port} is already in use; choose another with --port.`
            : `Cổng ${port} đang được dùng; chọn cổng khác bằng --port.`,
        );
      }
      throw err;
    }
    env.io.out(
      en ? `Nguồn Gốc (browser mode) is running: ${host.url}` : `Nguồn Gốc đang chạy ở chế độ trình duyệt: ${host.url}`,
    );
    env.io.out(`${en ? 'Database' : 'Dữ liệu'}: ${core.dbPath}`);
    env.io.out(`Token: ${host.token}`);
    for (const u of host.shareUrls) env.io.out(`${en ? 'Share with the class' : 'Chia sẻ cho lớp học'}: ${u}`);
    const stopBackground = startBackgroundDuties(core, log, undefined, gate);
    await new Promise<void>((resolve) => {
      const stop = () => {
        stopBackground();
        void host
          .close()
          .then(closeAll)
          .then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Started by `npm start` with a channel: when that script ends, however it ends, so does the server.
      if (process.channel) process.once('disconnect', stop);
    });
  });
};
