import { Alert, Button, Checkbox, Form, Input, Result, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { AuthShell } from '../../../auth/AuthShell';
import { CodeButton } from '../../../components/CodeButton';
import { DemoInboxLink } from '../../../components/DemoInboxLink';
import { LivePasswordRules, MOBILE_PATTERN, usePasswordRules } from '../../../components/password';
import { PARTNER_BASE } from '../menu';
import { useFormFeedback, useTx } from '../paths/ui';
import { guideTime } from './api';
import { T } from './text';

interface Values {
  countryRegion: string;
  mobile: string;
  code: string;
  password: string;
  confirmPassword: string;
  acceptCloudTerms?: boolean;
}

/**
 * 快捷注册新账号 (op 22, L2441–2469), public: within 24 hours of the verification, 华为帐号注册 with another
 * mobile number → 开通华为云 → 立即入驻; the new account joins the expired solution provider's company
 * with no path and no plan, ready for a distributor's invitation.
 */
export function QuickRegisterPage() {
  const tx = useTx();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const deadline = params.get('deadline');
  const [form] = Form.useForm<Values>();
  const rules = usePasswordRules();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ accountName: string; message: string } | null>(null);
  const mobile = Form.useWatch('mobile', form);

  const sendCode = async () => {
    try {
      await form.validateFields(['mobile']);
    } catch {
      return false;
    }
    try {
      await api.POST('/api/auth/register/code', { body: { mobile: form.getFieldValue('mobile') } });
      void message.success(tx({ zh: '验证码已发送', en: 'The code was sent' }));
      return true;
    } catch (err) {
      fail(err, form);
      return false;
    }
  };
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await api.POST('/api/programs/quick-registration/register', {
        body: { token, countryRegion: v.countryRegion, mobile: v.mobile.trim(), code: v.code.trim(), password: v.password, confirmPassword: v.confirmPassword, acceptCloudTerms: !!v.acceptCloudTerms },
      });
      setDone({ accountName: r.accountName, message: tx(r.message) });
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  if (!token)
    return (
      <AuthShell title={tx(T.qrTitle)}>
        <Alert type="error" showIcon message={tx(T.qrNoToken)} data-testid="quick-register-no-token" />
      </AuthShell>
    );
  if (done)
    return (
      <AuthShell title={tx(T.qrTitle)} width={560}>
        <Result
          status="success"
          title={tx(T.qrSuccess)}
          subTitle={
            <Space direction="vertical">
              <span data-testid="quick-register-account">{tx(T.qrNewAccount, { name: done.accountName })}</span>
              <span>{done.message}</span>
            </Space>
          }
          extra={
            <Link to={`${PARTNER_BASE}/login`} data-testid="quick-register-login">
              {tx(T.qrLogin)}
            </Link>
          }
          data-testid="quick-register-done"
        />
      </AuthShell>
    );
  return (
    <AuthShell title={tx(T.qrTitle)} width={520}>
      <Steps size="small" current={0} items={[{ title: tx(T.qrSteps1) }, { title: tx(T.qrSteps2) }, { title: tx(T.qrSteps3) }]} />
      <Alert type="info" showIcon message={tx(T.qrIntro)} description={deadline ? tx(T.qrDeadline, { deadline: guideTime(deadline) }) : undefined} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ countryRegion: '中国' }} data-testid="quick-register-page">
        <Form.Item name="countryRegion" label={tx(T.country)} rules={[{ required: true }]}>
          <Select options={[{ value: '中国', label: tx({ zh: '中国 (+86)', en: 'China (+86)' }) }]} />
        </Form.Item>
        <Form.Item name="mobile" label={tx(T.mobile)} rules={[{ required: true, message: tx(T.required, { field: tx(T.mobile) }) }, { pattern: MOBILE_PATTERN, message: tx(T.invalidMobile) }]}>
          <Input autoComplete="tel" data-testid="quick-register-mobile" />
        </Form.Item>
        <Form.Item label={tx({ zh: '短信验证码', en: 'SMS code' })} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, whitespace: true, message: tx(T.codeRequired) }]}>
              <Input autoComplete="one-time-code" data-testid="quick-register-sms" />
            </Form.Item>
            <CodeButton onSend={sendCode} testId="quick-register-sms-send" />
          </Space.Compact>
        </Form.Item>
        <Form.Item name="password" label={tx({ zh: '密码', en: 'Password' })} rules={rules.password} extra={<LivePasswordRules />}>
          <Input.Password autoComplete="new-password" data-testid="quick-register-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={tx({ zh: '确认密码', en: 'Confirm password' })} dependencies={['password']} rules={rules.confirm}>
          <Input.Password autoComplete="new-password" data-testid="quick-register-confirm" />
        </Form.Item>
        <Typography.Text strong>{tx(T.qrSteps2)}</Typography.Text>
        <Form.Item name="acceptCloudTerms" valuePropName="checked" rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error(tx(T.qrTermsRequired)); } }]}>
          <Checkbox data-testid="quick-register-terms">{tx(T.qrTerms)}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="quick-register-submit">
          {tx(T.qrSubmit)}
        </Button>
      </Form>
      <DemoInboxLink address={mobile} />
    </AuthShell>
  );
}
