import { Form, Input, Modal, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type ApiData } from '../../api/client';
import { CodeButton } from '../../components/CodeButton';
import { DemoInboxLink } from '../../components/DemoInboxLink';
import { useFeedback } from '../../components/feedback';
import { pickText } from '../../i18n';
import { T, type Bi } from './text';

export const CUSTOMER_BASE = '/customer';

/** Read a `{ zh, en }` text in the current language (re-rendering when it changes). */
export function useTx() {
  useTranslation();
  return (text: Bi) => pickText(text);
}

export type MyPartner = ApiData<'/api/customer/partners', 'get'>['items'][number];
export type PendingRequest = MyPartner['pendingRequests'][number];
export type NoticeView = NonNullable<MyPartner['noticeToSign']>;
export const partnersKey = ['customer', 'partners'] as const;

/** Money as the API sends it: a decimal string shown exactly, with the currency sign (no float arithmetic). */
export function Money({ value, testId }: { value: string | null | undefined; testId?: string }) {
  if (value == null) return <span data-testid={testId}>-</span>;
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const [int = '0', frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {negative ? '-' : ''}¥{grouped}
      {frac !== undefined ? `.${frac}` : ''}
    </span>
  );
}

/** 《客户关联华为云合作伙伴须知》 and the other notices: title, version and numbered points, scrollable. */
export function NoticeText({ notice, testId }: { notice: Pick<NoticeView, 'title' | 'version' | 'points'>; testId?: string }) {
  return (
    <div data-testid={testId} style={{ maxHeight: 280, overflowY: 'auto', padding: 12, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa' }}>
      <Typography.Title level={5} style={{ marginTop: 0, textAlign: 'center' }}>
        {notice.title} <Typography.Text type="secondary">({notice.version})</Typography.Text>
      </Typography.Title>
      {notice.points.map((p) => (
        <Typography.Paragraph key={p} style={{ marginBottom: 8 }}>
          {p}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

/** The customer's own mobile, where its SMS codes go (the demo inbox link opens it). */
function useMyMobile() {
  const q = useQuery({ queryKey: ['profile'], queryFn: () => api.GET('/api/profile'), staleTime: 60_000 });
  return q.data?.mobile;
}

/**
 * The SMS-code step of the customer's sensitive operations (处理伙伴发起的解除关联或切换关联类型、自身解除关联、
 * 同意或取消代客授权; spec 07 §1): 获取验证码 sends it to the customer's mobile, 确定 runs `onSubmit(code)`.
 * A wrong code stays on the code field; any other refusal goes to `onError` (the caller's form) and closes.
 */
export function CodeModal({
  open,
  title,
  onCancel,
  onSubmit,
  onError,
  testId = 'code-modal',
}: {
  open: boolean;
  title?: string;
  onCancel: () => void;
  onSubmit: (code: string) => Promise<void>;
  onError?: (err: unknown) => void;
  testId?: string;
}) {
  const tx = useTx();
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const { message, handleError } = useFeedback();
  const [busy, setBusy] = useState(false);
  const mobile = useMyMobile();

  const send = async () => {
    try {
      await api.POST('/api/customer/verification-code', { body: {} });
      void message.success(tx(T.code.sent));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await onSubmit(code.trim());
      form.resetFields();
    } catch (err) {
      if (err instanceof ApiError && (err.fields.code || /code/.test(err.code))) {
        form.setFields([{ name: 'code', errors: [err.fields.code ?? err.message] }]);
      } else if (onError) {
        form.resetFields();
        onError(err);
      } else handleError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title ?? tx(T.code.title)}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
    >
      <Typography.Paragraph type="secondary" data-testid={testId}>
        {tx(T.code.desc)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={tx(T.code.label)} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('common.required', { field: tx(T.code.label) }) }]}>
              <Input data-testid={`${testId}-code`} autoComplete="one-time-code" maxLength={12} autoFocus />
            </Form.Item>
            <CodeButton onSend={send} testId={`${testId}-send`} />
          </Space.Compact>
        </Form.Item>
        <DemoInboxLink address={mobile} />
      </Form>
    </Modal>
  );
}

/** A fresh idempotency key for one money request (kept while the same dialog is retried). */
export const newRequestId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
