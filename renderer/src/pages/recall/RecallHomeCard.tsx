// Home card: every recall still open, in red, until it is lifted. A recall nobody sees is not a recall.
import { Alert, Button, Flex } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';

export function RecallHomeCard() {
  const { t } = useTranslation('trace');
  const open = useApiQuery('recall.list', { status: 'open' });
  if (!open.data?.length) return null;
  return (
    <Flex vertical gap={8} data-testid="home-recall">
      {open.data.map((r) => (
        <Alert
          key={r.id}
          type="error"
          showIcon
          title={<strong>{t('activeRecall', { ref: r.ref })}</strong>}
          description={t('activeRecallText', {
            reason: r.reason,
            lots: r.lotsCount,
            customers: r.customersCount,
            held: r.heldLots,
          })}
          action={
            <Link to={`/recall/${r.id}`}>
              <Button danger>{t('goToRecall')}</Button>
            </Link>
          }
        />
      ))}
    </Flex>
  );
}
