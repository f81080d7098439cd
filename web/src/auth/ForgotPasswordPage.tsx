import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Portal } from '../api/types';
import { CodeButton } from '../components/CodeButton';
import { DemoInboxLink } from '../components/DemoInboxLink';
import { useFeedback } from '../components/feedback';
import { LivePasswordRules, usePasswordRules } from '../components/password';
import { AuthShell } from './AuthShell';

interface ResetValues {
  target: string;
  code: string;
  password: string;
  confirmPassword: string;
}

/** 忘记密码: a code to the mobile or e-mail, then a new password. */
export function ForgotPasswordPage({ portal }: { portal: Portal }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResetValues>();
  const navigate = useNavigate();
  const { message, handleError } = useFeedback();
  const rules = usePasswordRules();
  const [submitting, setSubmitting] = useState(false);
  const target = Form.useWatch('target', form);

  const sendCode = async () => {
    try {
      await form.validateFields(['target']);
      await api.POST('/api/auth/password/reset-code', { body: { target: form.getFieldValue('target') } });
      void message.success(t('auth.codeSent'));
      return true;
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return false;
      handleError(err, form);
      return false;
    }
  };

  return (
    <AuthShell title={t('auth.forgotTitle')}>
      <Form
        form={form}
        layout="vertical"
        data-testid="forgot-form"
        onFinish={async (values) => {
          setSubmitting(true);
          try {
            await api.POST('/api/auth/password/reset', { body: values });
            void message.success(t('auth.resetDone'));
            navigate(`/${portal}/login`, { replace: true });
          } catch (err) {
            handleError(err, form);
          } finally {
            setSubmitting(false);
          }
        }}
      >
        <Form.Item name="target" label={t('auth.resetTarget')} rules={[{ required: true, message: t('common.required', { field: t('auth.resetTarget') }) }]}>
          <Input data-testid="reset-target" />
        </Form.Item>
        <Form.Item label={t('auth.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('common.required', { field: t('auth.code') }) }]}>
              <Input data-testid="reset-code" autoComplete="one-time-code" />
            </Form.Item>
            <CodeButton onSend={sendCode} />
          </Space.Compact>
        </Form.Item>
        <Form.Item name="password" label={t('auth.newPassword')} rules={rules.password} extra={<LivePasswordRules />}>
          <Input.Password data-testid="reset-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('auth.confirmPassword')} dependencies={['password']} rules={rules.confirm}>
          <Input.Password data-testid="reset-confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="reset-submit">
          {t('auth.resetSubmit')}
        </Button>
      </Form>
      <Link to={`/${portal}/login`}>{t('auth.login')}</Link>
      <DemoInboxLink address={target} />
    </AuthShell>
  );
}
