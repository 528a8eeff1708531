// Lô hàng: every lot with product, code, balance, unit, expiry and status; filters come from the URL
// (?expiring=30, ?state=on_hold, ?product=ID) so the home cards can link to a filtered list.
import { useEffect, useState } from 'react';
import { Card, Flex, Input, Segmented, Select, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Lot } from '../../../../shared/api/lots';
import { LOT_STATUSES } from '../../../../shared/domain/lots';
import { useApiQuery } from '../../api/hooks';
import { ExpiryText, LotStateTag, ProductSelect, qtyText, stateWord } from './common';
import { LotPage } from './LotPage';

export function LotsRoutes() {
  return (
    <Routes>
      <Route index element={<LotsList />} />
      <Route path=":id" element={<LotPage />} />
    </Routes>
  );
}

const PAGE_SIZE = 20;
type SortKey = 'expiryDate' | 'code' | 'createdAt' | 'balance' | 'productName';

function LotsList() {
  const { t } = useTranslation('records');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [searchText, setSearchText] = useState(params.get('q') ?? '');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort?: SortKey; order?: 'asc' | 'desc' }>({});
  const expiring = params.get('expiring');
  const state = params.get('state') ?? undefined;
  const productId = params.get('product') ? Number(params.get('product')) : undefined;
  const inStock = params.get('all') !== '1';
  const search = params.get('q') ?? '';

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
    setPage(1);
  };

  useEffect(() => {
    const h = setTimeout(() => {
      if (searchText.trim() !== search) setParam('q', searchText.trim());
    }, 250);
    return () => clearTimeout(h);
  }, [searchText]);

  const list = useApiQuery(
    'lots.list',
    {
      search: search || undefined,
      productId,
      state: state as never,
      inStock: inStock || undefined,
      expiringWithinDays: expiring !== null ? Number(expiring) : undefined,
      sort: sort.sort ?? (expiring !== null ? 'expiryDate' : 'createdAt'),
      order: sort.order ?? (expiring !== null ? 'asc' : 'desc'),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
    { placeholderData: (prev) => prev },
  );

  const onChange: TableProps<Lot>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(s?.order ? { sort: String(s.columnKey) as SortKey, order: s.order === 'descend' ? 'desc' : 'asc' } : {});
    setPage(pagination.current ?? 1);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('lots.title')}
      </Typography.Title>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <Input.Search
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder={t('common.search')}
            style={{ width: 320 }}
            data-testid="lots-search"
          />
          <ProductSelect
            value={productId}
            onChange={(v) => setParam('product', v ? String(v) : null)}
            style={{ width: 240 }}
            testId="lots-product"
          />
          <Select
            value={state ?? ''}
            onChange={(v: string) => setParam('state', v || null)}
            style={{ width: 170 }}
            options={[
              { value: '', label: `${t('lots.state')}: ${t('common.all').toLowerCase()}` },
              ...[...LOT_STATUSES, 'expired', 'used_up'].map((s) => ({ value: s, label: stateWord(s) })),
            ]}
            data-testid="lots-state"
          />
          <Flex align="center" gap={6}>
            <Typography.Text>{t('lots.expiring')}</Typography.Text>
            <Segmented
              value={expiring ?? ''}
              onChange={(v) => setParam('expiring', String(v) || null)}
              options={[
                { value: '', label: t('common.all') },
                ...[7, 30, 90].map((d) => ({ value: String(d), label: t('lots.days', { count: d }) })),
              ]}
              data-testid="lots-expiring"
            />
          </Flex>
          <Flex align="center" gap={6}>
            <Switch checked={inStock} onChange={(v) => setParam('all', v ? null : '1')} size="small" />
            <Typography.Text>{t('lots.inStock')}</Typography.Text>
          </Flex>
        </Flex>
      </Card>
      <Table<Lot>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onChange={onChange}
        onRow={(r) => ({ onClick: () => navigate(`/lots/${r.id}`), style: { cursor: 'pointer' } })}
        data-testid="lots-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common:total', { count: n }),
        }}
        columns={[
          { title: t('common.product'), dataIndex: 'productName', key: 'productName', sorter: true },
          {
            title: t('common.lotCode'),
            dataIndex: 'code',
            key: 'code',
            sorter: true,
            render: (v: string, r) => (
              <Link to={`/lots/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace' }}>
                {v}
              </Link>
            ),
          },
          { title: t('common.supplierLot'), dataIndex: 'supplierLotCode', key: 'sl', width: 130 },
          {
            title: t('lots.balance'),
            dataIndex: 'balance',
            key: 'balance',
            sorter: true,
            align: 'right',
            width: 130,
            render: (v: number, r) => qtyText(v, r.unit),
          },
          {
            title: t('common.expiry'),
            dataIndex: 'expiryDate',
            key: 'expiryDate',
            sorter: true,
            width: 230,
            render: (v: string | null, r) => <ExpiryText date={v} days={r.daysToExpiry} />,
          },
          {
            title: t('lots.state'),
            dataIndex: 'state',
            key: 'state',
            width: 120,
            render: (v: string) => <LotStateTag state={v} />,
          },
        ]}
      />
    </Flex>
  );
}
