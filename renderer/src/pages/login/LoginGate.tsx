// The login gate: once users exist, the app asks "who are you?" and a PIN before anything
// else; it shows the signed-in user with a quick switch, the "ĐÀO TẠO" banner of the training
// database, and refuses pages the role may not open. With no users (a fresh install) it is invisible.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Dropdown, Flex, Form, Input, Modal, Spin, Typography } from 'antd';
import { LockOutlined, UserOutlined, SwapOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, UserPublic } from '../../../../shared/api/users';
import { NewPinFields } from './PinFields';
import { ApiError } from '../../api/client';
import { useApi, useApiQuery } from '../../api/hooks';
import { SESSION_ERRORS, setSession } from './session';

/** Sign out and show the login screen again (the user menu's "switch user", the refusal page's button). */
export function useSignOut(): () => Promise<void> {
  const api = useApi();
  const qc = useQueryClient();
  return async () => {
    try {
      await api.call('users.logout', {});
    } finally {
      setSession(null);
      await qc.resetQueries();
    }
  };
}

export function WorkshopBanner() {
  const { t } = useTranslation('trust');
  return (
    <div
      data-testid="workshop-banner"
      style={{
        background: '#d4380d',
        color: '#fff',
        textAlign: 'center',
        fontWeight: 700,
        padding: '4px 8px',
        letterSpacing: 1,
      }}
    >
      {t('workshop.banner')}
    </div>
  );
}

