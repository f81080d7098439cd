import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useMe, useRefreshMe } from '../auth/session';
import { useFeedback } from '../components/feedback';
import { LivePasswordRules, usePasswordRules } from '../components/password';

interface ChangeValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码; the portal guard sends a member here until a first-login change is done. */
export function ChangePasswordPage({ homePath }: { homePath: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangeValues>();
  const { data: me } = useMe();
  const refreshMe = useRefreshMe();
  const navigate = useNavigate();
  const { message, handleError } = useFeedback();
  const rules = usePasswordRules('newPassword');
  const [submitting, setSubmitting] = useState(false);

  return (
    <Card title={t('auth.changeTitle')} style={{ maxWidth: 520 }}>
      {me?.mustChangePassword && <Alert type="warning" showIcon message={t('auth.mustChange')} style={{ marginBottom: 16 }} data-testid="must-change-password" />}
      <Form
        form={form}
        layout="vertical"
        data-testid="change-password-form"
        onFinish={async (values) => {
          setSubmitting(true);
          try {
            await api.POST('/api/auth/password/change', { body: values });
            void message.success(t('auth.changed'));
            await refreshMe();
            navigate(homePath, { replace: true });
          } catch (err) {
            handleError(err, form);
          } finally {
            setSubmitting(false);
          }
        }}
      >
        <Form.Item name="oldPassword" label={t('auth.oldPassword')} rules={[{ required: true, message: t('common.required', { field: t('auth.oldPassword') }) }]}>
          <Input.Password data-testid="oldPassword" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={rules.password} extra={<LivePasswordRules field="newPassword" />}>
          <Input.Password data-testid="newPassword" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('auth.confirmPassword')} dependencies={['newPassword']} rules={rules.confirm}>
          <Input.Password data-testid="confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="change-password-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
