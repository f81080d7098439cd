import { Button, Card, Col, Form, Input, Radio, Result, Row, Select, Skeleton, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { guideCount, useFormFeedback, useTx } from '../paths/ui';
import { createSolution, getSolution, ROUTES, solutionKeys, updateSolution, type SolutionBody, type SolutionDetail, type SolutionKind } from './api';
import { cleanContacts, ContactsFields, materialValues, MaterialsFields, toIds, type Contacts, type MaterialValues } from './SolutionFields';
import { CLOUD_MODES, INDUSTRIES, PRODUCT_TYPES, PUBLIC_CLOUDS, T, TEXT_LIMIT } from './text';

type Values = Omit<SolutionBody, 'submit' | 'materials' | 'contacts'> & { materials?: MaterialValues; contacts?: Contacts };

/** Fields of step 1 (the rest, contacts.*, are step 2): a server error on one of them opens step 1. */
const STEP1 = ['source', 'name', 'version', 'industry', 'industrySub', 'productType', 'productSubType', 'targetCustomers', 'scenarios', 'cloudMode', 'deployedOnPublicCloud', 'publicClouds', 'otherNotes', 'baseline', 'materials'];

/** 创建云软件方案 / 创建先进云软件方案, and editing a draft or a solution not yet certified. */
export function SolutionFormPage({ kind }: { kind: SolutionKind }) {
  const { id } = useParams();
  const detail = useQuery({
    queryKey: [...solutionKeys(kind), 'form', id],
    enabled: !!id,
    queryFn: async () => {
      const d = await getSolution(kind, id!);
      return { detail: d, materials: await materialValues(d.form.materials) };
    },
  });
  if (id && detail.isLoading) return <Skeleton active />;
  if (id && !detail.data) return <Result status="404" title={detail.error instanceof Error ? detail.error.message : ''} />;
  return <SolutionForm kind={kind} existing={detail.data?.detail} materials={detail.data?.materials} />;
}

function initialValues(kind: SolutionKind, d: SolutionDetail | undefined, materials: MaterialValues | undefined): Values {
  if (!d) return { source: 'new', name: '', contacts: {}, materials: {} } as Values;
  const { materials: _m, contacts, ...form } = d.form;
  return { ...form, source: kind === 'cloud' ? 'new' : d.source, name: d.name, version: d.version, industry: d.industry, materials: materials ?? {}, contacts: contacts ?? {} };
}

function SolutionForm({ kind, existing, materials }: { kind: SolutionKind; existing?: SolutionDetail; materials?: MaterialValues }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { message, fail } = useFormFeedback();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const source = Form.useWatch('source', form) ?? existing?.source ?? 'new';
  const deployed = Form.useWatch('deployedOnPublicCloud', form);
  const list = ROUTES[kind];

  if (existing && !existing.canEdit)
    return <Result status="warning" title={existing.statusName} extra={<Button onClick={() => navigate(`${list}/${existing.id}`)}>{tx(T.detail)}</Button>} />;

  const body = (v: Values, submit: boolean): SolutionBody => {
    const clean = <X,>(x: X) => (typeof x === 'string' ? (x.trim() === '' ? undefined : x) : x);
    const out: SolutionBody = {
      submit,
      source: v.source,
      name: v.name?.trim() ?? '',
      version: clean(v.version),
      industry: clean(v.industry),
      industrySub: clean(v.industrySub),
      productType: clean(v.productType),
      productSubType: clean(v.productSubType),
      targetCustomers: clean(v.targetCustomers),
      scenarios: clean(v.scenarios),
      cloudMode: clean(v.cloudMode),
      deployedOnPublicCloud: v.deployedOnPublicCloud,
      publicClouds: v.deployedOnPublicCloud ? v.publicClouds : [],
      otherNotes: clean(v.otherNotes),
      materials: toIds(v.materials),
      contacts: cleanContacts(v.contacts),
    };
    if (v.source === 'lead_baseline' && v.baseline) {
      out.baseline = Object.fromEntries(Object.entries(v.baseline).filter(([, x]) => x !== undefined && x !== '')) as SolutionBody['baseline'];
    }
    for (const k of Object.keys(out) as (keyof SolutionBody)[]) if (out[k] === undefined) delete out[k];
    return out;
  };

  const save = async (submit: boolean) => {
    if (!submit) {
      // a draft needs only its name (提交认证 comes through onFinish: every * field of both steps is valid)
      try {
        await form.validateFields(['name']);
      } catch {
        setStep(0);
        return;
      }
    }
    setSaving(true);
    try {
      const v = form.getFieldsValue(true) as Values;
      const r = existing ? await updateSolution(kind, existing.id, body(v, submit)) : await createSolution(kind, body(v, submit));
      await qc.invalidateQueries({ queryKey: solutionKeys(kind) });
      void message.success(r.message ?? tx(submit ? T.submitted : T.draftSaved));
      navigate(submit ? list : `${list}/${r.solution.id}/edit`, { replace: !submit && !existing });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).some((f) => STEP1.includes(f.split('.')[0]!))) setStep(0);
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  /** Enter or 下一步 on step 1 validates everything: contacts errors wait for step 2; step-1 errors keep (or bring) the user there. */
  const onFinishFailed = ({ errorFields }: { errorFields: { name: (string | number)[] }[] }) => {
    const onStep1 = errorFields.filter((f) => f.name[0] !== 'contacts');
    if (step === 0) {
      form.setFields(errorFields.filter((f) => f.name[0] === 'contacts').map((f) => ({ name: f.name as never, errors: [] })));
      if (!onStep1.length) setStep(1);
    } else if (onStep1.length) setStep(0);
  };

  const req = (label: { zh: string; en: string }, choose = false) => ({ required: true, whitespace: true, message: tx(choose ? T.choose : T.required, { field: tx(label) }) });
  const half = { xs: 24, md: 12 };
  return (
    <Card title={`${tx(T.kindTitle[kind])} / ${existing ? tx(T.edit) : tx(T.create[kind])}`} data-testid="solution-form-page">
      <Steps current={step} style={{ marginBottom: 24 }} items={T.steps.map((s, i) => ({ title: <span data-testid={`solution-step-${i + 1}`}>{tx(s)}</span> }))} />
      <Form form={form} layout="vertical" initialValues={initialValues(kind, existing, materials)} data-testid="solution-form" onFinish={() => (step === 0 ? setStep(1) : save(true))} onFinishFailed={onFinishFailed}>
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Typography.Title level={5}>{tx(T.info)}</Typography.Title>
          <Form.Item name="source" label={tx(T.source)} rules={[{ required: true }]}>
            <Radio.Group data-testid="solution-source">
              <Radio value="new">{tx(T.sourceNew)}</Radio>
              {kind === 'advanced' && <Radio value="lead_baseline">{tx(T.sourceLead)}</Radio>}
            </Radio.Group>
          </Form.Item>
          <Row gutter={24}>
            <Col {...half}>
              <Form.Item name="name" label={tx(T.name)} rules={[req(T.name), { max: 100 }]}>
                <Input data-testid="solution-name" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="version" label={tx(T.version)} rules={[req(T.version), { max: 50 }]}>
                <Input data-testid="solution-version" />
              </Form.Item>
            </Col>
          </Row>
          {source === 'new' ? (
            <Row gutter={24}>
              <Col {...half}>
                <Form.Item name="industry" label={tx(T.industry)} rules={[req(T.industry, true)]}>
                  <Select showSearch data-testid="solution-industry" options={INDUSTRIES.map((v) => ({ value: v, label: v }))} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="industrySub" label={tx(T.industrySub)} rules={[req(T.industrySub), { max: 100 }]}>
                  <Input data-testid="solution-industrySub" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="productType" label={tx(T.productType)} rules={[req(T.productType, true)]}>
                  <Select data-testid="solution-productType" options={PRODUCT_TYPES.map((v) => ({ value: v, label: v }))} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="productSubType" label={tx(T.productSubType)} rules={[{ max: 100 }]}>
                  <Input data-testid="solution-productSubType" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="targetCustomers" label={tx(T.targetCustomers)} rules={[req(T.targetCustomers), { max: TEXT_LIMIT }]}>
                  <Input.TextArea rows={3} maxLength={TEXT_LIMIT} showCount={guideCount} data-testid="solution-targetCustomers" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="scenarios" label={tx(T.scenarios)} rules={[req(T.scenarios), { max: TEXT_LIMIT }]}>
                  <Input.TextArea rows={3} maxLength={TEXT_LIMIT} showCount={guideCount} data-testid="solution-scenarios" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="cloudMode" label={tx(T.cloudMode)} rules={[req(T.cloudMode, true)]}>
                  <Select data-testid="solution-cloudMode" options={CLOUD_MODES.map((v) => ({ value: v, label: v }))} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="deployedOnPublicCloud" label={tx(T.deployed)} extra={tx(T.deployedHint)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.deployed) }) }]}>
                  <Radio.Group data-testid="solution-deployed">
                    <Radio value={true}>{tx(T.yes)}</Radio>
                    <Radio value={false}>{tx(T.no)}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Col>
              {deployed && (
                <Col span={24}>
                  <Form.Item name="publicClouds" label={tx(T.publicClouds)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.choose, { field: tx(T.publicClouds) }) }]}>
                    <Select mode="multiple" data-testid="solution-publicClouds" options={PUBLIC_CLOUDS.map((v) => ({ value: v, label: v }))} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          ) : (
            <Row gutter={24}>
              <Col {...half}>
                <Form.Item name={['baseline', 'solutionId']} label={tx(T.baselineId)} extra={tx(T.baselineIdHint)} rules={[req(T.baselineId)]}>
                  <Input data-testid="solution-baselineId" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['baseline', 'deploymentForm']} label={tx(T.deploymentForm)} initialValue="公有云">
                  <Input />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['baseline', 'approvalCompletedAt']} label={tx(T.approvalCompletedAt)}>
                  <Input placeholder="2024/09/25 00:00:00" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['baseline', 'industryMasterData']} label={tx(T.industryMasterData)} rules={[{ max: 500 }]}>
                  <Input placeholder="行业/物流与仓储/物流/物流科技/智慧供应链" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['baseline', 'intro']} label={tx(T.baselineIntro)} rules={[{ max: TEXT_LIMIT }]}>
                  <Input.TextArea rows={2} maxLength={TEXT_LIMIT} showCount={guideCount} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <MaterialsFields kind={kind} source={source} strict />
          {source === 'new' && (
            <Form.Item name="otherNotes" label={tx(T.otherNotes[kind])} rules={[{ max: TEXT_LIMIT }]}>
              <Input.TextArea rows={3} maxLength={TEXT_LIMIT} showCount={guideCount} data-testid="solution-otherNotes" />
            </Form.Item>
          )}
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <Typography.Title level={5}>{tx(T.contactsTitle)}</Typography.Title>
          <ContactsFields form={form} strict />
        </div>
        <Space style={{ marginTop: 8 }}>
          {step === 1 && (
            <Button onClick={() => setStep(0)} data-testid="solution-prev">
              {tx(T.prev)}
            </Button>
          )}
          {step === 0 && (
            <Button type="primary" htmlType="submit" data-testid="solution-next">
              {tx(T.next)}
            </Button>
          )}
          <Button onClick={() => save(false)} loading={saving} data-testid="solution-save-draft">
            {tx(T.saveDraft)}
          </Button>
          {step === 1 && (
            <Button type="primary" htmlType="submit" loading={saving} data-testid="solution-submit">
              {tx(T.submit)}
            </Button>
          )}
          <Button onClick={() => navigate(list)}>{tx(T.cancel)}</Button>
        </Space>
      </Form>
    </Card>
  );
}
