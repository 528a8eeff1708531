// The UI language: i18next + dayjs + antd locale follow it, and it is saved in the database
// (settings.update) so the desktop app and browser mode open in the language last chosen.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseLang, type Lang } from '../../../shared/i18n/messages';
import { ApiError } from '../api/client';
import { useApi } from '../api/hooks';
import { setLang } from '../i18n';

export function useLanguage(): [Lang, (lang: Lang) => Promise<void>] {
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const lang = parseLang(i18n.language);
  const change = async (next: Lang) => {
    await setLang(next);
    try {
      await api.call('settings.update', { language: next });
    } catch (err) {
      // The screen already changed; only remembering it failed. Say so, in the new language.
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return [lang, change];
}
