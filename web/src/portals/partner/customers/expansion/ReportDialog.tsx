import { Alert, Button, Form, Input, Modal, Popover, Radio, Result, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { pickText } from '../../../../i18n';
import { KEYS } from '../api';
import { T, tx, type Bi } from '../text';
import { EmailPreviewLink } from './EmailPreview';

interface ReportValues {
  fullName: string;
  mobile: string;
  email?: string;
  sendInvite: boolean;
  associationType?: 'consulting' | 'resale';
}
interface ManualValues {
  expectedConsumption: string;
  communication: string;
  projectDetails: string;
  customerAccount?: string;
}

const EMAIL_RE = /^[A-Za-z0-9_.]+@[A-Za-z0-9_.]+\.[A-Za-z]{2,}$/; // 字母、数字和 _、. (8217)

/** 报备客户 conditions, behind the banner's link. */
export function ReportConditions() {
  return (
    <Popover
      trigger="click"
      content={
        <div style={{ maxWidth: 520 }} data-testid="report-conditions">
          {T.reportConditionsList.map((c, i) => (
            <Typography.Paragraph key={i} style={{ marginBottom: 8 }}>
              {tx(c)}
            </Typography.Paragraph>
          ))}
        </div>
      }
    >
      <a data-testid="report-conditions-link" href="#" onClick={(e) => e.preventDefault()}>
        {tx(T.reportConditions)}
      </a>
    </Popover>
  );
}

/**
 * 报备客户 (op 7, guide 8176–8258): the form (客户全称 / 手机号码 / 电子邮箱 / 发送邀请链接 / 关联类型); a customer
 * that is not directly reportable shows "由于以下原因该客户不符合直接报备条件" with the reasons and
 * 继续申请报备 → the manual-review form → 提交申请 (待审核, ≤ 4 working days).
 */
export function ReportDialog({ initialFullName, onClose }: { initialFullName?: string; onClose: () => void }) {
  useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<ReportValues>();
  const [manualForm] = Form.useForm<ManualValues>();
  const [step, setStep] = useState<'form' | 'notDirect' | 'manual' | 'submitted'>('form');
  const [values, setValues] = useState<ReportValues | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const sendInvite = Form.useWatch('sendInvite', form) ?? true;
  const type = Form.useWatch('associationType', form);

  const body = (v: ReportValues) => ({
    fullName: v.fullName,
    mobile: v.mobile,
    email: v.email?.trim() || null,
    sendInvite: v.sendInvite,
    associationType: v.sendInvite ? (v.associationType ?? null) : null,
  });

  const submit = async (v: ReportValues) => {
    setSaving(true);
    try {
      await api.POST('/api/customers/reports', { body: body(v) });
      void message.success(tx(T.reportSuccess));
      await qc.invalidateQueries({ queryKey: KEYS.reports });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'customers.report.manual-review-required') {
        const r = err.params.reasons as Bi | undefined;
        setReasons(r ? pickText(r).split(/[；;]\s*/).filter(Boolean) : [err.message]);
        setValues(v);
        setStep('notDirect');
      } else handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const submitManual = async (m: ManualValues) => {
    if (!values) return;
    setSaving(true);
    try {
      await api.POST('/api/customers/reports/manual', { body: { ...body(values), ...m, customerAccount: m.customerAccount?.trim() || null } });
      await qc.invalidateQueries({ queryKey: KEYS.reports });
      setStep('submitted');
    } catch (err) {
      handleError(err, manualForm);
    } finally {
      setSaving(false);
    }
  };

  if (step === 'notDirect')
    return (
      <Modal
        open
        title={tx(T.reportCustomer)}
        onCancel={onClose}
        footer={[
          <Button key="cancel" onClick={onClose}>
            {pickText({ zh: '取消', en: 'Cancel' })}
          </Button>,
          <Button key="go" type="primary" onClick={() => setStep('manual')} data-testid="report-continue-manual">
            {tx(T.continueReport)}
          </Button>,
        ]}
      >
        <Alert type="warning" showIcon title={tx(T.notDirectTitle)} description={<ul style={{ margin: 0, paddingLeft: 18 }} data-testid="report-not-direct-reasons">{reasons.map((r) => <li key={r}>{r}</li>)}</ul>} />
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {tx(T.notDirectHint)} <ReportConditions />
        </Typography.Paragraph>
      </Modal>
    );

  if (step === 'submitted')
    return (
      <Modal open title={tx(T.manualTitle)} onCancel={onClose} footer={<Button type="primary" onClick={onClose} data-testid="report-manual-done">{pickText({ zh: '确定', en: 'OK' })}</Button>}>
        <Result status="success" title={tx(T.manualSubmitted)} data-testid="report-manual-submitted" />
      </Modal>
    );

  if (step === 'manual')
    return (
      <Modal open width={640} title={tx(T.manualTitle)} onCancel={onClose} onOk={() => manualForm.submit()} okText={tx(T.submitApplication)} confirmLoading={saving} okButtonProps={{ 'data-testid': 'report-manual-submit' }} destroyOnHidden>
        <Form form={manualForm} layout="vertical" onFinish={submitManual} data-testid="report-manual-form">
          <Typography.Paragraph type="secondary">
            {tx(T.fullName)}：{values?.fullName} · {tx(T.mobileNumber)}：{values?.mobile}
          </Typography.Paragraph>
          {(
            [
              ['expectedConsumption', T.expectedConsumption],
              ['communication', T.communication],
              ['projectDetails', T.projectDetails],
            ] as const
          ).map(([name, label]) => (
            <Form.Item key={name} name={name} label={tx(label)} rules={[{ required: true, whitespace: true, message: tx(label) }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`report-manual-${name}`} />
            </Form.Item>
          ))}
          <Form.Item name="customerAccount" label={tx(T.customerAccount)}>
            <Input maxLength={200} data-testid="report-manual-customerAccount" />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
    );

  return (
    <Modal open width={640} title={tx(T.reportCustomer)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={pickText({ zh: '确认', en: 'Confirm' })} okButtonProps={{ 'data-testid': 'report-submit' }} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          <span data-testid="report-banner">
            {tx(T.reportBanner)} <ReportConditions />
          </span>
        }
      />
      <Form form={form} layout="vertical" initialValues={{ fullName: initialFullName, sendInvite: true }} onFinish={submit} data-testid="report-form">
        <Form.Item name="fullName" label={tx(T.fullName)} rules={[{ required: true, whitespace: true, message: tx(T.fullName) }, { max: 200 }]}>
          <Input maxLength={200} data-testid="report-fullName" autoFocus />
        </Form.Item>
        <Form.Item name="mobile" label={tx(T.mobileNumber)} extra={tx(T.mobileHint)} rules={[{ required: true, whitespace: true, message: tx(T.mobileNumber) }]}>
          <Input maxLength={32} addonBefore="+86" data-testid="report-mobile" inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="email"
          label={tx(T.email)}
          extra={tx(T.emailRule)}
          rules={[
            { required: sendInvite, whitespace: true, message: tx(T.email) },
            { pattern: EMAIL_RE, message: tx(T.emailRule) },
          ]}
        >
          <Input maxLength={128} data-testid="report-email" inputMode="email" />
        </Form.Item>
        <Form.Item name="sendInvite" label={tx(T.sendInvite)} extra={tx(sendInvite ? T.autoInviteNote : T.manualInviteNote)}>
          <Radio.Group data-testid="report-sendInvite">
            <Radio value={true} data-testid="report-sendInvite-yes">
              {pickText({ zh: '是', en: 'Yes' })}
            </Radio>
            <Radio value={false} data-testid="report-sendInvite-no">
              {pickText({ zh: '否', en: 'No' })}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {sendInvite && (
          <>
            <Alert type="info" style={{ marginBottom: 16 }} title={<Space wrap>{tx(T.inviteLinkHint)}<EmailPreviewLink type={type ?? 'consulting'} /></Space>} />
            <Form.Item name="associationType" label={tx(T.associationType)} rules={[{ required: true, message: tx(T.associationType) }]} extra={type ? tx(T.associationTypeDescs[type]) : undefined}>
              <Radio.Group data-testid="report-associationType">
                <Radio value="consulting" data-testid="report-type-consulting">
                  {tx(T.consulting)}
                </Radio>
                <Radio value="resale" data-testid="report-type-resale">
                  {tx(T.resale)}
                </Radio>
              </Radio.Group>
            </Form.Item>
          </>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
