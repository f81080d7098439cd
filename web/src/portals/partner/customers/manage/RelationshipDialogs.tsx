import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Form, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { pickText } from '../../../../i18n';
import { KEYS, useFundsContext, type AssociationEvent } from '../api';
import { T, tx } from '../text';
import { CodeField, TYPE_COLORS, useCodeGate } from '../ui';

export interface RelationshipTarget {
  customerId: string;
  customerName: string;
  accountName: string;
  associationType: string;
  associationTypeName: string;
}

function useAfterRelationship() {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([KEYS.customers, KEYS.customer, KEYS.events, KEYS.funds, KEYS.adjustments].map((k) => qc.invalidateQueries({ queryKey: k })));
  };
}

/**
 * 解除关联 / 切换关联类型 (ops 19–20, guide 9071–9181; admin only): the automatic 账号检查 (on failure the
 * status and hint of each item, and 重新检查), the 注意事项 with "我已了解以上注意事项并同意此操作", then the
 * confirmation with 申请原因 (none for a 云经销商) and the code → "…申请已提交成功".
 */
export function RelationshipDialog({ target, action, onClose }: { target: RelationshipTarget; action: 'unbind' | 'switch'; onClose: () => void }) {
  useTranslation();
  const { message, handleError } = useFeedback();
  const after = useAfterRelationship();
  const [step, setStep] = useState<'check' | 'confirm'>('check');
  const [ack, setAck] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason?: string; code?: string }>();
  const funds = useFundsContext(target.customerId);
  const gate = useCodeGate(funds.data?.verificationRequired);
  const check = useQuery({
    queryKey: [...KEYS.customer, 'check', target.customerId, action],
    queryFn: () => api.GET('/api/customers/{customerId}/relationship-check', { params: { path: { customerId: target.customerId }, query: { action } } }),
    staleTime: 0,
    gcTime: 0,
  });
  const title = tx(action === 'unbind' ? T.unbindTitle : T.switchTitle);
  const toType = target.associationType === 'resale' ? 'consulting' : 'resale';

  const submit = async (v: { reason?: string; code?: string }) => {
    setSaving(true);
    try {
      const body = { reason: check.data?.reasonRequired ? v.reason?.trim() || null : null, acknowledged: ack, code: v.code?.trim() || null };
      const path = { customerId: target.customerId };
      const r = action === 'unbind' ? await api.POST('/api/customers/{customerId}/unbind', { params: { path }, body }) : await api.POST('/api/customers/{customerId}/switch', { params: { path }, body });
      void message.success({ content: <span data-testid="relationship-submitted">{pickText(r.message)}</span>, duration: 6 });
      await after();
      onClose();
    } catch (err) {
      gate.onError(err);
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const header = (
    <Descriptions
      size="small"
      column={2}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'n', label: tx(T.customerNameAccount), children: `${target.customerName} / ${target.accountName}` },
        { key: 't', label: tx(T.currentType), children: <Tag color={TYPE_COLORS[target.associationType]}>{target.associationTypeName}</Tag> },
        ...(action === 'switch' ? [{ key: 'to', label: tx(T.switchTo), children: <Tag color={TYPE_COLORS[toType]}>{tx(T[toType])}</Tag> }] : []),
      ]}
    />
  );

  if (step === 'confirm')
    return (
      <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'relationship-confirm-ok' }} destroyOnHidden>
        {header}
        <Form form={form} layout="vertical" onFinish={submit} data-testid="relationship-confirm-form">
          {check.data?.reasonRequired && (
            <Form.Item name="reason" label={tx(T.applyReason)} rules={[{ required: true, whitespace: true, message: tx(T.applyReason) }]}>
              <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="relationship-reason" />
            </Form.Item>
          )}
          <CodeField required={gate.required} testId="relationship-code" />
          <button type="submit" hidden />
        </Form>
      </Modal>
    );

  return (
    <Modal
      open
      width={760}
      title={title}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{pickText({ zh: '取消', en: 'Cancel' })}</Button>
          {check.data && !check.data.passed && (
            <Button onClick={() => void check.refetch()} loading={check.isFetching} data-testid="relationship-recheck">
              {tx(T.recheck)}
            </Button>
          )}
          <Button type="primary" disabled={!check.data?.passed || !ack} onClick={() => setStep('confirm')} data-testid="relationship-agree">
            {tx(action === 'unbind' ? T.agreeUnbind : T.agreeSwitch)}
          </Button>
        </Space>
      }
    >
      {header}
      <Typography.Title level={5}>{tx(T.accountCheck)}</Typography.Title>
      {check.isLoading ? (
        <Spin tip={tx(T.checking)} />
      ) : check.error ? (
        <Alert type="error" title={(check.error as Error).message} />
      ) : (
        check.data && (
          <>
            <Alert type={check.data.passed ? 'success' : 'error'} showIcon style={{ marginBottom: 8 }} title={tx(check.data.passed ? T.checkPassed : T.checkFailed)} data-testid="relationship-check-result" data-passed={check.data.passed ? 'true' : 'false'} />
            <List
              size="small"
              dataSource={[...check.data.items].sort((a, b) => Number(a.passed) - Number(b.passed))}
              data-testid="relationship-check-items"
              renderItem={(i) => (
                <List.Item data-testid={`check-item-${i.key}`} data-passed={i.passed ? 'true' : 'false'}>
                  <Space align="start">
                    {i.passed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                    {i.text}
                  </Space>
                </List.Item>
              )}
            />
          </>
        )
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {tx(T.notices)}
      </Typography.Title>
      <ol style={{ paddingLeft: 20, maxHeight: 220, overflow: 'auto' }} data-testid="relationship-notices">
        {T.noticeItems.map((n, i) => (
          <li key={i}>{tx(n)}</li>
        ))}
      </ol>
      <Checkbox checked={ack} disabled={!check.data?.passed} onChange={(e) => setAck(e.target.checked)} data-testid="relationship-ack">
        {tx(T.acknowledge)}
      </Checkbox>
    </Modal>
  );
}

/**
 * 同意 / 驳回 a customer-initiated unbind (op 21, guide 9183–9213; admin only, code when the switch is on).
 */
export function DecideEventDialog({ event, decision, onClose }: { event: AssociationEvent; decision: 'approve' | 'reject'; onClose: () => void }) {
  useTranslation();
  const { message, handleError } = useFeedback();
  const after = useAfterRelationship();
  const [form] = Form.useForm<{ reason?: string; code?: string }>();
  const [saving, setSaving] = useState(false);
  const funds = useFundsContext(event.customerId);
  const gate = useCodeGate(funds.data?.verificationRequired);
  const submit = async (v: { reason?: string; code?: string }) => {
    setSaving(true);
    try {
      const path = { id: event.id };
      const r =
        decision === 'approve'
          ? await api.POST('/api/customers/association-events/{id}/approve', { params: { path }, body: { code: v.code?.trim() || null } })
          : await api.POST('/api/customers/association-events/{id}/reject', { params: { path }, body: { reason: v.reason?.trim() || null, code: v.code?.trim() || null } });
      void message.success(pickText(r.message));
      await after();
      onClose();
    } catch (err) {
      gate.onError(err);
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={tx(decision === 'approve' ? T.approveTitle : T.rejectTitle)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': `event-${decision}-ok`, danger: decision === 'approve' }} destroyOnHidden>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'a', label: tx(T.accountName), children: event.accountName ?? '-' },
          { key: 'n', label: tx(T.customerName), children: event.customerName ?? '-' },
          { key: 't', label: tx(T.applyType), children: event.typeName },
          { key: 'at', label: tx(T.appliedAt), children: formatTime(event.appliedAt) },
        ]}
      />
      {decision === 'approve' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx(T.approveConfirm)} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {decision === 'reject' && (
          <Form.Item name="reason" label={tx(T.rejectReason)}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="event-reject-reason" />
          </Form.Item>
        )}
        <CodeField required={gate.required} testId="event-code" />
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
