// A recorded shipment: shown right after saving and at /shipments/:id.
import { Button, Card, Descriptions, Result, Skeleton, Space, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Shipment } from '../../../../shared/api/shipments';
import { useApiQuery } from '../../api/hooks';
import { dateText, qtyText } from '../lots/common';
import { SlipButton } from './SlipButton';

export function ShipmentSummary({ shipment: s, onAgain }: { shipment: Shipment; onAgain?: () => void }) {
  const { t } = useTranslation('records');
  return (
    <Card data-testid="shipment-saved">
      <Result
        status="success"
        title={onAgain ? t('shipment.saved') : `${t('shipment.title')} · ${s.customerName ?? s.toLocationName ?? ''}`}
        subTitle={`${s.customerName ?? `${s.fromLocationName} → ${s.toLocationName ?? ''}`} · ${dateText(s.date)}${s.documentRef ? ` · ${s.documentRef}` : ''}`}
        extra={
          <Space wrap>
            <SlipButton shipmentId={s.id} />
            {onAgain && (
              <Button type="primary" onClick={onAgain} data-testid="shipment-again">
                {t('common.again')}
              </Button>
            )}
          </Space>
        }
      />
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('shipment.from')}>{s.fromLocationName}</Descriptions.Item>
        {s.vehiclePlate && <Descriptions.Item label={t('shipment.vehiclePlate')}>{s.vehiclePlate}</Descriptions.Item>}
        {s.driver && <Descriptions.Item label={t('shipment.driver')}>{s.driver}</Descriptions.Item>}
      </Descriptions>
      <Table
        size="small"
        rowKey="lineId"
        pagination={false}
        dataSource={s.lines}
        columns={[
          { title: t('common.product'), dataIndex: 'productName' },
          {
            title: t('common.lotCode'),
            render: (_, l) => (
              <Link to={`/lots/${l.lotId}`} style={{ fontFamily: 'monospace' }}>
                {l.lotCode}
              </Link>
            ),
          },
          { title: t('common.qty'), render: (_, l) => qtyText(l.qty, l.unit) },
          { title: t('common.hsd'), render: (_, l) => dateText(l.expiryDate) },
        ]}
      />
    </Card>
  );
}

export function ShipmentView() {
  const { t } = useTranslation('records');
  const id = Number(useParams().id);
  const q = useApiQuery('shipments.get', { id }, { enabled: id > 0 });
  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Result
        status="404"
        title={q.error.message}
        extra={
          <Link to="/shipments">
            <Button>{t('shipment.title')}</Button>
          </Link>
        }
      />
    );
  return <ShipmentSummary shipment={q.data} />;
}
