import { Alert, Button, Descriptions, Form, Input, Modal, Radio, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { usePaging } from '../../../components/paging';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { useFeedback } from '../../../components/feedback';
import { newRequestId } from '../customers/api';
import { tx } from '../customers/text';
import { ActionLink, CodeField, emptyText, EyeTitle, Money, useCodeGate } from '../customers/ui';
import { OKEYS, STATUS_COLORS, type PendingRow } from './api';
import { O } from './text';

/**
 * 待付订单 (op 28–29, guide 9630–9675; a reseller's 待支付, 19084–19133): the requests of the partner's customers
 * with their live status; 支付 opens the 支付 dialog (支付方式, balances, 预估返点金额, 确认付款, 验证码), 驳回 /
 * 批量驳回 ask for 驳回原因.
 */
export function PendingTab() {
  const { t } = useTranslation();
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [reveal, setReveal] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [paying, setPaying] = useState<PendingRow | null>(null);
  const [rejecting, setRejecting] = useState<PendingRow[] | null>(null);
  const { message } = useFeedback();
  const q = useQuery({
    queryKey: [...OKEYS.pending, page, pageSize, reveal],
    queryFn: () => api.GET('/api/cloud/partner/pending-orders', { params: { query: { page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000, // the customer may pay itself or cancel meanwhile (guide 9636)
  });
  const rows = q.data?.items ?? [];

  const columns: TableColumnsType<PendingRow> = [
    { key: 'no', title: tx(O.orderNo), render: (_, r) => <span data-testid={`pending-no-${r.orderNo}`}>{r.orderNo}</span> },
    { key: 'type', title: tx(O.orderType), dataIndex: 'orderTypeName' },
    {
      key: 'status',
      title: tx(O.orderStatus),
      render: (_, r) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[r.status] ?? 'default'} data-testid={`pending-status-${r.orderNo}`}>
            {r.status}
          </Tag>
          {r.requestState === 'rejected' && (
            <Tooltip title={`${tx(O.rejectReason)}：${r.rejectReason ?? ''}`}>
              <Tag color="red">{r.requestStateName}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'customer',
      title: <EyeTitle title={tx(O.customerNameAccount)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-pending-customer" />,
      render: (_, r) => (
        <span data-testid={`pending-customer-${r.orderNo}`}>
          {r.customerName}
          <br />
          <Typography.Text type="secondary">{r.customerAccountName}</Typography.Text>
        </span>
      ),
    },
    { key: 'method', title: tx(O.payMethod), render: (_, r) => r.paymentMethod ?? '--' },
    { key: 'at', title: tx(O.orderedAt), render: (_, r) => formatTime(r.createdAt) },
    { key: 'paid', title: tx(O.paidAt), render: (_, r) => (r.paidAt ? formatTime(r.paidAt) : '--') },
    { key: 'amount', title: tx(O.orderAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} testId={`pending-amount-${r.orderNo}`} /> },
    {
      key: 'op',
      title: tx(O.operation),
      render: (_, r) =>
        r.canPay ? (
          <Space>
            <ActionLink onClick={() => setPaying(r)} data-testid={`pending-pay-${r.orderNo}`}>
              {tx(O.pay)}
            </ActionLink>
            <ActionLink onClick={() => setRejecting([r])} data-testid={`reject-${r.orderNo}`}>
              {tx(O.reject)}
            </ActionLink>
          </Space>
        ) : null,
    },
  ];

  return (
    <div data-testid="pending-tab">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<ul style={{ margin: 0, paddingLeft: 16 }}>{[...O.pendingNotes, O.eyeNote].map((n) => <li key={n.zh}>{tx(n)}</li>)}</ul>} />
      <Space style={{ marginBottom: 12 }}>
        <Button
          data-testid="batch-reject"
          onClick={() => {
            const picked = rows.filter((r) => selected.includes(r.id) && r.canReject);
            if (!picked.length) void message.warning(tx(O.selectFirst));
            else setRejecting(picked);
          }}
        >
          {tx(O.batchReject)}
        </Button>
      </Space>
      <Table<PendingRow>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={rows}
        columns={columns}
        data-testid="pending-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(O.empty, 'pending-empty')}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: !r.canReject, 'data-testid': `pending-select-${r.orderNo}` }) as never }}
        pagination={paging.pagination(q.data?.total)}
      />
      {paying && <PayDialog row={paying} onClose={() => setPaying(null)} />}
      {rejecting && (
        <RejectDialog
          rows={rejecting}
          onClose={(done) => {
            setRejecting(null);
            if (done) setSelected([]);
          }}
        />
      )}
    </div>
  );
}

/** 支付: 支付方式 (余额支付; the others listed, disabled with the reason), balances, 预估返点金额 (仅供参考), 确认付款 (+ code). */
function PayDialog({ row, onClose }: { row: PendingRow; onClose: () => void }) {
  const [form] = Form.useForm<{ method: string; code?: string; codeChannel?: 'sms' | 'email' }>();
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const { handleError, message } = useFeedback();
  const qc = useQueryClient();
  const page = useQuery({ queryKey: [...OKEYS.pending, 'page', row.id], queryFn: () => api.GET('/api/cloud/partner/pending-orders/{id}', { params: { path: { id: row.id } } }) });
  const gate = useCodeGate(page.data?.verificationRequired);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.POST('/api/cloud/partner/pending-orders/{id}/pay', { params: { path: { id: row.id } }, body: { method: v.method, requestId, code: gate.required ? v.code : undefined } });
      void message.success(tx(O.payOk));
      await qc.invalidateQueries({ queryKey: OKEYS.all });
      onClose();
    } catch (err) {
      if (gate.onError(err)) void message.warning(tx({ zh: '请输入验证码', en: 'Enter the verification code' }));
      else handleError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const d = page.data;
  return (
    <Modal
      open
      width={640}
      title={tx(O.payTitle)}
      onCancel={onClose}
      okText={tx(O.payConfirm)}
      okButtonProps={{ loading: busy, disabled: !d, 'data-testid': 'pay-confirm' } as never}
      onOk={() => void submit()}
    >
      {!d ? (
        <Spin />
      ) : (
        <div data-testid="pay-dialog">
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'no', label: tx(O.orderNo), children: d.order.orderNo },
              { key: 'type', label: tx(O.orderType), children: d.order.orderTypeName },
              { key: 'customer', label: tx(O.customerNameAccount), children: `${d.order.customerName} / ${d.order.customerAccountName}` },
              { key: 'amount', label: tx(O.orderAmount), children: <Money value={d.order.amount} testId="pay-amount" /> },
              { key: 'balance', label: tx(O.balance), children: <Money value={d.balances.balance} testId="pay-balance" /> },
              ...(d.balances.allocatable !== null ? [{ key: 'alloc', label: tx(O.allocatable), children: <Money value={d.balances.allocatable} testId="pay-allocatable" /> }] : []),
              ...(d.estimatedRebate !== null
                ? [
                    {
                      key: 'rebate',
                      label: tx(O.rebate),
                      children: (
                        <Tooltip title={d.rebateNote}>
                          <span data-testid="pay-rebate">
                            <Money value={d.estimatedRebate} /> <Typography.Text type="secondary">（{tx(O.rebateRef)}）</Typography.Text>
                          </span>
                        </Tooltip>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Form form={form} layout="vertical" style={{ marginTop: 12 }} initialValues={{ method: '余额支付' }}>
            <Form.Item name="method" label={tx(O.payMethod)} rules={[{ required: true }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {d.methods.map((m) => (
                    <Radio key={m.method} value={m.method} disabled={!m.enabled} data-testid={`pay-method-${m.method}`}>
                      {m.method}
                      {m.reason && <Typography.Text type="secondary"> （{m.reason}）</Typography.Text>}
                      {m.note && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{m.note}</div>}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <CodeField required={gate.required} testId="pay-code" />
          </Form>
          <Alert
            type="info"
            message={<ul style={{ margin: 0, paddingLeft: 16 }}>{(d.partnerKind === 'reseller' ? [O.resellerPayNote] : O.payNotes).map((n) => <li key={n.zh}>{tx(n)}</li>)}</ul>}
          />
        </div>
      )}
    </Modal>
  );
}

/** 驳回 / 批量驳回: 驳回原因* (≤ 512), the orders to confirm; "驳回成功". */
function RejectDialog({ rows, onClose }: { rows: PendingRow[]; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const { handleError, message } = useFeedback();
  const qc = useQueryClient();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.POST('/api/cloud/partner/pending-orders/reject', { body: { ids: rows.map((x) => x.id), reason: v.reason } });
      void message.success(r.message);
      await qc.invalidateQueries({ queryKey: OKEYS.all });
      onClose(true);
    } catch (err) {
      handleError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tx(O.rejectTitle)} onCancel={() => onClose(false)} onOk={() => void submit()} okButtonProps={{ loading: busy, 'data-testid': 'reject-confirm' } as never}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={tx(O.rejectReason)} rules={[{ required: true, whitespace: true, message: tx(O.rejectReasonRequired) }, { max: 512 }]}>
          <Input.TextArea rows={3} maxLength={512} showCount data-testid="reject-reason" />
        </Form.Item>
      </Form>
      <Typography.Text strong>{tx(O.rejectOrders)}</Typography.Text>
      <Table<PendingRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'no', title: tx(O.orderNo), dataIndex: 'orderNo' },
          { key: 'c', title: tx(O.customerNameAccount), dataIndex: 'customerName' },
          { key: 'a', title: tx(O.orderAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} /> },
        ]}
      />
    </Modal>
  );
}
