import { Alert, Button, Checkbox, Empty, Form, Input, Modal, Radio, Space, Steps, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ME_KEY } from '../../../auth/session';
import { CodeButton } from '../../../components/CodeButton';
import { DemoInboxLink } from '../../../components/DemoInboxLink';
import { useFormFeedback } from '../paths/ui';
import { guideTime, KEYS, useAccounts, type AccountRow, type AccountsList } from './api';
import { T, tx } from './text';

/**
 * 伙伴信息 > 基本信息 > 账号信息 (spec 02 ops 4–5, §3.2, R6–R7): every partner account of the company with
 * the main one marked; on the main account's row "转移主账号" → 须知 → 目标账号 → 手机号/邮箱安全验证 → 确认转移.
 */
export function AccountsTab() {
  useTranslation();
  const accounts = useAccounts();
  const [transferring, setTransferring] = useState(false);
  const list = accounts.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="company-accounts">
      <Alert
        type="info"
        showIcon
        message={
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            <li>{tx(T.mainNote1)}</li>
            <li>{tx(T.mainNote2)}</li>
          </ul>
        }
      />
      <Table<AccountRow>
        rowKey="partnerId"
        loading={accounts.isLoading}
        dataSource={list?.items ?? []}
        pagination={false}
        data-testid="accounts-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          {
            key: 'accountName',
            title: tx(T.accountName),
            render: (_, r) => (
              <Space>
                {r.accountName}
                {r.isMainAccount && (
                  <Tag color="red" data-testid={`account-main-${r.accountName}`}>
                    {r.mainLabel ?? tx(T.mainAccount)}
                  </Tag>
                )}
                {r.isCurrent && <Tag>{tx(T.current)}</Tag>}
              </Space>
            ),
          },
          { key: 'displayName', title: tx(T.displayName), dataIndex: 'displayName' },
          { key: 'mobile', title: tx(T.mobile), dataIndex: 'mobile' },
          { key: 'email', title: tx(T.email), render: (_, r) => r.email ?? '-' },
          { key: 'joinedAt', title: tx(T.joinedAt), render: (_, r) => guideTime(r.joinedAt) },
          {
            key: 'op',
            title: tx(T.operation),
            render: (_, r) =>
              r.isMainAccount && r.isCurrent ? (
                list?.canTransfer ? (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setTransferring(true)} data-testid="account-transfer">
                    {tx(T.transfer)}
                  </Button>
                ) : (
                  <Typography.Text type="secondary" data-testid="account-transfer-none">
                    {tx(T.transferNoTarget)}
                  </Typography.Text>
                )
              ) : (
                '-'
              ),
          },
        ]}
      />
      {transferring && list && <TransferDialog list={list} onClose={() => setTransferring(false)} />}
    </Space>
  );
}

interface TransferValues {
  ack?: boolean;
  targetPartnerId?: string;
  channel: 'sms' | 'email';
  code?: string;
}

function TransferDialog({ list, onClose }: { list: AccountsList; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<TransferValues>();
  const { message, fail } = useFormFeedback();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const channel = Form.useWatch('channel', form) ?? 'sms';
  const self = list.items.find((a) => a.isCurrent);
  const targets = list.items.filter((a) => !a.isCurrent);
  const address = channel === 'sms' ? self?.mobile : self?.email;

  const next = async () => {
    try {
      await form.validateFields(step === 0 ? ['ack'] : ['targetPartnerId']);
      setStep((s) => s + 1);
    } catch {
      /* the field shows what is missing */
    }
  };

  const sendCode = async () => {
    const v = form.getFieldsValue(true) as TransferValues;
    try {
      await api.POST('/api/company/main-account/transfer/code', { body: { targetPartnerId: v.targetPartnerId!, channel: v.channel ?? 'sms' } });
      void message.success(address ? tx(T.codeSentTo, { address }) : tx(T.codeSent));
      return true;
    } catch (err) {
      fail(err, form);
      return false;
    }
  };

  const confirm = async (v: TransferValues) => {
    const all = { ...(form.getFieldsValue(true) as TransferValues), ...v };
    setSaving(true);
    try {
      const r = await api.POST('/api/company/main-account/transfer', { body: { targetPartnerId: all.targetPartnerId!, channel: all.channel ?? 'sms', code: (all.code ?? '').trim() } });
      void message.success(r.message || tx(T.transferred, { name: r.mainAccountName }));
      await Promise.all([qc.invalidateQueries({ queryKey: KEYS.accounts }), qc.invalidateQueries({ queryKey: KEYS.info }), qc.invalidateQueries({ queryKey: KEYS.business }), qc.invalidateQueries({ queryKey: ME_KEY })]);
      onClose();
    } catch (err) {
      fail(err, form);
      // a refusal about the target sends the user back to choose again
      if (err && typeof err === 'object' && 'fields' in err && (err as { fields: Record<string, string> }).fields.targetPartnerId) setStep(1);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={tx(T.transfer)}
      onCancel={onClose}
      data-testid="transfer-dialog"
      footer={
        <Space>
          <Button onClick={onClose}>{tx(T.cancelDraft)}</Button>
          {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{tx(T.prev)}</Button>}
          {step < 2 ? (
            <Button type="primary" onClick={next} data-testid="transfer-next">
              {tx(T.next)}
            </Button>
          ) : (
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="transfer-confirm">
              {tx(T.confirmTransfer)}
            </Button>
          )}
        </Space>
      }
    >
      <Steps size="small" current={step} items={T.transferSteps.map((s) => ({ title: tx(s) }))} style={{ marginBottom: 24 }} />
      <Form<TransferValues> form={form} layout="vertical" initialValues={{ channel: 'sms' }} onFinish={confirm} preserve>
        <div hidden={step !== 0}>
          <Typography.Title level={5}>{tx(T.transferNotice)}</Typography.Title>
          <Typography.Paragraph data-testid="transfer-notice">{list.transferNotice}</Typography.Paragraph>
          <Form.Item name="ack" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.transferAckRequired)))) }]}>
            <Checkbox data-testid="transfer-ack">{tx(T.transferNoticeAck)}</Checkbox>
          </Form.Item>
        </div>
        <div hidden={step !== 1}>
          <Form.Item name="targetPartnerId" label={tx(T.target)} rules={[{ required: true, message: tx(T.targetRequired) }]}>
            <Radio.Group>
              <Space direction="vertical">
                {targets.map((a) => (
                  <Radio key={a.partnerId} value={a.partnerId} data-testid={`transfer-target-${a.accountName}`}>
                    {a.accountName}（{a.displayName}）
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </div>
        <div hidden={step !== 2}>
          <Form.Item name="channel" label={tx(T.verifyBy)}>
            <Radio.Group>
              <Radio value="sms" data-testid="transfer-by-sms">
                {tx(T.bySms)} {self?.mobile}
              </Radio>
              <Radio value="email" disabled={!self?.email} data-testid="transfer-by-email">
                {tx(T.byEmail)} {self?.email ?? ''}
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={tx(T.code)} required extra={<DemoInboxLink />}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="code" noStyle rules={[{ required: true, whitespace: true, message: tx(T.codeRequired) }]}>
                <Input maxLength={12} autoComplete="one-time-code" data-testid="transfer-code" />
              </Form.Item>
              <CodeButton onSend={sendCode} testId="transfer-send-code" />
            </Space.Compact>
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
