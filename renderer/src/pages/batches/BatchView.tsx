// A recorded batch (/batches/:id): recipe version, inputs, outputs and the mass-balance warning.
import { Button, Result, Skeleton } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { BatchSummary } from './BatchPage';

export function BatchView() {
  const { t } = useTranslation('records');
  const id = Number(useParams().id);
  const q = useApiQuery('batches.get', { id }, { enabled: id > 0 });
  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Result
        status="404"
        title={q.error.message}
        extra={
          <Link to="/batches">
            <Button>{t('batch.title')}</Button>
          </Link>
        }
      />
    );
  return <BatchSummary batch={q.data} />;
}
