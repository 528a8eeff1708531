// System facts, the integrity check, and UI settings.
import type { PartialHandlers } from '../core';
import { integrityCheck, schemaVersion } from '../../store/db';
import { nowIso } from '../../clock';
import { parseLang } from '../../../shared/i18n/messages';
import { audit } from './records';
import { APP_VERSION } from '../../version';
import { isWorkshopDb } from './workshop';

export const systemHandlers: PartialHandlers = {
  'system.info': (_input, ctx) => ({
    app: 'Nguồn Gốc',
    version: APP_VERSION,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.dbPath,
    host: ctx.host,
    timeZoneOffset: ctx.clock.offset,
    workshop: isWorkshopDb(ctx.db),
  }),
  'system.check': (_input, ctx) => ({ ...integrityCheck(ctx.db), checkedAt: nowIso(ctx.clock) }),
  'settings.get': (_input, ctx) => {
    const row = ctx.db.prepare("SELECT value FROM settings WHERE key = 'language'").get() as
      { value: string } | undefined;
    return { language: parseLang(row?.value ?? 'vi') };
  },
  'settings.update': (input, ctx) => {
    if (input.language) {
      const before = ctx.db.prepare("SELECT value FROM settings WHERE key = 'language'").get() as
        { value: string } | undefined;
      ctx.db
        .prepare(
          "INSERT INTO settings (key, value) VALUES ('language', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .run(input.language);
      audit(ctx, 'update', 'settings', 'language', before?.value ?? null, input.language);
    }
    const row = ctx.db.prepare("SELECT value FROM settings WHERE key = 'language'").get() as
      { value: string } | undefined;
    return { language: parseLang(row?.value ?? 'vi') };
  },
};
