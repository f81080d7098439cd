import { Alert, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { LivePasswordRules, MOBILE_PATTERN, usePasswordRules } from '../../../components/password';

/** 填写人员信息 fields; `mode` edit shows the account name read-only and the 状态 switch. */
export function MemberFields({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const pw = usePasswordRules();
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <>
      {mode === 'create' && <Alert type="warning" showIcon message={t('org.accountNameNote')} style={{ marginBottom: 16 }} data-testid="account-name-note" />}
      <Form.Item name="accountName" label={t('org.accountName')} rules={mode === 'create' ? [required(t('org.accountName')), { max: 64 }] : []}>
        <Input data-testid="member-accountName" disabled={mode === 'edit'} autoComplete="off" />
      </Form.Item>
      {mode === 'create' && (
        <>
          <Form.Item name="password" label={t('org.password')} rules={pw.password} extra={<LivePasswordRules />}>
            <Input.Password data-testid="member-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirmPassword" label={t('org.confirmPassword')} dependencies={['password']} rules={pw.confirm}>
            <Input.Password data-testid="member-confirmPassword" autoComplete="new-password" />
          </Form.Item>
        </>
      )}
      <Form.Item name="name" label={t('org.name')} rules={[required(t('org.name')), { max: 64 }]}>
        <Input data-testid="member-name" />
      </Form.Item>
      <Form.Item name="mobile" label={t('org.mobile')} rules={[required(t('org.mobile')), { pattern: MOBILE_PATTERN, message: t('common.invalidMobile') }]}>
        <Input data-testid="member-mobile" addonBefore="+86" />
      </Form.Item>
      <Form.Item name="email" label={t('org.email')} rules={[required(t('org.email')), { type: 'email', message: t('common.invalidEmail') }]}>
        <Input data-testid="member-email" />
      </Form.Item>
      <Form.Item name="landline" label={t('org.landline')}>
        <Input data-testid="member-landline" />
      </Form.Item>
      {mode === 'edit' && (
        <Form.Item name="status" label={t('org.status')} rules={[{ required: true }]}>
          <Radio.Group data-testid="member-status">
            <Radio value="normal">{t('org.statusNormal')}</Radio>
            <Radio value="locked">{t('org.statusLocked')}</Radio>
          </Radio.Group>
        </Form.Item>
      )}
    </>
  );
}
