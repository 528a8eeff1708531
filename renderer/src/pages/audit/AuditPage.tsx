// The audit log: who did what and when, filtered by date, user, action and words; exported to XLSX/CSV.
import { useState } from 'react';
import { Button, DatePicker, Flex, Input, Select, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '../../../../shared/api/audit';
import { useApi, useApiQuery } from '../../api/hooks';
import { downloadFile } from '../trace/common';
import { auditActionWords, auditChanges } from '../../../../shared/i18n/audit';
import { parseLang, type Lang } from '../../../../shared/i18n/messages';
import { usePersonWords } from '../../shell/rights';

function Changes({ entry, lang }: { entry: AuditEntry; lang: Lang }) {
  const changes = auditChanges(entry.before, entry.after, lang);
  return (
    <Flex vertical style={{ fontSize: 13 }}>
      {changes.slice(0, 6).map((c, i) => (
        <span key={i}>
          {c.label && <Typography.Text type="secondary">{c.label}: </Typography.Text>}
          {c.before !== undefined && c.after !== undefined ? (
            <>
              <Typography.Text delete type="secondary">
                {c.before}
              </Typography.Text>{' '}
              → {c.after}
            </>
          ) : (
            (c.after ?? c.before)
          )}
        </span>
      ))}
      {changes.length > 6 && <Typography.Text type="secondary">…</Typography.Text>}
    </Flex>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation('trust');
  const lang = parseLang(i18n.language);
  const person = usePersonWords();
  const api = useApi();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [user, setUser] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const filter = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    user,
    action,
    search: search || undefined,
  };
  const facets = useApiQuery('audit.facets', {});
  const list = useApiQuery('audit.list', { ...filter, limit: 50, offset: (page - 1) * 50 });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
          format="DD/MM/YYYY"
        />
        <Select
          allowClear
          placeholder={t('audit.user')}
          style={{ width: 180 }}
          value={user}
          onChange={(v) => {
            setUser(v);
            setPage(1);
          }}
          options={(facets.data?.users ?? []).map((u) => ({ value: u, label: person(u) }))}
        />
        <Select
          allowClear
          showSearch
          placeholder={t('audit.action')}
          style={{ width: 260 }}
          optionFilterProp="label"
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          options={(facets.data?.actions ?? []).map((a) => ({ value: a, label: auditActionWords(a, '', lang) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.search')}
          style={{ width: 240 }}
          onSearch={(v) => {
            setSearch(v);
            setPage(1);
          }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={async () => downloadFile(await api.call('audit.export', { ...filter, format: 'xlsx' }))}
        >
          {t('audit.export')} XLSX
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={async () => downloadFile(await api.call('audit.export', { ...filter, format: 'csv' }))}
        >
          CSV
        </Button>
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => v.slice(0, 19).replace('T', ' '),
          },
          { title: t('audit.user'), dataIndex: 'user', width: 170, render: (u: string) => person(u) },
          {
            title: t('audit.action'),
            width: 240,
            render: (_, e) => (
              <span data-testid="audit-action">
                {auditActionWords(e.action, e.entity, lang)}
                {e.entityName ? ` «${e.entityName}»` : e.entityId && /^\d+$/.test(e.entityId) ? ` #${e.entityId}` : ''}
              </span>
            ),
          },
          { title: t('audit.details'), render: (_, e) => <Changes entry={e} lang={lang} /> },
        ]}
      />
    </Flex>
  );
}
