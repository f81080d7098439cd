import { Alert, Button, Form, Input, Modal, Result, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import { CodeButton } from '../../../components/CodeButton';
import { PARTNER_BASE } from '../menu';
import { useFormFeedback, useTx } from '../paths/ui';
import { guideTime, KEYS, useActor, type ExpiryNotice as Notice } from './api';
import { T } from './text';

/** The solution-provider expiry notice, asked only by the account itself (the only one still allowed in). */
export function useExpiry() {
  const { isMainAccount } = useActor();
  return useQuery({ queryKey: KEYS.expiry, queryFn: () => api.GET('/api/programs/solution-provider/expiry'), enabled: isMainAccount, retry: false });
}

/**
 * "您的解决方案提供商计划已经过期" (op 22, L2390–2469): the impacts, the company's empty accounts
 * (空账号) with 确认, and "快捷注册新账号". Shown as a banner that opens the pop-up.
 */
export function ExpiryBanner() {
  const tx = useTx();
  const expiry = useExpiry();
  const [open, setOpen] = useState(false);
  if (!expiry.data?.expired) return null;
  return (
    <>
      <Alert
        type="error"
        showIcon
        data-testid="sp-expired-banner"
        message={tx(expiry.data.title)}
        description={tx(T.quickRegisterHint)}
        action={
          <Button danger onClick={() => setOpen(true)} data-testid="sp-expired-open">
            {tx(T.viewDetail)}
          </Button>
        }
      />
      <ExpiryModal notice={expiry.data} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function ExpiryModal({ notice, open, onClose }: { notice: Notice; open: boolean; onClose: () => void }) {
  const tx = useTx();
  const [quick, setQuick] = useState(false);
  return (
    <>
      <Modal
        open={open}
        onCancel={onClose}
        title={tx(notice.title)}
        width={720}
        footer={
          <Button type="primary" onClick={onClose} data-testid="sp-expired-confirm">
            {tx(T.confirm)}
          </Button>
        }
      >
        <div data-testid="sp-expired-modal">
          <Typography.Paragraph strong>{tx(T.impactsTitle)}</Typography.Paragraph>
          <ol>
            {notice.impacts.map((x, i) => (
              <li key={i}>{tx(x)}</li>
            ))}
          </ol>
          <Typography.Paragraph>
            {tx(notice.note)}{' '}
            <Typography.Link onClick={() => setQuick(true)} data-testid="quick-register-open">
              {tx(T.quickRegister)}
            </Typography.Link>
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="accountName"
            pagination={false}
            dataSource={notice.emptyAccounts}
            locale={{ emptyText: tx(T.emptyAccounts) + ': --' }}
            columns={[
              { key: 'name', title: tx(T.accountName), dataIndex: 'accountName' },
              { key: 'type', title: tx(T.accountType), dataIndex: 'accountType' },
              { key: 'paths', title: tx(T.paths), render: (_, r) => (r.paths.length ? r.paths.map((x) => tx(x)).join('、') : '--') },
              { key: 'programs', title: tx(T.joinedPrograms), render: (_, r) => (r.programs.length ? r.programs.map((x) => tx(x)).join('、') : '--') },
            ]}
          />
        </div>
      </Modal>
      <QuickRegisterDialog open={quick} onClose={() => setQuick(false)} />
    </>
  );
}

/**
 * "确认注册新账号?": a code to the main account's e-mail (or "通过手机验证"), valid 5 minutes; after
 * "确认" the new account must be registered within 24 hours, on the public quick-registration page.
 */
export function QuickRegisterDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const tx = useTx();
  const [form] = Form.useForm<{ code: string }>();
  const { fail } = useFormFeedback();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [sent, setSent] = useState<{ target: string; text: string } | null>(null);
  const [verified, setVerified] = useState<{ token: string; deadline: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const switchChannel = () => {
    setChannel((c) => (c === 'email' ? 'sms' : 'email'));
    setSent(null);
    form.resetFields();
  };
  const send = async () => {
    try {
      const r = await api.POST('/api/programs/quick-registration/code', { body: { channel } });
      setSent({ target: r.target, text: tx(r.message) });
      return true;
    } catch (err) {
      fail(err, form);
      return false;
    }
  };
  const verify = async ({ code }: { code: string }) => {
    setSaving(true);
    try {
      setVerified(await api.POST('/api/programs/quick-registration/verify', { body: { channel, code: code.trim() } }));
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const close = () => {
    setSent(null);
    setVerified(null);
    form.resetFields();
    onClose();
  };
  const registerUrl = verified ? `${PARTNER_BASE}/quick-register?token=${encodeURIComponent(verified.token)}&deadline=${encodeURIComponent(verified.deadline)}` : '';

  return (
    <Modal
      open={open}
      onCancel={close}
      title={tx(T.confirmTitle)}
      destroyOnHidden
      footer={
        verified ? (
          <Button onClick={close}>{tx(T.cancel)}</Button>
        ) : (
          <Space>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="quick-register-verify">
              {tx(T.confirm)}
            </Button>
            <Button onClick={close}>{tx(T.cancel)}</Button>
          </Space>
        )
      }
    >
      {verified ? (
        <Result
          status="success"
          title={tx(T.verified, { deadline: guideTime(verified.deadline) })}
          extra={
            <Button type="primary" href={registerUrl} target="_blank" data-testid="quick-register-go">
              {tx(T.goRegister)}
            </Button>
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={verify} data-testid="quick-register-form">
          <Typography.Paragraph>{tx(T.confirmIntro)}</Typography.Paragraph>
          <Form.Item label={tx(channel === 'email' ? T.emailAddress : T.mobile)} extra={tx(T.codeNote)}>
            <Space>
              <Typography.Text data-testid="quick-register-target">{sent?.target ?? '--'}</Typography.Text>
              <Typography.Link onClick={switchChannel} data-testid="quick-register-channel">
                {tx(channel === 'email' ? T.viaPhone : T.viaEmail)}
              </Typography.Link>
            </Space>
          </Form.Item>
          <Form.Item label={tx(T.code)} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="code" noStyle rules={[{ required: true, whitespace: true, message: tx(T.codeRequired) }]}>
                <Input maxLength={8} autoComplete="one-time-code" data-testid="quick-register-code" />
              </Form.Item>
              <CodeButton onSend={send} testId="quick-register-send" />
            </Space.Compact>
          </Form.Item>
          {sent && <Alert type="info" showIcon message={sent.text} data-testid="quick-register-sent" />}
        </Form>
      )}
    </Modal>
  );
}
