import { Alert, Checkbox, Descriptions, Form, Input, Modal, Radio, Space, Spin, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { FormInstance } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, newRequestId, useFundsContext, type CustomerRow, type FundsContext } from '../api';
import { AMOUNT_RE, compareMoney, isAmount, isPositive, sumMoney, yuan } from '../money';
import { T, tx } from '../text';
import { CodeField, Money, useCodeGate } from '../ui';

/** After any adjustment: the list's 可用额度, the balances, the records. */
function useAfterAdjust() {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([KEYS.customers, KEYS.customer, KEYS.funds, KEYS.adjustments].map((k) => qc.invalidateQueries({ queryKey: k })));
  };
}

const amountRules = (max?: string) => [
  { required: true, whitespace: true, message: tx(T.amountRule) },
  {
    validator: (_: unknown, v: string | undefined) => {
      if (!v) return Promise.resolve();
      if (!AMOUNT_RE.test(v.trim()) || !isPositive(v)) return Promise.reject(new Error(tx(T.amountRule)));
      if (max !== undefined && compareMoney(v.trim(), max) > 0) return Promise.reject(new Error(tx(T.amountOverAllocatable)));
      return Promise.resolve();
    },
  },
];

function ContextHeader({ c }: { c: FundsContext }) {
  return (
    <Descriptions
      size="small"
      column={3}
      style={{ marginBottom: 16 }}
      items={[
        { key: 'n', label: tx(T.customerName), children: c.customerName },
        { key: 'a', label: tx(T.accountName), children: c.accountName },
        { key: 'b', label: tx(T.cashBalance), children: <Money value={c.cashBalance} testId="adjust-cash-balance" /> },
      ]}
    />
  );
}

interface AllocateValues {
  scenario: 'ordinary' | 'earmarked';
  amount: string;
  remark?: string;
  code?: string;
}

/**
 * 拨款 (op 15, guide 8939–8995): 客户名称 / 账号名 / 现金账户余额, 可拨款额度, 拨款类型 (普通 / 专款专用; a
 * 云经销商 普通 only), 拨款金额, 备注 (≤ 512; none for a 云经销商), the code when 验证码验证 is on →
 * "是否确定调整" → 调账成功. One requestId per dialog, so a retried click cannot allocate twice.
 */
