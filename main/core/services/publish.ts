// Publishing handlers: settings, and a background job that writes the site into the app's own folder beside the
// database (`trang-truy-xuat/`) plus `trang-truy-xuat.zip`, which the desktop shell or the browser downloads
// through export.download. No caller names a folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PartialHandlers, ServiceContext } from '../core';
import { nowIso, todayLocal } from '../../clock';
import { startJob } from '../../sync/jobs';
import { publishSite } from '../../publish/site';
import { privateProductIds } from '../../publish/model';
import type { PublishSettings } from '../../../shared/api/publish';
import { owner } from './sync';
import { q, qv } from '../../store/statements';

const SITE_FOLDER = 'trang-truy-xuat';

/** Beside the database file; a database in memory (tests) publishes into a temporary folder. */
export function siteFolder(dbPath: string): string {
  if (dbPath === ':memory:') return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-site-')), SITE_FOLDER);
  return path.join(path.dirname(path.resolve(dbPath)), SITE_FOLDER);
}

function settings(ctx: ServiceContext): PublishSettings {
  const traceAddress = qv(ctx.db, 'SELECT digital_link_domain FROM business').get() as string | null | undefined;
  return { traceAddress: traceAddress ?? null, privateProductIds: privateProductIds(ctx.db) };
}

export const publishHandlers: PartialHandlers = {
  'publish.settings': (_p, ctx) => settings(ctx),
  'publish.updateSettings': (p, ctx) => {
    q(
      ctx.db,
      "INSERT INTO settings(key, value) VALUES ('publish.privateProducts', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(JSON.stringify([...new Set(p.privateProductIds)].sort((a, b) => a - b)));
    return settings(ctx);
  },
  'publish.run': (p, ctx) => {
    const dir = siteFolder(ctx.dbPath);
    const zipFile = `${dir}.zip`;
    return startJob(
      owner(ctx),
      'export',
      nowIso(ctx.clock),
      async () => {
        const r = await publishSite(ctx.db, { outDir: dir, today: todayLocal(ctx.clock), baseUrl: p.baseUrl, zipFile });
        return {
          ...r,
          file: zipFile,
          fileName: path.basename(zipFile),
          mimeType: 'application/zip',
          bytes: fs.statSync(zipFile).size,
        };
      },
      ctx.lang,
      () => nowIso(ctx.clock),
    );
  },
};