export function LoginGate({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const status = useApiQuery('users.status', {});

  // Any call answered "sign in again" (session ended, user disabled) brings the login screen back.
  useEffect(
    () =>
      qc.getQueryCache().subscribe((e) => {
        const err = e.type === 'updated' ? e.query.state.error : null;
        if (err instanceof ApiError && SESSION_ERRORS.has(err.code)) {
          setSession(null);
          void qc.invalidateQueries({ queryKey: ['users.status'] });
        }
      }),
    [qc],
  );

  if (status.isPending) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  if (status.isError) return <>{children}</>; // the app's own gate shows the error (e.g. no token)
  const s = status.data;
  const signedIn = async (token: string) => {
    setSession(token);
    await qc.resetQueries();
  };
  if (s.configured && !s.me) {
    return (
      <>
        {s.workshop && <WorkshopBanner />}
        <LoginScreen users={s.users} onSignedIn={signedIn} />
      </>
    );
  }
  return (
    <>
      {s.workshop && <WorkshopBanner />}
      {children}
    </>
  );
}

function LoginScreen({ users, onSignedIn }: { users: UserPublic[]; onSignedIn: (token: string) => Promise<void> }) {
  const { t } = useTranslation('trust');
  const api = useApi();
  const [userId, setUserId] = useState<number | null>(users.length === 1 ? users[0].id : null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recover, setRecover] = useState(false);
  const [newCode, setNewCode] = useState<{ code: string; session: string } | null>(null);

  const login = async () => {
    if (userId === null) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.call('users.login', { userId, pin });
      await onSignedIn(res.session);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  if (recover) {
    return (
      <Flex justify="center" style={{ marginTop: '10vh' }}>
        <Card title={t('login.forgot')} style={{ width: 420 }}>
          {newCode ? (
            <Flex vertical gap={12}>
              <Alert type="warning" showIcon title={t('login.showCode')} />
              <Typography.Title level={3} copyable style={{ textAlign: 'center' }} data-testid="recovery-code">
                {newCode.code}
              </Typography.Title>
              <Button type="primary" onClick={() => void onSignedIn(newCode.session)}>
                {t('login.enter')}
              </Button>
            </Flex>
          ) : (
            <Form
              layout="vertical"
              onFinish={async (v: { code: string; newPin: string }) => {
                try {
                  const res = await api.call('users.recover', { code: v.code, newPin: v.newPin });
                  // The new code is shown first; the session starts when the owner moves on.
                  setNewCode({ code: res.recoveryCode, session: res.session });
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : String(err));
                }
              }}
            >
              {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
              <Form.Item name="code" label={t('login.recoveryCode')} rules={[{ required: true }]}>
                <Input autoFocus />
              </Form.Item>
              <NewPinFields name="newPin" label={t('login.newPin')} />
              <Flex gap={8}>
                <Button type="primary" htmlType="submit">
                  {t('login.reset')}
                </Button>
                <Button onClick={() => setRecover(false)}>{t('login.back')}</Button>
              </Flex>
            </Form>
          )}
        </Card>
      </Flex>
    );
  }

  return (
    <Flex justify="center" style={{ marginTop: '8vh' }}>
      <Card
        title={
          <>
            <LockOutlined /> {t('login.title')}
          </>
        }
        style={{ width: 460 }}
        data-testid="login"
      >
        <Typography.Text strong>{t('login.who')}</Typography.Text>
        <Flex wrap gap={8} style={{ margin: '8px 0 16px' }}>
          {users.map((u) => (
            <Button
              key={u.id}
              size="large"
              type={u.id === userId ? 'primary' : 'default'}
              icon={<UserOutlined />}
              onClick={() => setUserId(u.id)}
              data-testid={`login-user-${u.name}`}
            >
              {u.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12, color: u.id === userId ? '#fff' : undefined }}>
                ({t(`roles.${u.role}`)})
              </Typography.Text>
            </Button>
          ))}
        </Flex>
        {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="login-error" />}
        <Flex gap={8}>
          <Input.Password
            size="large"
            placeholder={t('login.pin')}
            inputMode="numeric"
            maxLength={8}
            value={pin}
            disabled={userId === null}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            onPressEnter={() => void login()}
            data-testid="login-pin"
            autoFocus
          />
          <Button
            size="large"
            type="primary"
            loading={busy}
            disabled={userId === null || pin.length < 4}
            onClick={() => void login()}
            data-testid="login-submit"
          >
            {t('login.enter')}
          </Button>
        </Flex>
        <Button type="link" style={{ padding: 0, marginTop: 12 }} onClick={() => setRecover(true)}>
          {t('login.forgot')}
        </Button>
      </Card>
    </Flex>
  );
}

/** Who is signed in, with switch user / change PIN / sign out; in the header, so it covers no button. */
export function UserChip() {
  const status = useApiQuery('users.status', {});
  const me = status.data?.configured ? status.data.me : null;
  return me ? <UserMenu me={me} /> : null;
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation('trust');
  const api = useApi();
  const { message } = AntApp.useApp();
  const [pinOpen, setPinOpen] = useState(false);
  const [form] = Form.useForm();
  const signOut = useSignOut();
  return (
    <div>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'switch', icon: <SwapOutlined />, label: t('login.switchUser'), onClick: () => void signOut() },
            { key: 'pin', icon: <KeyOutlined />, label: t('login.changePin'), onClick: () => setPinOpen(true) },
            { key: 'out', icon: <LogoutOutlined />, label: t('login.logout'), onClick: () => void signOut() },
          ],
        }}
      >
        <Button shape="round" icon={<UserOutlined />} data-testid="user-chip">
          {me.name} · {t(`roles.${me.role}`)}
        </Button>
      </Dropdown>
      <Modal
        open={pinOpen}
        title={t('login.changePin')}
        onCancel={() => setPinOpen(false)}
        onOk={async () => {
          const v = (await form.validateFields()) as { oldPin: string; newPin: string };
          try {
            await api.call('users.changePin', { oldPin: v.oldPin, newPin: v.newPin });
            void message.success(t('login.saved'));
            setPinOpen(false);
            form.resetFields();
          } catch (err) {
            void message.error(err instanceof ApiError ? err.message : String(err));
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="oldPin" label={t('login.oldPin')} rules={[{ required: true }]}>
            <Input.Password inputMode="numeric" maxLength={8} />
          </Form.Item>
          <NewPinFields name="newPin" label={t('login.newPin')} />
        </Form>
      </Modal>
    </div>
  );
}
