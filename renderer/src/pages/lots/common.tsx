// Pieces shared by the recording screens (receipts, production, shipments, lots): quantity and date
// formatting, lot state tags, pick lists of master data, request keys and server-error placement.
import { useMemo, useState } from 'react';
import { Card, Select, Table, Tag, Typography, type FormInstance, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { formatQuantity } from '../../../../shared/domain/quantity';
import { unitLabel } from '../../../../shared/domain/units';
import { matchesSearch } from '../../../../shared/domain/text';
import { STATE_WORDS } from '../../../../shared/i18n/records';
import type { Product } from '../../../../shared/api/masterdata';
import { useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import type { ApiInput, ApiResult } from '../../../../shared/api/contract';
import type { ListResult } from '../../../../shared/api/fields';
import { currentLang } from '../../i18n';
import { features } from '../../features';

/**
 * Pick-list search that ignores accents and case ("hat dieu" finds "Hạt điều"), with the same folding
 * as the lists' server-side search. Options carry their searchable words in `search` (else `label`).
 */
export const foldedSearch = {
  filterOption: (input: string, option?: { search?: string; label?: React.ReactNode }) =>
    matchesSearch(option?.search ?? (typeof option?.label === 'string' ? option.label : ''), input),
};

export function qtyText(q: number, unit?: string): string {
  const lang = currentLang();
  return unit ? `${formatQuantity(q, lang)} ${unitLabel(unit, lang, q)}` : formatQuantity(q, lang);
}

export function unitText(unit: string): string {
  return unitLabel(unit, currentLang());
}

/** Calendar dates as Vietnamese people write them. */
export function dateText(d: string | null | undefined): string {
  return d ? dayjs(d.slice(0, 10)).format('DD/MM/YYYY') : '';
}

export function dateTimeText(iso: string): string {
  return dayjs(iso).format('DD/MM/YYYY HH:mm');
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

const STATE_COLORS: Record<string, string> = {
  available: 'green',
  on_hold: 'gold',
  quarantined: 'orange',
  rejected: 'red',
  recalled: 'magenta',
  destroyed: 'default',
  expired: 'red',
  used_up: 'default',
};

export function stateWord(state: string): string {
  return STATE_WORDS[currentLang()][state] ?? state;
}

export function LotStateTag({ state }: { state: string }) {
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="lot-state">
      {stateWord(state)}
    </Tag>
  );
}

/** Expiry date with how many days are left, red when expired, orange within 30 days. */
export function ExpiryText({ date, days }: { date: string | null; days?: number | null }) {
  const { t } = useTranslation('records');
  if (!date) return <Typography.Text type="secondary">{t('common.noExpiry')}</Typography.Text>;
  const d = days ?? dayjs(date).diff(dayjs().startOf('day'), 'day');
  const type = d < 0 ? 'danger' : d <= 30 ? 'warning' : undefined;
  const note =
    d < 0
      ? t('common.expiredAgo', { count: -d })
      : d === 0
        ? t('common.expiresToday')
        : t('common.daysLeft', { count: d });
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {dateText(date)}{' '}
      <Typography.Text type={type ?? 'secondary'} style={{ fontSize: 12 }}>
        ({note})
      </Typography.Text>
    </span>
  );
}

/** A random key sent with a write, so a double click or a resend records once. Renewed after each save. */
export function newRequestKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random()}`;
}

export function useRequestKey(): [string, () => void] {
  const [key, setKey] = useState(newRequestKey);
  return [key, () => setKey(newRequestKey())];
}

/**
 * Puts server field errors (paths like "lines.0.qty") next to the matching form fields. antd matches
 * list indexes as numbers, so numeric segments are converted. Returns the errors no field showed.
 */
export function placeFieldErrors(form: FormInstance, err: ApiError): string[] {
  const left: string[] = [];
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  for (const f of err.fields) {
    const name = f.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (form.getFieldInstance(name) !== undefined || form.getFieldValue(name) !== undefined)
      set.push({ name, errors: [f.message] });
    else left.push(f.message);
  }
  if (set.length) {
    form.setFields(set);
    form.scrollToField(set[0].name, { block: 'center' });
  }
  if (!err.fields.length) left.push(err.message);
  return left;
}

/** True when a page is registered (e.g. the labels page, built by another feature). */
export function hasPage(path: string): boolean {
  return features.some((f) => f.path.replace(/\/\*$/, '') === path);
}

/** The label printing page for one lot, when that page is part of the app (null otherwise). */
export function labelLink(lot: { id: number; productId: number }): string | null {
  return hasPage('/labels/print') ? `/labels/print?productId=${lot.productId}&lotId=${lot.id}` : null;
}

/** All products (a small business has hundreds at most), for pick lists. */
export function useProducts() {
  const q = useApiQuery('products.list', { limit: 1000, sort: 'name' });
  const byId = useMemo(() => new Map((q.data?.items ?? []).map((p) => [p.id, p])), [q.data]);
  return { products: q.data?.items ?? [], byId, loading: q.isPending };
}

export function productOptions(products: Product[], kinds?: string[], exclude?: number) {
  return products
    .filter((p) => (!kinds || kinds.includes(p.kind)) && p.id !== exclude)
    .map((p) => ({ value: p.id, label: `${p.name} (${p.code})`, search: `${p.name} ${p.code} ${p.gtin ?? ''}` }));
}

export function ProductSelect({
  value,
  onChange,
  kinds,
  exclude,
  testId,
  autoFocus,
  ...rest
}: {
  value?: number | null;
  onChange?: (v: number) => void;
  kinds?: string[];
  /** A product not to offer (a recipe's own product among its ingredients). */
  exclude?: number;
  testId?: string;
  autoFocus?: boolean;
  style?: React.CSSProperties;
  status?: 'error';
}) {
  const { t } = useTranslation('records');
  const { products, loading } = useProducts();
  return (
    <Select
      showSearch={foldedSearch}
      value={value ?? undefined}
      onChange={onChange}
      options={productOptions(products, kinds, exclude)}
      placeholder={t('common.pickProduct')}
      loading={loading}
      data-testid={testId}
      autoFocus={autoFocus}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

/** Partners of one kind, the most recently used first (from the recent receipts or shipments). */
export function PartnerSelect({
  kind,
  recentIds,
  value,
  onChange,
  testId,
  placeholder,
}: {
  kind: 'supplier' | 'customer';
  recentIds: number[];
  value?: number;
  onChange?: (v: number) => void;
  testId?: string;
  placeholder?: string;
}) {
  const list = useApiQuery('partners.list', { kind, limit: 1000, sort: 'name' });
  const options = useMemo(() => {
    const items = list.data?.items ?? [];
    const rank = new Map(recentIds.map((id, i) => [id, i]));
    return [...items]
      .sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9) || a.name.localeCompare(b.name, 'vi'))
      .map((p) => ({ value: p.id, label: p.name, search: `${p.name} ${p.taxCode ?? ''} ${p.phone ?? ''}` }));
  }, [list.data, recentIds]);
  return (
    <Select
      showSearch={foldedSearch}
      value={value}
      onChange={onChange}
      options={options}
      loading={list.isPending}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}

/** Locations, warehouses first by default (receipts and shipments), or production sites first. */
export function useLocations(prefer: 'warehouse' | 'production' = 'warehouse') {
  const q = useApiQuery('locations.list', { limit: 1000 });
  const items = useMemo(() => {
    const list = q.data?.items ?? [];
    return [...list].sort((a, b) => Number(b.kind === prefer) - Number(a.kind === prefer) || a.id - b.id);
  }, [q.data, prefer]);
  return { locations: items, first: items[0]?.id, loading: q.isPending };
}

/** Ids seen first-to-last without repeats (for "recent first" lists). */
export function uniqueIds(ids: (number | null | undefined)[]): number[] {
  const seen = new Set<number>();
  for (const id of ids) if (id) seen.add(id);
  return [...seen];
}

/** The "recently recorded" card under the receipt, batch and shipment forms: a small table, hidden when empty. */
type RecentMethod = 'batches.list' | 'receipts.list' | 'shipments.list';
type RecentItem<M extends RecentMethod> = ApiResult<M> extends ListResult<infer T> ? T : never;
const RECENT_PAGE = 10;

/** The newest records of a recording screen, ten at a time from the server, older ones page by page. */
export function RecentCard<M extends RecentMethod>({
  title,
  method,
  columns,
}: {
  title: string;
  method: M;
  columns: TableColumnsType<RecentItem<M>>;
}) {
  const [page, setPage] = useState(1);
  const input = { limit: RECENT_PAGE, offset: (page - 1) * RECENT_PAGE } as ApiInput<M>;
  const list = useApiQuery(method, input, { placeholderData: (prev) => prev });
  const data = list.data as ListResult<RecentItem<M>> | undefined;
  const items = data?.items;
  if (!items?.length && page === 1) return null;
  return (
    <Card size="small" title={title} data-testid={`recent-${method.split('.')[0]}`}>
      <Table<RecentItem<M>>
        size="small"
        rowKey="id"
        dataSource={items}
        columns={columns}
        loading={list.isPlaceholderData && list.isFetching}
        pagination={{
          current: page,
          pageSize: RECENT_PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          size: 'small',
          onChange: setPage,
        }}
      />
    </Card>
  );
}
