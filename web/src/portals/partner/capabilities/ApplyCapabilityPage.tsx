import { Alert, Button, Card, Checkbox, Form, Input, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, type UploadedFile } from '../../../api/client';
import { useFormFeedback, useTx } from '../paths/ui';
import { CAP_BASE, CAP_KEY, guideDate, useLabels } from './api';
import { MaterialUpload } from './MaterialUpload';
import { EVIDENCE_MAX_MB, EVIDENCE_TYPES, FORM_MAX_MB, FORM_TYPES, PRODUCT_NAME_MAX, T } from './text';

export interface MaterialValues {
  form: UploadedFile[];
  evidence: UploadedFile[];
  productName?: string;
  materialsDeclaration?: boolean;
}

/** The server's field names → this form's (the uploads hold files, the body their ids). */
export const MATERIAL_FIELDS = { formFileId: ['form'], evidenceFileId: ['evidence'] };

/** 评估表, 举证材料, 产品/解决方案名称 (昇腾云 only) and the R55 confirmation: shared by 申请认证 and 更新材料. */
export function MaterialItems({ needsProductName, productNameLocked }: { needsProductName: boolean; productNameLocked?: boolean }) {
  const tx = useTx();
  return (
    <>
      <Typography.Paragraph>{tx(T.materialsIntro)}</Typography.Paragraph>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(T.freezeNote)} />
      <Form.Item name="form" label={tx(T.form)} extra={tx(T.formHint)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.required, { field: tx(T.form) }) }]}>
        <MaterialUpload purpose="capability-form" extensions={FORM_TYPES} maxSizeMb={FORM_MAX_MB} hint={tx(T.formHint)} testId="capability-form-upload" />
      </Form.Item>
      <Form.Item name="evidence" label={tx(T.evidence)} extra={tx(T.evidenceHint)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.required, { field: tx(T.evidence) }) }]}>
        <MaterialUpload purpose="capability-evidence" extensions={EVIDENCE_TYPES} maxSizeMb={EVIDENCE_MAX_MB} hint={tx(T.evidenceHint)} testId="capability-evidence-upload" />
      </Form.Item>
      {needsProductName && (
        <Form.Item
          name="productName"
          label={tx(T.productName)}
          extra={tx(T.productNameHint)}
          rules={[{ required: true, whitespace: true, message: tx(T.productNameRequired) }, { max: PRODUCT_NAME_MAX }]}
        >
          <Input maxLength={PRODUCT_NAME_MAX} showCount disabled={productNameLocked} data-testid="capability-productName" />
        </Form.Item>
      )}
      <Form.Item
        name="materialsDeclaration"
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.declaration)))) }]}
      >
        <Checkbox data-testid="capability-declaration">{tx(T.declaration)}</Checkbox>
      </Form.Item>
    </>
  );
}

interface Values extends MaterialValues {
  level1Label: string;
  level2Labels: string[];
}

/** 申请认证 (op 45): choose the label (认证详情), upload the assessment form and the evidence, 提交申请. */
export function ApplyCapabilityPage() {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const labels = useLabels();
  const chosenKey = Form.useWatch('level1Label', form);
  if (labels.isLoading) return <Skeleton active />;
  const items = labels.data?.items ?? [];
  const chosen = items.find((l) => l.key === chosenKey);
  const mandatory = (key: string) => items.find((l) => l.key === key)?.level2.filter((x) => x.mandatory).map((x) => x.key) ?? [];
  const preset = params.get('label');
  const initialLabel = items.some((l) => l.key === preset) ? preset! : undefined;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.POST('/api/capabilities/applications', {
        body: {
          level1Label: v.level1Label,
          level2Labels: [...new Set([...mandatory(v.level1Label), ...(v.level2Labels ?? [])])],
          formFileId: v.form[0]!.id,
          evidenceFileId: v.evidence[0]!.id,
          productName: chosen?.needsProductName ? (v.productName?.trim() ?? null) : null,
          materialsDeclaration: !!v.materialsDeclaration,
        },
      });
      void message.success(tx(T.submitted));
      await qc.invalidateQueries({ queryKey: CAP_KEY });
      navigate(`${CAP_BASE}?tab=records`);
    } catch (err) {
      // a suspended or busy label is about the chosen label
      if (err instanceof ApiError && (err.code === 'capabilities.label-suspended' || err.code === 'capabilities.already-applying')) {
        form.setFields([{ name: 'level1Label', errors: [err.message] }]);
        void message.error(err.message);
      } else fail(err, form, MATERIAL_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={tx(T.applyTitle)} data-testid="capability-apply-page">
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{ level1Label: initialLabel, level2Labels: initialLabel ? mandatory(initialLabel) : [], form: [], evidence: [] }}
        onFinish={submit}
      >
        <Form.Item name="level1Label" label={tx(T.details)} rules={[{ required: true, message: tx(T.chooseLabel) }]}>
          <Select
            data-testid="capability-level1"
            placeholder={tx(T.chooseLabel)}
            onChange={(k: string) => form.setFieldsValue({ level2Labels: mandatory(k), productName: undefined })}
            options={items.map((l) => ({
              value: l.key,
              disabled: !!l.suspendedUntil || l.inProgress,
              label: (
                <Space>
                  {l.name}
                  {l.suspendedUntil && <Tag color="red">{tx(T.suspendedUntil, { until: guideDate(l.suspendedUntil) })}</Tag>}
                  {l.inProgress && <Tag color="blue">{tx(T.inProgress)}</Tag>}
                </Space>
              ),
            }))}
          />
        </Form.Item>
        {chosen && (
          <>
            <Typography.Title level={5} data-testid="capability-capability">
              {chosen.capability}
            </Typography.Title>
            <Form.Item name="level2Labels" label={tx(T.level2)}>
              <Checkbox.Group
                options={chosen.level2.map((x) => ({ value: x.key, disabled: x.mandatory, label: x.mandatory ? `${x.name}` : x.name }))}
                data-testid="capability-level2"
              />
            </Form.Item>
          </>
        )}
        <Typography.Title level={5}>{tx(T.materialsTitle)}</Typography.Title>
        <MaterialItems needsProductName={!!chosen?.needsProductName} />
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="capability-submit">
            {tx(T.submit)}
          </Button>
          <Button onClick={() => navigate(CAP_BASE)}>{tx(T.cancel)}</Button>
        </Space>
      </Form>
    </Card>
  );
}