export function AllocateDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  useTranslation();
  const ctx = useFundsContext(customerId);
  const c = ctx.data;
  const { message, modal, handleError } = useFeedback();
  const after = useAfterAdjust();
  const [form] = Form.useForm<AllocateValues>();
  const [requestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const gate = useCodeGate(c?.verificationRequired);

  const submit = (v: AllocateValues) =>
    modal.confirm({
      title: tx(T.confirmAdjust),
      content: tx(T.confirmAdjustDetail, { name: c?.customerName ?? '', amount: yuan(v.amount.trim()).slice(1) }),
      okButtonProps: { 'data-testid': 'adjust-confirm-ok' } as ButtonProps,
      onOk: async () => {
        setSaving(true);
        try {
          await api.POST('/api/customers/funds/allocations', {
            body: { customerId, scenario: v.scenario, amount: v.amount.trim(), remark: c?.remarkAllowed ? v.remark?.trim() || null : undefined, requestId, code: v.code?.trim() || null },
          });
          void message.success(tx(T.adjustDone));
          await after();
          onClose();
        } catch (err) {
          gate.onError(err);
          handleError(err, form);
        } finally {
          setSaving(false);
        }
      },
    });

  return (
    <Modal open width={640} title={tx(T.allocateTitle)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'allocate-ok', disabled: !c?.adjustable }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{tx(T.allocateNote)}</Typography.Paragraph>
      {!c ? (
        ctx.error ? <Alert type="error" title={(ctx.error as Error).message} /> : <Spin />
      ) : (
        <div data-testid="allocate-dialog">
          <ContextHeader c={c} />
          {!c.adjustable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx(T.notAdjustable)} />}
          <Form form={form} layout="vertical" initialValues={{ scenario: 'ordinary' }} onFinish={submit}>
            <Form.Item label={tx(T.allocatable)}>
              <Typography.Text strong>
                <Money bare value={c.allocatable} testId="allocate-allocatable" />
              </Typography.Text>
            </Form.Item>
            <Form.Item name="scenario" label={tx(T.allocationType)} rules={[{ required: true }]} extra={c.allowedScenarios.includes('earmarked') ? tx(T.earmarkedHelp) : undefined}>
              <Radio.Group data-testid="allocate-scenario">
                {c.allowedScenarios.map((s) => (
                  <Radio key={s} value={s} data-testid={`allocate-scenario-${s}`}>
                    {tx(T.scenarios[s]!)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="amount" label={tx(T.amountYuan)} rules={amountRules(c.allocatable)}>
              <Input inputMode="decimal" prefix="¥" autoFocus maxLength={19} data-testid="allocate-amount" />
            </Form.Item>
            {c.remarkAllowed && (
              <Form.Item name="remark" label={tx(T.remark)}>
                <Input.TextArea rows={3} maxLength={512} showCount data-testid="allocate-remark" />
              </Form.Item>
            )}
            <CodeField required={gate.required} testId="allocate-code" />
            <button type="submit" hidden />
          </Form>
        </div>
      )}
    </Modal>
  );
}

interface RecallLine {
  scenario: 'ordinary' | 'earmarked';
  balance: string;
  effectiveAt: string | null;
  checked: boolean;
  amount: string;
}

/** The 使用场景 rows of one customer's recall: tick, enter 回收金额 (≤ 余额). */
function RecallRows({ lines, onChange, testId }: { lines: RecallLine[]; onChange: (l: RecallLine[]) => void; testId: string }) {
  const set = (i: number, patch: Partial<RecallLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Table<RecallLine>
      size="small"
      rowKey="scenario"
      pagination={false}
      dataSource={lines}
      data-testid={testId}
      locale={{ emptyText: tx(T.noRecallable) }}
      columns={[
        {
          key: 's',
          title: tx(T.scenario),
          render: (_, l, i) => (
            <Checkbox checked={l.checked} onChange={(e) => set(i, { checked: e.target.checked })} data-testid={`${testId}-check-${l.scenario}`}>
              {tx(T.scenarios[l.scenario]!)}
            </Checkbox>
          ),
        },
        { key: 'b', title: tx(T.balance), render: (_, l) => <Money bare value={l.balance} testId={`${testId}-balance-${l.scenario}`} /> },
        {
          key: 'a',
          title: tx(T.recallAmount),
          render: (_, l, i) => {
            const bad = l.checked && (!isAmount(l.amount) || compareMoney(l.amount.trim(), l.balance) > 0);
            return (
              <Space orientation="vertical" size={0}>
                <Input
                  value={l.amount}
                  inputMode="decimal"
                  disabled={!l.checked}
                  status={bad ? 'error' : undefined}
                  aria-label={`${tx(T.recallAmount)} ${tx(T.scenarios[l.scenario]!)}`}
                  onChange={(e) => set(i, { amount: e.target.value })}
                  style={{ width: 160 }}
                  data-testid={`${testId}-amount-${l.scenario}`}
                />
                {bad && <Typography.Text type="danger">{isAmount(l.amount) ? tx(T.recallOver) : tx(T.amountRule)}</Typography.Text>}
              </Space>
            );
          },
        },
        { key: 't', title: tx(T.effectiveExpires), render: (_, l) => `${formatTime(l.effectiveAt)} / --` },
      ]}
    />
  );
}

const linesOf = (c: FundsContext): RecallLine[] => c.scenarios.filter((s) => isPositive(s.balance)).map((s) => ({ scenario: s.scenario, balance: s.balance, effectiveAt: s.effectiveAt, checked: false, amount: '' }));
const linesValid = (ls: RecallLine[]) => ls.filter((l) => l.checked).every((l) => isAmount(l.amount) && compareMoney(l.amount.trim(), l.balance) <= 0);
const linesTotal = (ls: RecallLine[]) => sumMoney(ls.filter((l) => l.checked && isAmount(l.amount)).map((l) => l.amount.trim()));

/**
 * 回收 (op 16, guide 8997–9015, L18584–18592): tick the balances (使用场景), enter 回收金额, 总计回收金额 →
 * 确定 → the "回收" confirmation → (code) → 回收成功; the money goes back to the 可拨款账户.
 */
export function RecallDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  useTranslation();
  const ctx = useFundsContext(customerId);
  const c = ctx.data;
  const [lines, setLines] = useState<RecallLine[] | null>(null);
  const shown = lines ?? (c ? linesOf(c) : []);
  const { message, modal, handleError } = useFeedback();
  const after = useAfterAdjust();
  const [form] = Form.useForm<{ code?: string }>();
  const [requestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const gate = useCodeGate(c?.verificationRequired);
  const total = linesTotal(shown);

  const submit = (v: { code?: string }) => {
    const picked = shown.filter((l) => l.checked);
    if (!picked.length || !isPositive(total)) return void message.warning(tx(T.recallNothing));
    if (!linesValid(shown)) return void message.error(tx(T.recallOver));
    modal.confirm({
      title: tx(T.recallTitle),
      content: tx(T.confirmRecall, { amount: yuan(total).slice(1) }),
      okButtonProps: { 'data-testid': 'recall-confirm-ok' } as ButtonProps,
      onOk: async () => {
        setSaving(true);
        try {
          await api.POST('/api/customers/funds/recalls', { body: { customerId, lines: picked.map((l) => ({ scenario: l.scenario, amount: l.amount.trim() })), requestId, code: v.code?.trim() || null } });
          void message.success(tx(T.recallDone));
          await after();
          onClose();
        } catch (err) {
          gate.onError(err);
          handleError(err, form);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Modal open width={720} title={tx(T.recallTitle)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'recall-ok', disabled: !c?.adjustable }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{tx(T.recallNote)}</Typography.Paragraph>
      {!c ? (
        ctx.error ? <Alert type="error" title={(ctx.error as Error).message} /> : <Spin />
      ) : (
        <div data-testid="recall-dialog">
          <ContextHeader c={c} />
          {!c.adjustable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx(T.notAdjustable)} />}
          <RecallRows lines={shown} onChange={setLines} testId="recall" />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {tx(T.recallTotal)}：<Typography.Text strong><Money value={total} testId="recall-total" /></Typography.Text>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit}>
            <CodeField required={gate.required} testId="recall-code" />
            <button type="submit" hidden />
          </Form>
        </div>
      )}
    </Modal>
  );
}

/**
 * 批量拨款 / 批量回收 (ops 15–16): 代售 customers only, a recall only those with 可用额度 > 0; one
 * request for all (all or nothing), one code.
 */
export function BatchAdjustDialog({ rows, mode, onClose }: { rows: CustomerRow[]; mode: 'allocate' | 'recall'; onClose: () => void }) {
  useTranslation();
  const { message, modal, handleError } = useFeedback();
  const after = useAfterAdjust();
  const [form] = Form.useForm<{ scenario: 'ordinary' | 'earmarked'; remark?: string; code?: string }>();
  const [requestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [recallLines, setRecallLines] = useState<Record<string, RecallLine[]>>({});
  const contexts = useQueries({
    queries: rows.map((r) => ({
      queryKey: [...KEYS.funds, 'context', r.customerId],
      queryFn: () => api.GET('/api/customers/funds/customers/{customerId}', { params: { path: { customerId: r.customerId } } }),
    })),
  });
  const ready = contexts.every((q) => q.data);
  const first = contexts[0]?.data;
  const gate = useCodeGate(first?.verificationRequired);
  const linesFor = (c: FundsContext) => recallLines[c.customerId] ?? linesOf(c);
  const total =
    mode === 'allocate'
      ? sumMoney(rows.map((r) => (isAmount(amounts[r.customerId]) ? amounts[r.customerId]!.trim() : null)))
      : sumMoney(contexts.flatMap((q) => (q.data ? [linesTotal(linesFor(q.data))] : [])));

  const submit = (v: { scenario: 'ordinary' | 'earmarked'; remark?: string; code?: string }) => {
    if (mode === 'allocate') {
      if (rows.some((r) => !isAmount(amounts[r.customerId]))) return void message.error(tx(T.amountRule));
      if (first && compareMoney(total, first.allocatable) > 0) return void message.error(tx(T.amountOverAllocatable));
    } else {
      const all = contexts.flatMap((q) => (q.data ? linesFor(q.data) : []));
      if (!all.some((l) => l.checked) || !isPositive(total)) return void message.warning(tx(T.recallNothing));
      if (!contexts.every((q) => !q.data || linesValid(linesFor(q.data)))) return void message.error(tx(T.recallOver));
    }
    modal.confirm({
      title: mode === 'allocate' ? tx(T.confirmAdjust) : tx(T.recallTitle),
      content: mode === 'allocate' ? `${tx(T.batchTotal)}：${yuan(total)}` : tx(T.confirmRecall, { amount: yuan(total).slice(1) }),
      okButtonProps: { 'data-testid': 'batch-confirm-ok' } as ButtonProps,
      onOk: async () => {
        setSaving(true);
        try {
          if (mode === 'allocate')
            await api.POST('/api/customers/funds/allocations/batch', {
              body: { items: rows.map((r) => ({ customerId: r.customerId, amount: amounts[r.customerId]!.trim() })), scenario: v.scenario, remark: first?.remarkAllowed ? v.remark?.trim() || null : undefined, requestId, code: v.code?.trim() || null },
            });
          else
            await api.POST('/api/customers/funds/recalls/batch', {
              body: {
                items: contexts
                  .flatMap((q) => (q.data ? [{ customerId: q.data.customerId, lines: linesFor(q.data).filter((l) => l.checked).map((l) => ({ scenario: l.scenario, amount: l.amount.trim() })) }] : []))
                  .filter((i) => i.lines.length),
                requestId,
                code: v.code?.trim() || null,
              },
            });
          void message.success(tx(mode === 'allocate' ? T.adjustDone : T.recallDone));
          await after();
          onClose();
        } catch (err) {
          gate.onError(err);
          handleError(err, form as FormInstance);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Modal
      open
      width={820}
      title={tx(mode === 'allocate' ? T.batchAllocate : T.batchRecall)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'batch-adjust-ok', disabled: !ready }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{tx(mode === 'allocate' ? T.allocateNote : T.recallNote)}</Typography.Paragraph>
      {!ready ? (
        <Spin />
      ) : (
        <div data-testid={`batch-${mode}-dialog`}>
          {mode === 'allocate' && first && (
            <Typography.Paragraph>
              {tx(T.allocatable)}：<Money bare value={first.allocatable} testId="batch-allocatable" />
            </Typography.Paragraph>
          )}
          {mode === 'allocate' ? (
            <Table<CustomerRow>
              size="small"
              rowKey="customerId"
              pagination={false}
              dataSource={rows}
              data-testid="batch-allocate-table"
              columns={[
                { key: 'n', title: tx(T.customerNameAccount), render: (_, r) => `${r.customerName} / ${r.accountName}` },
                { key: 'b', title: tx(T.cashBalance), render: (_, r) => <Money value={contexts.find((q) => q.data?.customerId === r.customerId)?.data?.cashBalance} /> },
                {
                  key: 'a',
                  title: tx(T.perCustomerAmount),
                  render: (_, r) => (
                    <Input
                      value={amounts[r.customerId] ?? ''}
                      inputMode="decimal"
                      prefix="¥"
                      status={amounts[r.customerId] && !isAmount(amounts[r.customerId]) ? 'error' : undefined}
                      aria-label={`${tx(T.perCustomerAmount)} ${r.accountName}`}
                      onChange={(e) => setAmounts((m) => ({ ...m, [r.customerId]: e.target.value }))}
                      style={{ width: 160 }}
                      data-testid={`batch-amount-${r.customerId}`}
                    />
                  ),
                },
              ]}
            />
          ) : (
            contexts.map((q) =>
              q.data ? (
                <div key={q.data.customerId} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>
                    {q.data.customerName} / {q.data.accountName}
                  </Typography.Text>
                  <RecallRows lines={linesFor(q.data)} onChange={(l) => setRecallLines((m) => ({ ...m, [q.data!.customerId]: l }))} testId={`batch-recall-${q.data.customerId}`} />
                </div>
              ) : null,
            )
          )}
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {tx(mode === 'allocate' ? T.batchTotal : T.recallTotal)}：<Typography.Text strong><Money value={total} testId="batch-total" /></Typography.Text>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" initialValues={{ scenario: 'ordinary' }} onFinish={submit}>
            {mode === 'allocate' && first && (
              <>
                <Form.Item name="scenario" label={tx(T.allocationType)}>
                  <Radio.Group>
                    {first.allowedScenarios.map((s) => (
                      <Radio key={s} value={s}>
                        {tx(T.scenarios[s]!)}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                {first.remarkAllowed && (
                  <Form.Item name="remark" label={tx(T.remark)}>
                    <Input.TextArea rows={2} maxLength={512} showCount />
                  </Form.Item>
                )}
              </>
            )}
            <CodeField required={gate.required} testId="batch-code" />
            <button type="submit" hidden />
          </Form>
        </div>
      )}
    </Modal>
  );
}
