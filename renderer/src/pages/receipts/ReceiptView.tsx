// A recorded receipt: shown right after saving (with "print labels" / "record another") and at /receipts/:id.
import { Button, Card, Result, Skeleton, Table } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../../shared/api/receipts';
import { useApiQuery } from '../../api/hooks';
import { dateText, labelLink, qtyText } from '../lots/common';

export function ReceiptSummary({ receipt, onAgain }: { receipt: Receipt; onAgain?: () => void }) {
  const { t } = useTranslation('records');
  const first = receipt.lines[0] ? labelLink(receipt.lines[0].lot) : null;
  return (
    <Card data-testid="receipt-saved">
      <Result
        status="success"
        title={
          onAgain
            ? t('receipt.saved', { count: receipt.lines.length })
            : `${t('receipt.title')} · ${receipt.supplierName}`
        }
        subTitle={`${receipt.supplierName} · ${dateText(receipt.date)}${receipt.documentRef ? ` · ${receipt.documentRef}` : ''} · ${receipt.locationName}`}
        extra={[
          first && (
            <Link key="labels" to={first}>
              <Button type="primary" icon={<PrinterOutlined />} data-testid="print-labels">
                {t('common.printLabels')}
              </Button>
            </Link>
          ),
          onAgain && (
            <Button key="again" type={first ? 'default' : 'primary'} onClick={onAgain} data-testid="receipt-again">
              {t('common.again')}
            </Button>
          ),
        ]}
      />
      <Table
        size="small"
        rowKey={(l) => l.lot.id}
        pagination={false}
        dataSource={receipt.lines}
        data-testid="saved-lots"
        columns={[
          { title: t('common.product'), render: (_, l) => l.lot.productName },
          {
            title: t('common.ourLotCode'),
            render: (_, l) => (
              <Link to={`/lots/${l.lot.id}`} style={{ fontFamily: 'monospace' }}>
                {l.lot.code}
              </Link>
            ),
          },
          { title: t('common.supplierLot'), render: (_, l) => l.lot.supplierLotCode },
          { title: t('common.qty'), render: (_, l) => qtyText(l.qty, l.unit) },
          { title: t('common.nsx'), render: (_, l) => dateText(l.lot.productionDate) },
          { title: t('common.hsd'), render: (_, l) => dateText(l.lot.expiryDate) },
          ...(first
            ? [
                {
                  key: 'print',
                  width: 110,
                  render: (_: unknown, l: Receipt['lines'][number]) => (
                    <Link to={labelLink(l.lot)!}>
                      <PrinterOutlined /> {t('common.printLabels')}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function ReceiptView() {
  const { t } = useTranslation('records');
  const id = Number(useParams().id);
  const q = useApiQuery('receipts.get', { id }, { enabled: id > 0 });
  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Result
        status="404"
        title={q.error.message}
        extra={
          <Link to="/receipts">
            <Button>{t('receipt.title')}</Button>
          </Link>
        }
      />
    );
  return <ReceiptSummary receipt={q.data} />;
}
