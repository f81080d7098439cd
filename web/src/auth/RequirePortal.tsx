import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Portal } from '../api/types';
import { PageSpin } from '../components/PageSpin';
import { PORTAL_ACTORS, useLogout, useMe } from './session';

/**
 * Gate of a portal's signed-in pages: anonymous → its login page (coming back afterwards),
 * the wrong kind of actor → a notice with 退出登录, a pending first-login password change →
 * the password page.
 */
export function RequirePortal({ portal, children }: { portal: Portal; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  if (me.isLoading) return <PageSpin />;
  if (me.isError || !me.data) {
    return (
      <Result
        status="error"
        title={t('common.error')}
        subTitle={me.error instanceof Error ? me.error.message : undefined}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const { actor, mustChangePassword } = me.data;
  if (actor.kind === 'anonymous') {
    const redirect = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/${portal}/login?redirect=${redirect}`} replace />;
  }
  if (!PORTAL_ACTORS[portal].includes(actor.kind)) {
    const portalName = t(`app.${portal}`);
    return (
      <Result
        status="403"
        title={t('common.wrongPortal', { portal: portalName })}
        subTitle={t('common.wrongPortalDesc', { portal: portalName })}
        extra={
          <Button
            type="primary"
            data-testid="wrong-portal-logout"
            onClick={async () => {
              await logout();
              navigate(`/${portal}/login`, { replace: true });
            }}
          >
            {t('common.logout')}
          </Button>
        }
      />
    );
  }
  if (mustChangePassword && location.pathname !== `/${portal}/password`) return <Navigate to={`/${portal}/password`} replace />;
  return <>{children}</>;
}
