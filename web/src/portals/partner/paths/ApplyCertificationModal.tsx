import { Alert, Form, Modal } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ApiBody, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { useInvalidatePaths, type Certification, type PathType } from './api';
import { BUSINESS_PLAN_FOR, MATERIAL_TYPES, T } from './text';
import { fileRefs, refusalParams, useFormFeedback, useTx } from './ui';

export interface ApplyTarget {
  stage: ApiBody<'/api/paths/certifications', 'post'>['stage'];
  stageName: string;
  /** a failed application being corrected (its materials are the starting point) */
  previous?: Certification;
}

interface Values {
  materials: UploadedFile[];
  cases?: UploadedFile[];
  businessPlan?: UploadedFile[];
}

/**
 * 申请认证 (op 9): upload 认证材料, 案例材料 and, for 能力差异化, the 商业计划书 → 提交审核 (审核中).
 * A failed application is corrected and resubmitted as the same record (R14).
 */
export function ApplyCertificationModal({ path, target, onClose }: { path: PathType; target: ApplyTarget; onClose: () => void }) {
  const tx = useTx();
  const [form] = Form.useForm<Values>();
  const invalidate = useInvalidatePaths();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const prev = target.previous?.materials;
  const refs = useQuery({
    queryKey: ['file-refs', 'path-cert', target.previous?.id],
    enabled: !!prev,
    queryFn: async () => ({
      materials: await fileRefs(prev!.materials),
      cases: await fileRefs(prev!.cases),
      businessPlan: await fileRefs(prev!.businessPlan ? [prev!.businessPlan] : []),
    }),
  });
  const differentiation = target.stage === 'differentiated';
  const needsPlan = (BUSINESS_PLAN_FOR[path] ?? []).includes(target.stage);
  const [unmet, setUnmet] = useState<{ key: string; name: { zh: string; en: string } | string; progress: string }[]>([]);
  const upload = (testId: string, maxCount: number) => (
    <FileUpload purpose="attachment" maxCount={maxCount} extensions={MATERIAL_TYPES} maxSizeMb={50} testId={testId} messages={{ badType: tx(T.materialsHint), tooLarge: tx(T.materialsHint) }} />
  );

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.POST('/api/paths/certifications', {
        body: {
          path,
          stage: target.stage,
          materials: v.materials.map((f) => f.id),
          cases: (v.cases ?? []).map((f) => f.id),
          businessPlan: v.businessPlan?.[0]?.id ?? null,
        },
      });
      void message.success(tx(T.submitted));
      await invalidate();
      onClose();
    } catch (err) {
      // R24 (SI, learning): every requirement must already be met; the refusal lists the unmet ones
      const list = refusalParams(err).unmet;
      setUnmet(Array.isArray(list) ? (list as typeof unmet) : []);
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={target.previous ? `${tx(T.applyFix)} · ${target.stageName}` : tx(T.applyTitle, { stage: target.stageName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tx(T.submitReview)}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'path-apply-ok', disabled: !!prev && refs.isLoading }}
    >
      {target.previous?.failureReason && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${tx(T.failureReason)}：${target.previous.failureReason}`} />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={differentiation && path === 'service' ? tx(T.differentiationRule) : tx(T.personalCertRule)} />
      {unmet.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="path-apply-unmet"
          message={tx(T.requirementsUnmet)}
          description={
            <ul style={{ paddingLeft: 20, margin: 0 }}>
              {unmet.map((u) => (
                <li key={u.key}>
                  {typeof u.name === 'string' ? u.name : tx(u.name)} {u.progress}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {(!prev || refs.data) && (
        <Form form={form} layout="vertical" onFinish={submit} data-testid="path-apply-form" initialValues={refs.data ?? { materials: [], cases: [], businessPlan: [] }}>
          <Form.Item
            name="materials"
            label={tx(T.materials)}
            extra={tx(T.materialsHint)}
            rules={[{ required: true, type: 'array', min: 1, message: tx(T.requiredUpload, { field: tx(T.materials) }) }]}
          >
            {upload('path-apply-materials', 20)}
          </Form.Item>
          <Form.Item name="cases" label={tx(T.cases)} extra={tx(T.casesHint)}>
            {upload('path-apply-cases', 20)}
          </Form.Item>
          <Form.Item
            name="businessPlan"
            label={tx(T.businessPlan)}
            extra={tx(T.businessPlanHint)}
            rules={needsPlan ? [{ required: true, type: 'array', min: 1, message: tx(T.requiredUpload, { field: tx(T.businessPlan) }) }] : []}
          >
            {upload('path-apply-businessPlan', 1)}
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
