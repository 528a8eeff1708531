// Users and rights (owner only): add staff/trainer/auditor with a PIN, change role, disable, reset a
// forgotten PIN, and set up the owner's PIN on a fresh install (showing the recovery code once).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { WithReason } from '../../shell/rights';
import { ROLES, type User } from '../../../../shared/api/users';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { setSession } from '../login/session';
import { useQueryClient } from '@tanstack/react-query';
import { NewPinFields } from '../login/PinFields';

export function UsersPage() {
  const { t } = useTranslation('trust');
  const api = useApi();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const status = useApiQuery('users.status', {});
  const list = useApiQuery('users.list', { includeDisabled: true }, { enabled: !!status.data?.configured });
  const update = useApiMutation('users.update', { invalidates: ['users.'] });
  const [adding, setAdding] = useState(false);
  const [pinFor, setPinFor] = useState<User | null>(null);
  const [form] = Form.useForm();
  const [pinForm] = Form.useForm();
  const fail = (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err));
  const showCode = (code: string) =>
    modal.warning({
      title: t('login.showCode'),
      content: (
        <Typography.Title level={3} copyable data-testid="recovery-code">
          {code}
        </Typography.Title>
      ),
      width: 520,
    });

  if (status.data && !status.data.configured) {
    return (
      <Card title={t('login.setupTitle')} style={{ maxWidth: 520 }}>
        <Alert type="info" title={t('users.open')} style={{ marginBottom: 16 }} />
        <Form
          layout="vertical"
          onFinish={async (v: { name: string; pin: string }) => {
            try {
              const res = await api.call('users.setup', { name: v.name, pin: v.pin });
              setSession(res.session);
              showCode(res.recoveryCode);
              await qc.resetQueries();
            } catch (err) {
              fail(err);
            }
          }}
        >
          <Form.Item name="name" label={t('login.name')} rules={[{ required: true }]}>
            <Input data-testid="setup-name" />
          </Form.Item>
          <NewPinFields name="pin" label={t('login.pin')} testId="setup-pin" />
          <Button type="primary" htmlType="submit" data-testid="setup-submit">
            {t('users.setupOwner')}
          </Button>
        </Form>
      </Card>
    );
  }

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Button
            onClick={async () => {
              try {
                showCode((await api.call('users.newRecoveryCode', {})).recoveryCode);
              } catch (err) {
                fail(err);
              }
            }}
          >
            {t('users.newCode')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="users-add">
            {t('users.add')}
          </Button>
        </Flex>
      </Flex>
      <Table<User>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('login.name'), dataIndex: 'name' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: User['role'], u) => (
              <WithReason reason={u.disabled ? t('users.roleOfStopped') : undefined}>
                <Select
                  value={role}
                  style={{ width: 200 }}
                  disabled={u.disabled}
                  options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  onChange={(v) => update.mutate({ id: u.id, role: v }, { onError: fail })}
                />
              </WithReason>
            ),
          },
          {
            title: '',
            render: (_, u) =>
              u.disabled ? (
                <Tag>{t('users.disabled')}</Tag>
              ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                <Tag color="red">{t('users.locked')}</Tag>
              ) : null,
          },
          {
            title: '',
            render: (_, u) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setPinFor(u)}>
                  {t('users.setPin')}
                </Button>
                <Button
                  size="small"
                  danger={!u.disabled}
                  onClick={() => update.mutate({ id: u.id, disabled: !u.disabled }, { onError: fail })}
                >
                  {u.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('users.add')}
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = (await form.validateFields()) as { name: string; role: User['role']; pin: string };
          try {
            await api.call('users.create', { name: v.name, role: v.role, pin: v.pin });
            setAdding(false);
            form.resetFields();
            await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('users.') });
          } catch (err) {
            fail(err);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ role: 'staff' }}>
          <Form.Item name="name" label={t('login.name')} rules={[{ required: true }]}>
            <Input data-testid="user-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="user-role" />
          </Form.Item>
          <NewPinFields name="pin" label={t('login.pin')} testId="user-pin" />
        </Form>
      </Modal>
      <Modal
        open={!!pinFor}
        title={`${t('users.setPin')}: ${pinFor?.name ?? ''}`}
        onCancel={() => setPinFor(null)}
        onOk={async () => {
          const v = (await pinForm.validateFields()) as { pin: string };
          try {
            await api.call('users.setPin', { id: pinFor!.id, pin: v.pin });
            setPinFor(null);
            pinForm.resetFields();
            void message.success(t('login.saved'));
            await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('users.') });
          } catch (err) {
            fail(err);
          }
        }}
      >
        <Form form={pinForm} layout="vertical">
          <NewPinFields name="pin" label={t('login.newPin')} testId="set-pin" />
        </Form>
      </Modal>
    </Flex>
  );
}
