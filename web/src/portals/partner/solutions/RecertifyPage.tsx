import { Alert, Button, Card, Form, Input, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { useFormFeedback, useTx } from '../paths/ui';
import { getSolution, recertifySolution, ROUTES, solutionKeys, type SolutionDetail, type SolutionKind } from './api';
import { cleanContacts, ContactsFields, materialValues, MaterialsFields, toIds, type Contacts, type MaterialValues } from './SolutionFields';
import { T } from './text';

interface Values {
  version: string;
  materials: MaterialValues;
  contacts: Contacts;
}

/**
 * 重新认证 (R47): a 新建 solution from 60 days before expiry (and after it); only the version and the
 * materials change, then the contacts step and 提交认证. The current validity stands until re-approval.
 */
export function RecertifyPage({ kind }: { kind: SolutionKind }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [...solutionKeys(kind), 'recertify', id],
    enabled: !!id,
    queryFn: async () => {
      const d = await getSolution(kind, id!);
      return { detail: d, materials: await materialValues(d.pendingChange?.materials ?? d.form.materials) };
    },
  });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : t('common.notFound')} />;
  return <RecertifyForm kind={kind} s={q.data.detail} materials={q.data.materials} />;
}

function RecertifyForm({ kind, s, materials }: { kind: SolutionKind; s: SolutionDetail; materials: MaterialValues }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { message, fail } = useFormFeedback();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const list = ROUTES[kind];

  if (!s.canRecertify)
    return (
      <Result
        status="warning"
        title={tx(T.recertifyNote)}
        subTitle={`${s.name} · ${s.statusName} · ${s.validity}`}
        extra={<LinkButton to={`${list}/${s.id}`}>{tx(T.detail)}</LinkButton>}
      />
    );

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await recertifySolution(kind, s.id, { version: v.version.trim(), materials: toIds(v.materials), contacts: cleanContacts(v.contacts) });
      await qc.invalidateQueries({ queryKey: solutionKeys(kind) });
      void message.success(r.message ?? tx(T.submitted));
      navigate(list);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).some((f) => !f.startsWith('contacts.'))) setStep(0);
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  const initial: Values = { version: s.pendingChange?.version ?? s.version, materials, contacts: s.pendingChange?.contacts ?? s.form.contacts ?? {} };
  return (
    <Card title={`${tx(T.kindTitle[kind])} / ${tx(T.recertify)} · ${s.name}`} data-testid="solution-recertify">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.recertifyOnly)} description={tx(T.recertifyNote)} />
      <Steps current={step} style={{ marginBottom: 24 }} items={T.steps.map((x) => ({ title: tx(x) }))} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => (step === 0 ? setStep(1) : submit(form.getFieldsValue(true) as Values))}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields.filter((f) => f.name[0] !== 'contacts');
          if (step === 0) {
            form.setFields(errorFields.filter((f) => f.name[0] === 'contacts').map((f) => ({ name: f.name as never, errors: [] })));
            if (!first.length) setStep(1);
          } else if (first.length) setStep(0);
        }}
      >
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Typography.Paragraph type="secondary">
            {tx(T.name)}：{s.name} · {tx(T.source)}：{s.sourceName} · {tx(T.validity)}：{s.validity}
          </Typography.Paragraph>
          <Form.Item name="version" label={tx(T.version)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.version) }) }, { max: 50 }]}>
            <Input style={{ maxWidth: 320 }} data-testid="solution-recertify-version" />
          </Form.Item>
          <MaterialsFields kind={kind} source="new" strict />
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <ContactsFields form={form} strict />
        </div>
        <Space>
          {step === 1 && <Button onClick={() => setStep(0)}>{tx(T.prev)}</Button>}
          <Button type="primary" htmlType="submit" loading={saving} data-testid={step === 0 ? 'solution-next' : 'solution-submit'}>
            {step === 0 ? tx(T.next) : tx(T.submit)}
          </Button>
          <Button onClick={() => navigate(list)}>{tx(T.cancel)}</Button>
        </Space>
      </Form>
    </Card>
  );
}
