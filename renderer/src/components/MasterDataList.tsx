// A master-data list: server-side search (diacritic-free) and sort, paging, a "show archived" switch,
// create/edit in a drawer, archive/restore (master data is never deleted).
import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Flex, Input, Popconfirm, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { EditOutlined, InboxOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ListResult } from '../../../shared/api/fields';
import { ApiError } from '../api/client';
import { useApi, useApiQuery } from '../api/hooks';

type Row = { id: number; archived: boolean; updatedAt: string };

export type MasterDataListProps<T extends Row> = {
  /** Method prefix: 'products' → products.list / .archive / .restore */
  entity: 'products' | 'partners' | 'locations';
  title: string;
  newLabel: string;
  editLabel: string;
  columns: TableColumnsType<T>;
  /** Optional kind filter shown as a segmented control. */
  kindFilter?: { value: string; label: string }[];
  renderForm: (record: T | null, done: () => void) => ReactNode;
  drawerWidth?: number;
  /** The "updated" column; lists with many columns leave it out (sorting by it stays in the API). */
  showUpdatedAt?: boolean;
};

const PAGE_SIZE = 20;

/** Written out (not built from the entity's name) so the renderer's method list can be read from the code. */
const ENTITY_METHODS = {
  products: { list: 'products.list', archive: 'products.archive', restore: 'products.restore' },
  partners: { list: 'partners.list', archive: 'partners.archive', restore: 'partners.restore' },
  locations: { list: 'locations.list', archive: 'locations.archive', restore: 'locations.restore' },
} as const;

export function MasterDataList<T extends Row>(props: MasterDataListProps<T>) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [searchText, setSearchText] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [kind, setKind] = useState<string>('');
  const [sort, setSort] = useState<{ sort?: string; order?: 'asc' | 'desc' }>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<T | null | undefined>(undefined); // undefined = drawer closed, null = new
  const [busyId, setBusyId] = useState<number | null>(null);

  // A home shortcut opens the "new" drawer with ?new=1.
  useEffect(() => {
    if (params.get('new') === '1') {
      setEditing(null);
      setParams({}, { replace: true });
    }
  }, [params, setParams]);

  // Search as the user types, a moment after the last key.
  useEffect(() => {
    const h = setTimeout(() => {
      setSearch(searchText.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(h);
  }, [searchText]);

  const input = {
    search: search || undefined,
    includeArchived,
    ...sort,
    ...(kind ? { kind } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const methods = ENTITY_METHODS[props.entity];
  const list = useApiQuery(methods.list, input as never, { placeholderData: (prev) => prev });
  const data = list.data as ListResult<T> | undefined;

  const setArchived = async (record: T, archive: boolean) => {
    setBusyId(record.id);
    try {
      await api.call(archive ? methods.archive : methods.restore, { id: record.id });
      message.success(archive ? t('archivedDone') : t('restoredDone'));
      await list.refetch();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<T> = [
    ...props.columns,
    ...(props.showUpdatedAt === false
      ? []
      : [
          {
            title: t('masterdata:updatedAt'),
            dataIndex: 'updatedAt',
            key: 'updatedAt',
            sorter: true,
            width: 140,
            render: (v: string) => dayjs(v).format('DD/MM/YYYY HH:mm'),
          },
        ]),
    {
      title: t('actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, record: T) => (
        <Space size="small">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(record)}>
            {t('edit')}
          </Button>
          {record.archived ? (
            <Button
              size="small"
              icon={<UndoOutlined />}
              loading={busyId === record.id}
              onClick={() => void setArchived(record, false)}
            >
              {t('restore')}
            </Button>
          ) : (
            <Popconfirm
              title={t('archiveConfirm')}
              okText={t('archive')}
              cancelText={t('cancel')}
              onConfirm={() => setArchived(record, true)}
            >
              <Button size="small" icon={<InboxOutlined />} loading={busyId === record.id}>
                {t('archive')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const onTableChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? String(s.columnKey ?? s.field) : undefined;
    setSort(field ? { sort: field, order: s.order === 'descend' ? 'desc' : 'asc' } : {});
    setPage(pagination.current ?? 1);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="create">
          {props.newLabel}
        </Button>
      </Flex>
      <Flex align="center" gap={16} wrap>
        <Input.Search
          allowClear
          placeholder={t('searchPlaceholder')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => {
            setSearchText(v);
            setSearch(v.trim());
            setPage(1);
          }}
          style={{ width: 340 }}
          aria-label={t('search')}
          data-testid="search"
        />
        {props.kindFilter && (
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(String(v));
              setPage(1);
            }}
            options={props.kindFilter}
          />
        )}
        <Space>
          <Switch
            checked={includeArchived}
            onChange={(v) => {
              setIncludeArchived(v);
              setPage(1);
            }}
            data-testid="show-archived"
            aria-label={t('showArchived')}
          />
          <Typography.Text>{t('showArchived')}</Typography.Text>
        </Space>
      </Flex>
      {list.isError && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      <Table<T>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={list.isFetching}
        onChange={onTableChange}
        rowClassName={(r) => (r.archived ? 'row-archived' : '')}
        locale={{ emptyText: t('empty') }}
        onRow={(record) => ({ onDoubleClick: () => setEditing(record) })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => (data?.totalCapped ? t('totalCapped', { count: n }) : t('total', { count: n })),
        }}
      />
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? props.editLabel : props.newLabel}
        size={props.drawerWidth ?? 640}
        destroyOnHidden
        data-testid="form-drawer"
      >
        {editing !== undefined && props.renderForm(editing, () => setEditing(undefined))}
      </Drawer>
    </Flex>
  );
}

/** The "archived" tag shown next to a name. */
export function ArchivedTag({ archived }: { archived: boolean }) {
  const { t } = useTranslation();
  return archived ? <Tag color="default">{t('archived')}</Tag> : null;
}
