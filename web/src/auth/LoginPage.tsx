import { Button, Form, Input, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import type { Portal } from '../api/types';
import { DemoInboxLink } from '../components/DemoInboxLink';
import { useFeedback } from '../components/feedback';
import { AuthShell } from './AuthShell';
import { useRefreshMe } from './session';

type Mode = 'account' | 'member' | 'staff';

interface LoginValues {
  identifier: string;
  password: string;
  tenant?: string;
}

/**
 * One login page per portal. The partner portal has the guide's two tabs: 华为账号 (account)
 * and IAM用户 (org member: tenant + IAM user name + password); ops signs in staff.
 */
export function LoginPage({ portal, homePath }: { portal: Portal; homePath: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const refreshMe = useRefreshMe();
  const { handleError } = useFeedback();
  const [mode, setMode] = useState<Mode>(portal === 'ops' ? 'staff' : 'account');
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    try {
      const res = await api.POST('/api/auth/login', { body: { portal, mode, ...values, tenant: mode === 'member' ? values.tenant : undefined } });
      setCsrfToken(res?.csrfToken);
      const me = await refreshMe();
      const redirect = params.get('redirect');
      if (me.mustChangePassword) navigate(`/${portal}/password`, { replace: true });
      else navigate(redirect && redirect.startsWith(`/${portal}`) ? redirect : homePath, { replace: true });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  const portalName = t(`app.${portal}`);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  const fields =
    mode === 'member' ? (
      <>
        <Form.Item name="tenant" label={t('auth.tenant')} rules={required(t('auth.tenant'))}>
          <Input data-testid="login-tenant" autoComplete="organization" />
        </Form.Item>
        <Form.Item name="identifier" label={t('auth.memberIdentifier')} rules={required(t('auth.memberIdentifier'))}>
          <Input data-testid="login-identifier" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.memberPassword')} rules={required(t('auth.memberPassword'))}>
          <Input.Password data-testid="login-password" autoComplete="current-password" />
        </Form.Item>
      </>
    ) : (
      <>
        <Form.Item
          name="identifier"
          label={mode === 'staff' ? t('auth.staffIdentifier') : t('auth.identifier')}
          rules={required(mode === 'staff' ? t('auth.staffIdentifier') : t('auth.identifier'))}
        >
          <Input data-testid="login-identifier" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={required(t('auth.password'))}>
          <Input.Password data-testid="login-password" autoComplete="current-password" />
        </Form.Item>
      </>
    );

  return (
    <AuthShell title={t('auth.loginTitle', { portal: portalName })}>
      {portal === 'partner' && (
        <Tabs
          activeKey={mode}
          onChange={(key) => {
            setMode(key as Mode);
            form.resetFields();
          }}
          items={[
            { key: 'account', label: <span data-testid="login-tab-account">{t('auth.tabAccount')}</span> },
            { key: 'member', label: <span data-testid="login-tab-member">{t('auth.tabMember')}</span> },
          ]}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
        {fields}
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
      {portal !== 'ops' && (
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Link to={`/${portal}/forgot-password`} data-testid="forgot-password-link">
            {t('auth.forgot')}
          </Link>
          <span>
            {t('auth.noAccount')}{' '}
            <Link to={`/${portal}/register`} data-testid="register-link">
              {t('auth.register')}
            </Link>
          </span>
        </Space>
      )}
      <DemoInboxLink />
    </AuthShell>
  );
}
