// `nguongoc publish`: the consumer pages as a static website in a folder (and a ZIP to upload), over the same
// module as the "Công bố" button.
import path from 'node:path';
import { publishSite } from '../../publish/site';
import { optTraceAddress } from '../../../shared/api/fields';
import { dataCommand, UsageError, type CommandModule } from './program';

export const publishCommands: CommandModule = (program, env) => {
  dataCommand(
    program
      .command('publish')
      .description(
        'công bố trang truy xuất cho người mua thành một trang web tĩnh / write the consumer pages as a static site',
      )
      .requiredOption('--out <folder>', 'thư mục ghi trang web / output folder')
      .option(
        '--base-url <url>',
        'địa chỉ đăng trang (mặc định: địa chỉ trang truy xuất của doanh nghiệp) / address the site is served at',
      )
      .option('--zip', 'ghi thêm tệp <thư mục>.zip để tải lên / also write <folder>.zip to upload'),
  ).action(async (opts) => {
    const lang = env.lang(opts);
    const en = lang === 'en';
    const base = optTraceAddress.safeParse(opts.baseUrl);
    if (!base.success)
      throw new UsageError(
        en ? `--base-url: not a web address: ${opts.baseUrl}` : `--base-url: không phải địa chỉ web: ${opts.baseUrl}`,
      );
    const outDir = path.resolve(opts.out);
    await env.withCore(
      opts,
      async (core) => {
        const r = await publishSite(core.db, {
          outDir,
          today: core.today(),
          baseUrl: base.data,
          zipFile: opts.zip ? `${outDir.replace(/[\\/]+$/, '')}.zip` : null,
        });
        env.print(opts, r, () =>
          [
            en
              ? `Published ${r.lots} lots of ${r.products} products in ${r.dir} (${r.written} files written, ${r.unchanged} unchanged, ${r.removed} removed).`
              : `Đã công bố ${r.lots} lô của ${r.products} sản phẩm vào ${r.dir} (ghi ${r.written} tệp, ${r.unchanged} tệp không đổi, xoá ${r.removed} tệp).`,
            en ? `Address: ${r.baseUrl}` : `Địa chỉ trang: ${r.baseUrl}`,
            ...(r.zipFile ? [en ? `ZIP to upload: ${r.zipFile}` : `Tệp ZIP để tải lên: ${r.zipFile}`] : []),
            ...(r.traceAddress
              ? [
                  en
                    ? `Note: labels' QR codes lead to ${r.traceAddress}; put the site there or change the trace address.`
                    : `Lưu ý: mã QR trên tem dẫn tới ${r.traceAddress}; hãy đăng trang ở đó hoặc đổi địa chỉ trang truy xuất.`,
                ]
              : []),
          ].join('\n'),
        );
      },
      { mustExist: true },
    );
  });
};
