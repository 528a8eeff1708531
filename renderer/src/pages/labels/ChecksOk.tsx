// The "checks passed" line of a preview: it says the label is complete under Decree 43 only when it is.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Preview } from '../../../../shared/api/labels';
import { decree43Word } from '../../../../shared/labels/fields';
import { currentLang } from '../../i18n';

export function ChecksOk({ preview }: { preview: Preview }) {
  const { t } = useTranslation('labels');
  const d = preview.decree43;
  if (d.complete) return <Alert type="success" title={t('print.checksOk')} />;
  if (d.onDocument.length)
    return (
      <Alert
        type="info"
        title={t('print.checksOkSmall', { items: d.onDocument.map((w) => decree43Word(w, currentLang())).join(', ') })}
      />
    );
  return <Alert type="info" title={t('print.checksOkPartial')} />;
}
