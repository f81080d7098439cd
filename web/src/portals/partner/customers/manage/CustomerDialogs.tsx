import { Alert, Button, Checkbox, Modal, Result, Select, Space, Spin, Steps, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, useManagers } from '../api';
import { T, tx } from '../text';

export interface CustomerRef {
  customerId: string;
  customerName: string;
  accountName: string;
  associationTypeName?: string;
  accountManagerName?: string | null;
}

/**
 * 申请客户授权 (op 23, guide 9327–9354): the first request ticks "我已阅读并同意《合作伙伴代客操作协议》";
 * 确定 → "已给客户发送授权申请"; the customer answers in 账号中心 > 我的合作伙伴.
 */
export function AuthorizeDialog({ customer, onClose }: { customer: CustomerRef; onClose: () => void }) {
  useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [agree, setAgree] = useState(false);
  const [saving, setSaving] = useState(false);
  const agreement = useQuery({ queryKey: [...KEYS.authorizations, 'agreement'], queryFn: () => api.GET('/api/customers/authorizations/agreement') });
  const a = agreement.data;
  const submit = async () => {
    setSaving(true);
    try {
      const r = await api.POST('/api/customers/authorizations', { body: { customerId: customer.customerId, acceptAgreement: a?.accepted ? undefined : agree } });
      void message.success({ content: <span data-testid="authorize-sent">{r.message || tx(T.authorizeSent)}</span> });
      await qc.invalidateQueries({ queryKey: KEYS.authorizations });
      onClose();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={tx(T.authorizeTitle)} onCancel={onClose} onOk={submit} confirmLoading={saving} okButtonProps={{ 'data-testid': 'authorize-ok', disabled: !a || (!a.accepted && !agree) }} destroyOnHidden>
      <Typography.Paragraph>
        {tx(T.customerNameAccount)}：{customer.customerName} / {customer.accountName}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{tx(T.authorizeIntro)}</Typography.Paragraph>
      {!a ? (
        <Spin />
      ) : a.accepted ? (
        <Typography.Paragraph type="secondary" data-testid="agreement-accepted">
          {tx(T.agreementAccepted, { title: a.title, at: formatTime(a.acceptedAt) })}
        </Typography.Paragraph>
      ) : (
        <>
          <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid="authorize-agree">
            {tx(T.agreementCheck, { title: a.title })}
          </Checkbox>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {tx(T.agreementFirstOnly)} ({a.version})
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

/**
 * 代客下单 / 代客运维 (op 24, guide 9356–9429): "提示" → 继续. The API checks 代售 and the customer's grant;
 * switching the session to the customer (切换角色) belongs to the console, so the entry is shown.
 */
export function OnBehalfDialog({ customer, mode, onClose }: { customer: CustomerRef; mode: 'order' | 'operate'; onClose: () => void }) {
  useTranslation();
  const { handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  const [entry, setEntry] = useState<string | null>(null);
  const go = async () => {
    setSaving(true);
    try {
      const r = await api.POST('/api/customers/on-behalf', { body: { customerId: customer.customerId, mode } });
      setEntry(r.entry);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  const title = tx(mode === 'order' ? T.moreOrderOnBehalf : T.moreOperateOnBehalf);
  if (entry)
    return (
      <Modal open title={title} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{tx({ zh: '确定', en: 'OK' })}</Button>}>
        <Result status="success" title={tx(T.onBehalfReady, { entry })} data-testid="on-behalf-ready" />
      </Modal>
    );
  return (
    <Modal open title={tx(T.onBehalfTip)} onCancel={onClose} onOk={go} okText={tx(T.continue)} confirmLoading={saving} okButtonProps={{ 'data-testid': 'on-behalf-continue' }}>
      <Typography.Paragraph strong>
        {title}：{customer.customerName} / {customer.accountName}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="on-behalf-tip">{tx(mode === 'order' ? T.onBehalfOrderText : T.onBehalfOperateText)}</Typography.Paragraph>
    </Modal>
  );
}

/**
 * 分配客户经理 / 批量分配客户经理 (op 25, guide 9431–9471): 确认客户账号 → 下一步 → 选择客户经理 → 确定 →
 * 分配客户经理成功. Reassigning moves only new consumption to the new manager.
 */
export function AssignManagerDialog({ customers, onClose }: { customers: CustomerRef[]; onClose: () => void }) {
  useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [step, setStep] = useState(0);
  const [memberId, setMemberId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const managers = useManagers(true);
  const submit = async () => {
    if (!memberId) return;
    setSaving(true);
    try {
      const r = await api.POST('/api/customers/assignment', { body: { customerIds: customers.map((c) => c.customerId), memberId } });
      void message.success({ content: <span data-testid="assign-done">{r.message || tx(T.assigned)}</span> });
      await Promise.all([KEYS.customers, KEYS.customer, KEYS.assignment].map((k) => qc.invalidateQueries({ queryKey: k })));
      onClose();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={tx(T.assignTitle)}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{tx({ zh: '取消', en: 'Cancel' })}</Button>
          {step === 0 ? (
            <Button type="primary" onClick={() => setStep(1)} data-testid="assign-next">
              {tx({ zh: '下一步', en: 'Next' })}
            </Button>
          ) : (
            <>
              <Button onClick={() => setStep(0)}>{tx({ zh: '上一步', en: 'Back' })}</Button>
              <Button type="primary" disabled={!memberId} loading={saving} onClick={submit} data-testid="assign-ok">
                {tx({ zh: '确定', en: 'OK' })}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Steps current={step} size="small" style={{ marginBottom: 16 }} items={[{ title: tx(T.assignStep1) }, { title: tx(T.assignStep2) }]} />
      {step === 0 ? (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tx(T.assignNote)} />
          <Table<CustomerRef>
            size="small"
            rowKey="customerId"
            pagination={false}
            dataSource={customers}
            data-testid="assign-customers"
            columns={[
              { key: 'n', title: tx(T.customerName), dataIndex: 'customerName' },
              { key: 'a', title: tx(T.accountName), dataIndex: 'accountName' },
              { key: 't', title: tx(T.associationType), render: (_, c) => c.associationTypeName ?? '-' },
              { key: 'm', title: tx(T.manager), render: (_, c) => c.accountManagerName ?? '--' },
            ]}
          />
        </>
      ) : (
        <Select
          style={{ width: '100%' }}
          showSearch
          optionFilterProp="label"
          placeholder={tx(T.chooseManager)}
          value={memberId}
          onChange={setMemberId}
          loading={managers.isLoading}
          notFoundContent={tx(T.noManagersHint)}
          aria-label={tx(T.chooseManager)}
          data-testid="assign-manager-select"
          options={(managers.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.accountName})` }))}
        />
      )}
    </Modal>
  );
}
