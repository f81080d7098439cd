import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Form, Input, Radio, Space, Tag, Tooltip } from 'antd';
import { useQueries } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../../../api/client';
import { CodeButton } from '../../../components/CodeButton';
import { DemoInboxLink } from '../../../components/DemoInboxLink';
import { useFeedback } from '../../../components/feedback';
import { KEYS } from './api';
import { formatMoney, yuan } from './money';
import { T, tx, type Bi } from './text';

/**
 * A money amount exactly as the API sent it, with separators: "¥1,000.00", or "1,000.00" (`bare`) under a
 * title that already says (¥), as the guide's columns do.
 */
export function Money({ value, testId, bare }: { value: string | null | undefined; testId?: string; bare?: boolean }) {
  return (
    <span data-testid={testId} data-amount={value ?? ''} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {bare ? formatMoney(value) : yuan(value)}
    </span>
  );
}

/** A column title with the guide's eye button ("单击列表字段旁边的眼睛按钮…"); keyboard-usable. */
export function EyeTitle({ title, on, onToggle, testId }: { title: string; on: boolean; onToggle: () => void; testId: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={tx(on ? T.hideField : T.showField)}>
        <Button
          type="text"
          size="small"
          aria-pressed={on}
          aria-label={`${title}: ${tx(on ? T.hideField : T.showField)}`}
          icon={on ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
          data-testid={testId}
          data-on={on ? 'true' : 'false'}
        />
      </Tooltip>
    </Space>
  );
}

/** Which masked columns the user has opened with their eye. */
export function useEyes<K extends string>() {
  const [open, setOpen] = useState<Set<K>>(new Set());
  return {
    isOn: (k: K) => open.has(k),
    any: open.size > 0,
    toggle: (k: K) =>
      setOpen((s) => {
        const n = new Set(s);
        if (n.has(k)) n.delete(k);
        else n.add(k);
        return n;
      }),
  };
}

type RevealKind = 'customer' | 'report' | 'record';
type Revealed = { customerName?: string | null; fullName?: string | null; mobile?: string | null; email?: string | null; accountManagerName?: string | null };

/**
 * The unmasked values of the rows on screen, fetched only while an eye is open (each read is one
 * audited call of the row's `/unmasked` route).
 */
export function useRevealed(kind: RevealKind, ids: string[], enabled: boolean): Map<string, Revealed> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: [...KEYS.reveal, kind, id],
      enabled,
      staleTime: 5 * 60_000,
      queryFn: async (): Promise<Revealed> => {
        if (kind === 'customer') return api.GET('/api/customers/{customerId}/unmasked', { params: { path: { customerId: id } } });
        if (kind === 'report') return api.GET('/api/customers/reports/{id}/unmasked', { params: { path: { id } } });
        return api.GET('/api/customers/expansion-records/{id}/unmasked', { params: { path: { id } } });
      },
    })),
  });
  const out = new Map<string, Revealed>();
  if (!enabled) return out;
  ids.forEach((id, i) => {
    const d = results[i]?.data;
    if (d) out.set(id, d);
  });
  return out;
}

/** A status as the server names it (the guide's Chinese in zh-CN), coloured by key. */
export function StatusTag({ status, name, colors, testId }: { status: string; name: string; colors: Record<string, string>; testId?: string }) {
  return (
    <Tag color={colors[status] ?? 'default'} data-testid={testId} data-status={status}>
      {name}
    </Tag>
  );
}

/** An empty table's text. */
export const emptyText = (text: Bi, testId: string) => ({ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid={testId}>{tx(text)}</span>} /> });

/**
 * 验证码验证 (guide §19.8): whether this operation asks for a code. Known up front when the page has
 * the partner's switch (`verificationRequired`); otherwise the first refusal naming `code` opens the field.
 */
export function useCodeGate(known: boolean | undefined) {
  const [asked, setAsked] = useState(false);
  const required = !!known || asked;
  /** true when the error was "enter the code": the field is shown, the toast says so. */
  const onError = (err: unknown) => {
    if (err instanceof ApiError && (err.code === 'customers.code-required' || 'code' in err.fields)) {
      setAsked(true);
      return true;
    }
    return false;
  };
  return { required, onError };
}

/** The code step: channel, code input and 获取验证码 (the code lands in the demo inbox in the demo). */
export function CodeField({ required, testId = 'code' }: { required: boolean; testId?: string }) {
  const { handleError, message } = useFeedback();
  const form = Form.useFormInstance();
  if (!required) return null;
  const send = async () => {
    try {
      const channel = (form.getFieldValue('codeChannel') as 'sms' | 'email' | undefined) ?? 'sms';
      await api.POST('/api/customers/verification-code', { body: { channel } });
      void message.success(tx(T.codeSent));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };
  return (
    <div data-testid={`${testId}-step`}>
      <div style={{ marginBottom: 8, color: '#8c8c8c' }}>{tx(T.codeHint)}</div>
      <Form.Item name="codeChannel" label={tx(T.codeChannel)} initialValue="sms">
        <Radio.Group>
          <Radio value="sms" data-testid={`${testId}-by-sms`}>
            {tx(T.codeSms)}
          </Radio>
          <Radio value="email" data-testid={`${testId}-by-email`}>
            {tx(T.codeEmail)}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={tx(T.code)} required extra={<DemoInboxLink />}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, whitespace: true, message: tx(T.codeRequired) }]}>
            <Input maxLength={12} autoComplete="one-time-code" aria-label={tx(T.code)} data-testid={`${testId}-input`} />
          </Form.Item>
          <CodeButton onSend={send} testId={`${testId}-send`} />
        </Space.Compact>
      </Form.Item>
    </div>
  );
}

/** A 开始–结束 date range for filters; values go to the API as ISO instants (end of day inclusive). */
export function DateRangeField({ name, label, testId }: { name: string; label: Bi; testId: string }) {
  return (
    <Form.Item name={name} label={tx(label)}>
      <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[tx(T.from), tx(T.to)]} data-testid={testId} />
    </Form.Item>
  );
}
export function rangeToIso(range: [Dayjs | null, Dayjs | null] | null | undefined): { from?: string; to?: string } {
  if (!range) return {};
  return { from: range[0]?.startOf('day').toISOString(), to: range[1]?.endOf('day').toISOString() };
}

/** 复制 with the toast; falls back to a hidden textarea where the clipboard API is missing. */
export function useCopy() {
  const { message } = App.useApp();
  return async (text: string) => {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text);
      else {
        const el = document.createElement('textarea');
        el.value = text;
        document.body.appendChild(el);
        el.select();
        document.execCommand('copy');
        el.remove();
      }
      void message.success(tx(T.copied));
    } catch {
      void message.info(text);
    }
  };
}

/** A label: value line for small summaries. */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Space size={4} style={{ marginRight: 24 }}>
      <span style={{ color: '#8c8c8c' }}>{label}</span>
      <span>{children}</span>
    </Space>
  );
}

/** The 关联类型 options with the guide's explanation of each. */
export const associationTypeOptions = () => [
  { value: 'consulting', label: tx(T.consulting) },
  { value: 'resale', label: tx(T.resale) },
];

export const TYPE_COLORS: Record<string, string> = { consulting: 'blue', resale: 'purple' };

/**
 * A table's text action (邀请, 删除, 处理 …) that is reachable by Tab and fires on Enter / Space, looking
 * like the guide's link-style actions.
 */
export function ActionLink({ onClick, children, ...rest }: { onClick: () => void; children: ReactNode; 'data-testid'?: string }) {
  return (
    <a
      role="button"
      tabIndex={0}
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onClick();
        }
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
