// The page a role may not use, opened by a typed address or a reload: it says who may use it and offers
// the way back (home, or switch to a user who may), inside the normal frame with its menu.
import { Button, Flex, Result } from 'antd';
import { HomeOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../../shared/api/contract';
import { useApiQuery } from '../api/hooks';
import { useSignOut } from '../pages/login/LoginGate';
import { useRights } from './rights';

export function Forbidden({ method }: { method: MethodName }) {
  const { t } = useTranslation('trust');
  const rights = useRights();
  const me = useApiQuery('users.status', {}).data?.me;
  const signOut = useSignOut();
  return (
    <Result
      status="403"
      title={t('login.forbiddenTitle')}
      subTitle={
        <>
          <div data-testid="forbidden-reason">{rights.reason(method)}</div>
          {me && <div>{t('login.signedInAs', { name: me.name, role: t(`roles.${me.role}`) })}</div>}
        </>
      }
      data-testid="forbidden"
      extra={
        <Flex gap={8} justify="center">
          <Link to="/">
            <Button type="primary" icon={<HomeOutlined />}>
              {t('common:menu.home')}
            </Button>
          </Link>
          <Button icon={<SwapOutlined />} onClick={() => void signOut()} data-testid="forbidden-switch">
            {t('login.switchUser')}
          </Button>
        </Flex>
      }
    />
  );
}
