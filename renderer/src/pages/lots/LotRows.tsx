// The lots taken for one need (a batch input, a shipment line): every row shows lot code, expiry, what
// is left and what is taken (changeable). Other usable lots can be added; lots that are held, expired…
// are offered too but need a written reason (an override, recorded in the lot's history).
import { useMemo } from 'react';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProposedLot } from '../../../../shared/api/lots';
import { useApiQuery } from '../../api/hooks';
import { i18n } from '../../i18n';
import { NumberInput } from '../../components/NumberInput';
import { dateText, ExpiryText, qtyText, stateWord } from './common';

export type PickedLot = ProposedLot & {
  /** Set when the lot is not usable without an override (its state, e.g. 'on_hold' or 'expired'). */
  blockedState?: string;
  reason?: string;
};

/**
 * The lots asked for more than they hold, in words. A lot's balance is a fact: the save is refused
 * before anything is written (the core refuses it too).
 */
export function overUse(rows: PickedLot[]): string[] {
  return rows
    .filter((r) => r.selected > r.remaining)
    .map((r) =>
      i18n.t('records:lots.overUse', {
        lot: r.lotCode,
        balance: qtyText(r.remaining, r.unit),
        taken: qtyText(r.selected, r.unit),
      }),
    );
}

/** Sums exactly (quantities have at most 3 decimals). */
export function sumSelected(rows: PickedLot[]): number {
  return rows.reduce((a, r) => a + Math.round((r.selected || 0) * 1000), 0) / 1000;
}

export function LotRows({
  productId,
  rows,
  others,
  need,
  unit,
  onChange,
  testId,
}: {
  productId: number;
  rows: PickedLot[];
  /** Usable lots not taken (FEFO order). */
  others: ProposedLot[];
  need: number;
  unit: string;
  onChange: (rows: PickedLot[]) => void;
  testId: string;
}) {
  const { t } = useTranslation('records');
  const all = useApiQuery('lots.list', { productId, inStock: true, limit: 200, sort: 'expiryDate', order: 'asc' });
  const taken = new Set(rows.map((r) => r.lotId));
  const blocked = useMemo(() => (all.data?.items ?? []).filter((l) => !l.usable), [all.data]);
  const total = sumSelected(rows);
  const short = Math.round((need - total) * 1000) / 1000;
  const over = overUse(rows);
  const unreadable = rows.some((r) => Number.isNaN(r.selected));

  const addOptions = [
    ...others
      .filter((o) => !taken.has(o.lotId))
      .map((o) => ({
        value: o.lotId,
        label: `${o.lotCode} · ${o.expiryDate ? dateText(o.expiryDate) : t('common.noExpiry')} · ${t('common.remaining').toLowerCase()} ${qtyText(o.remaining, o.unit)}`,
      })),
    ...blocked
      .filter((l) => !taken.has(l.id))
      .map((l) => ({
        value: l.id,
        label: `⚠ ${l.code} · ${stateWord(l.state)} · ${t('common.remaining').toLowerCase()} ${qtyText(l.balance, l.unit)}`,
      })),
  ];

  const add = (lotId: number) => {
    const o = others.find((x) => x.lotId === lotId);
    const left = Math.max(0, short);
    if (o) return onChange([...rows, { ...o, selected: Math.min(o.remaining, left || o.remaining) }]);
    const l = blocked.find((x) => x.id === lotId);
    if (!l) return;
    onChange([
      ...rows,
      {
        lotId: l.id,
        lotCode: l.code,
        supplierLotCode: l.supplierLotCode,
        expiryDate: l.expiryDate,
        daysToExpiry: l.daysToExpiry,
        productionDate: l.productionDate,
        remaining: l.balance,
        selected: Math.min(l.balance, left || l.balance),
        unit: l.unit,
        blockedState: l.state,
        reason: '',
      },
    ]);
  };
  const update = (i: number, patch: Partial<PickedLot>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  return (
    <Flex vertical gap={6} data-testid={testId}>
      <Table<PickedLot>
        size="small"
        rowKey="lotId"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('shipment.noLots') }}
        columns={[
          {
            title: t('common.lotCode'),
            key: 'code',
            render: (_, r, i) => (
              <Flex vertical gap={4}>
                <span>
                  <Typography.Text strong style={{ fontFamily: 'monospace' }} data-testid="picked-lot-code">
                    {r.lotCode}
                  </Typography.Text>
                  {r.supplierLotCode && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      ({r.supplierLotCode})
                    </Typography.Text>
                  )}
                  {r.blockedState && (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {stateWord(r.blockedState)}
                    </Tag>
                  )}
                </span>
                {r.blockedState && (
                  <Input
                    size="small"
                    status={r.reason?.trim() ? undefined : 'error'}
                    placeholder={t('common.reasonPlaceholder')}
                    prefix={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('lots.reason')}:
                      </Typography.Text>
                    }
                    value={r.reason}
                    onChange={(e) => update(i, { reason: e.target.value })}
                    data-testid="override-reason"
                  />
                )}
              </Flex>
            ),
          },
          {
            title: t('common.expiry'),
            key: 'exp',
            width: 220,
            render: (_, r) => <ExpiryText date={r.expiryDate} days={r.daysToExpiry} />,
          },
          {
            title: t('common.remaining'),
            key: 'rem',
            width: 120,
            align: 'right',
            render: (_, r) => qtyText(r.remaining, r.unit),
          },
          {
            title: t('common.selected'),
            key: 'sel',
            width: 150,
            render: (_, r, i) => (
              <>
                <NumberInput
                  size="small"
                  min={0}
                  value={r.selected}
                  onChange={(v) => update(i, { selected: v ?? 0 })}
                  unit={r.unit}
                  noEcho
                  status={r.selected > r.remaining ? 'error' : undefined}
                  style={{ width: 130 }}
                  data-testid="picked-lot-qty"
                  aria-label={`${t('common.selected')} ${r.lotCode}`}
                />
                {r.selected > r.remaining && (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="over-use">
                    {t('lots.overUseShort', { qty: qtyText(r.remaining, r.unit) })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            key: 'x',
            width: 40,
            render: (_, r, i) => (
              <Button
                size="small"
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('common.remove')}
                onClick={() => onChange(rows.filter((_, k) => k !== i))}
              />
            ),
          },
        ]}
      />
      <Flex justify="space-between" align="center" gap={12}>
        <Select
          size="small"
          value={null}
          placeholder={t('common.addLot')}
          options={addOptions}
          onChange={(v: number) => add(v)}
          style={{ minWidth: 320 }}
          disabled={!addOptions.length}
          data-testid={`${testId}-add`}
          popupMatchSelectWidth={false}
        />
        <Typography.Text
          type={short > 0 || over.length || unreadable ? 'danger' : 'success'}
          data-testid={`${testId}-total`}
        >
          {over.length || unreadable ? (
            over.join(' ') || t('lots.unreadableQty')
          ) : (
            <>
              {t('common.total')}: {qtyText(total, unit)} / {qtyText(need, unit)} —{' '}
              {short > 0 ? t('common.shortfall', { qty: qtyText(short, unit) }) : t('common.enough')}
            </>
          )}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

/** Rows → API input lines (lots with a quantity; an override when the lot is blocked). */
export function pickedToLines(rows: PickedLot[]) {
  return rows
    .filter((r) => r.selected > 0)
    .map((r) => ({
      lotId: r.lotId,
      qty: r.selected,
      ...(r.blockedState ? { override: { reason: r.reason ?? '' } } : {}),
    }));
}
