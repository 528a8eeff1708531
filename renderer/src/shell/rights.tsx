// What the signed-in role may do, from the same table the core enforces (shared/api/permissions.ts):
// the menu, home shortcuts and buttons ask here, so the UI never offers a click that ends in a refusal.
import { useMemo, type ReactElement } from 'react';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api as contract, type MethodName } from '../../../shared/api/contract';
import { permissionDenial, refusalParams } from '../../../shared/api/permissions';
import { errorMessage, parseLang } from '../../../shared/i18n/messages';
import { useApiQuery } from '../api/hooks';

export type Rights = {
  /** Whether the current user may call the method (true while nobody is signed in yet: open install). */
  may: (method: MethodName) => boolean;
  /** Why not, in words ("Chỉ chủ cơ sở mới được …"), or undefined when allowed. */
  reason: (method: MethodName) => string | undefined;
};

export function useRights(): Rights {
  const status = useApiQuery('users.status', {});
  const { i18n } = useTranslation();
  const lang = parseLang(i18n.language);
  const me = status.data?.me;
  const workshop = status.data?.workshop ?? false;
  return useMemo(() => {
    const denial = (m: MethodName) => (me ? permissionDenial(m, contract[m].access, me.role, workshop) : null);
    return {
      may: (m) => denial(m) === null,
      reason: (m) => {
        const d = denial(m);
        return d ? errorMessage(d, refusalParams(m, contract[m].access), lang) : undefined;
      },
    };
  }, [me, workshop, lang]);
}

/**
 * A control with the reason it is disabled shown on hover and focus. A disabled button gets no mouse
 * events, so the tooltip sits on a wrapper.
 */
export function WithReason({ reason, children }: { reason?: string | null; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason}>
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }} data-reason={reason} tabIndex={0}>
        {children}
      </span>
    </Tooltip>
  );
}

/**
 * Who did something, for people: "Chị Hoa (Chủ cơ sở)". Records keep the user's name; before any user
 * is set up (and from the CLI) it is the word "owner", which reads as the role.
 */
export function usePersonWords(): (name: string) => string {
  const status = useApiQuery('users.status', {});
  const { t } = useTranslation('trust');
  return useMemo(() => {
    const roles = new Map((status.data?.users ?? []).map((u) => [u.name, u.role]));
    return (name: string) => {
      if (name === 'owner') return t('roles.owner');
      const role = roles.get(name);
      return role ? `${name} (${t(`roles.${role}`)})` : name;
    };
  }, [status.data, t]);
}
