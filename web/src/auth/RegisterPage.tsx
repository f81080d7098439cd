import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import type { Portal } from '../api/types';
import { CodeButton } from '../components/CodeButton';
import { DemoInboxLink } from '../components/DemoInboxLink';
import { useFeedback } from '../components/feedback';
import { LivePasswordRules, MOBILE_PATTERN, usePasswordRules } from '../components/password';
import { AuthShell } from './AuthShell';
import { useRefreshMe } from './session';

interface RegisterValues {
  countryRegion: string;
  mobile: string;
  code: string;
  password: string;
  confirmPassword: string;
}

/** 华为帐号注册: mobile + SMS code + password, then 开通华为云. */
export function RegisterPage({ portal }: { portal: Portal }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterValues>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const refreshMe = useRefreshMe();
  const { message, handleError } = useFeedback();
  const rules = usePasswordRules();
  const [submitting, setSubmitting] = useState(false);
  const mobile = Form.useWatch('mobile', form);

  const sendCode = async () => {
    try {
      await form.validateFields(['mobile']);
    } catch {
      return false;
    }
    try {
      await api.POST('/api/auth/register/code', { body: { mobile: form.getFieldValue('mobile') } });
      void message.success(t('auth.codeSent'));
      return true;
    } catch (err) {
      handleError(err, form);
      return false;
    }
  };

  const submit = async (values: RegisterValues) => {
    setSubmitting(true);
    try {
      const res = await api.POST('/api/auth/register', { body: values });
      if (res?.csrfToken) setCsrfToken(res.csrfToken);
      await refreshMe();
      void message.success(t('auth.registered'));
      const redirect = params.get('redirect');
      navigate(`/${portal}/activate${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`, { replace: true });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('auth.registerTitle')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ countryRegion: 'CN' }} data-testid="register-form">
        <Form.Item name="countryRegion" label={t('auth.countryRegion')} rules={[{ required: true }]}>
          <Select data-testid="register-countryRegion" options={[{ value: 'CN', label: `${t('auth.chinaMainland')} (+86)` }]} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('auth.mobile')}
          rules={[
            { required: true, message: t('common.required', { field: t('auth.mobile') }) },
            { pattern: MOBILE_PATTERN, message: t('common.invalidMobile') },
          ]}
        >
          <Input data-testid="register-mobile" autoComplete="tel" />
        </Form.Item>
        <Form.Item label={t('auth.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('common.required', { field: t('auth.code') }) }]}>
              <Input data-testid="register-code" autoComplete="one-time-code" />
            </Form.Item>
            <CodeButton onSend={sendCode} />
          </Space.Compact>
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={rules.password} extra={<LivePasswordRules />}>
          <Input.Password data-testid="register-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('auth.confirmPassword')} dependencies={['password']} rules={rules.confirm}>
          <Input.Password data-testid="register-confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="register-submit">
          {t('auth.registerSubmit')}
        </Button>
      </Form>
      <Link to={`/${portal}/login`}>{t('auth.haveAccount')}</Link>
      <DemoInboxLink address={mobile} />
    </AuthShell>
  );
}
