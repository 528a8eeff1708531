// System facts, the integrity check, and UI settings.
import type { PartialHandlers } from '../core';
import { integrityCheck, schemaVersion } from '../../store/db';
import { nowIso } from '../../clock';
import { parseLang } from '../../../shared/i18n/messages';
import { audit } from './records';
import { APP_VERSION } from '../../version';
import { isWorkshopDb } from './workshop';
import { settingValue } from '../../store/settings';
import { q } from '../../store/statements';

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
    return { language: parseLang(settingValue(ctx.db, 'language') ?? 'vi') };
  },
  'settings.update': (input, ctx) => {
    if (input.language) {
      const before = settingValue(ctx.db, 'language');
      q(
        ctx.db,
        "INSERT INTO settings (key, value) VALUES ('language', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(input.language);
      audit(ctx, 'update', 'settings', 'language', before, input.language);
    }
    return { language: parseLang(settingValue(ctx.db, 'language') ?? 'vi') };
  },
};
