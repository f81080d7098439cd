import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Checkbox, Col, DatePicker, Divider, Form, Input, Radio, Row, Select, Skeleton, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type ApiBody, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { fileRefs, guideCount, useFormFeedback, useTx } from '../paths/ui';
import type { HcpnApplication, SubmitOutcome } from './HcpnPage';
import { AMOUNT_RE, EMAIL_RE, LIMITS, MOBILE_RE, REGIONS, STAFF_SIZES, T, USCC_RE } from './text';

interface StepProps {
  app: HcpnApplication;
  onSaved: (view: HcpnApplication) => void;
  onBack: () => void;
  onNext: () => void;
}

/** 上一步 / 保存草稿 / 下一步 (or 提交认证) under each step; the main button submits the form (Enter works). */
function StepButtons({ first, saving, onBack, onDraft, mainLabel, mainTestId }: { first?: boolean; saving: boolean; onBack: () => void; onDraft: () => void; mainLabel: string; mainTestId: string }) {
  const tx = useTx();
  return (
    <Space style={{ marginTop: 8 }}>
      {!first && (
        <Button onClick={onBack} data-testid="hcpn-prev">
          {tx({ zh: '上一步', en: 'Previous' })}
        </Button>
      )}
      <Button onClick={onDraft} loading={saving} data-testid="hcpn-save-draft">
        {tx(T.saveDraft)}
      </Button>
      <Button type="primary" htmlType="submit" loading={saving} data-testid={mainTestId}>
        {mainLabel}
      </Button>
    </Space>
  );
}

/** Validate, save the step (the draft), then go on or stay with 保存成功. */
function useStepSave<V>(form: FormInstance<V>, save: (v: V) => Promise<HcpnApplication>, props: StepProps, rename?: Record<string, (string | number)[]>) {
  const tx = useTx();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const run = async (v: V, next: boolean) => {
    setSaving(true);
    try {
      props.onSaved(await save(v));
      if (next) props.onNext();
      else void message.success(tx(T.draftSaved));
    } catch (err) {
      fail(err, form, rename);
    } finally {
      setSaving(false);
    }
  };
  const draft = async () => {
    try {
      await run(await form.validateFields(), false);
    } catch {
      /* the fields show what is missing */
    }
  };
  return { saving, run, draft };
}

// ---------------------------------------------------------------------------------------------
// 1 填写商业信息

type BusinessBody = ApiBody<'/api/hcpn/applications/{id}/business-info', 'put'>;
type BusinessValues = Omit<BusinessBody, 'licenceFileId' | 'logoFileId' | 'foundedDate' | 'businessTermEnd'> & {
  licence: UploadedFile[];
  logo?: UploadedFile[];
  foundedDate?: Dayjs;
  businessTermEnd?: Dayjs | null;
};

const IMAGE_TYPES = ['jpg', 'jpeg', 'bmp', 'png', 'gif'];

export function BusinessInfoStep(props: StepProps) {
  const info = props.app.businessInfo;
  const ids = [info?.licenceFileId, info?.logoFileId].filter((x): x is string => !!x);
  // names of the files already uploaded, so the upload controls show them
  const refs = useQuery({ queryKey: ['file-refs', ids], queryFn: () => fileRefs(ids), enabled: ids.length > 0, staleTime: Infinity });
  const prefill = useQuery({ queryKey: ['real-name'], queryFn: () => api.GET('/api/real-name'), enabled: !info });
  if ((ids.length && refs.isLoading) || (!info && prefill.isLoading)) return <Skeleton active />;
  const byId = new Map((refs.data ?? []).map((f) => [f.id, f]));
  const initial: Partial<BusinessValues> = info
    ? {
        ...info,
        licence: byId.get(info.licenceFileId) ? [byId.get(info.licenceFileId)!] : [],
        logo: info.logoFileId && byId.get(info.logoFileId) ? [byId.get(info.logoFileId)!] : [],
        foundedDate: dayjs(info.foundedDate),
        businessTermEnd: info.businessTermEnd ? dayjs(info.businessTermEnd) : null,
        staffSize: info.staffSize as BusinessValues['staffSize'],
        postcode: info.postcode ?? undefined,
        website: info.website ?? undefined,
        companyEmail: info.companyEmail ?? undefined,
      }
    : // what 企业实名认证 verified is the starting point (the automatic check compares with it)
      { companyName: prefill.data?.enterpriseName ?? undefined, uscc: prefill.data?.application?.uscc ?? undefined, licence: [], logo: [] };
  return <BusinessInfoForm {...props} initial={initial} />;
}

function BusinessInfoForm(props: StepProps & { initial: Partial<BusinessValues> }) {
  const tx = useTx();
  const [form] = Form.useForm<BusinessValues>();
  const province = Form.useWatch('province', form);
  const longTerm = Form.useWatch('businessTermLongTerm', form);
  const req = (label: { zh: string; en: string }, choose = false) => ({ required: true, whitespace: true, message: tx(choose ? T.choose : T.required, { field: tx(label) }) });
  const max = (n: number) => ({ max: n });
  const { saving, run, draft } = useStepSave(
    form,
    (v) => {
      const { licence, logo, foundedDate, businessTermEnd, ...rest } = v;
      const body: BusinessBody = {
        ...rest,
        uscc: v.uscc.trim().toUpperCase(),
        licenceFileId: licence[0]!.id,
        logoFileId: logo?.[0]?.id ?? null,
        foundedDate: foundedDate!.format('YYYY-MM-DD'),
        businessTermEnd: v.businessTermLongTerm ? null : (businessTermEnd?.format('YYYY-MM-DD') ?? null),
        businessTermLongTerm: !!v.businessTermLongTerm,
        postcode: v.postcode || null,
        website: v.website || null,
        companyEmail: v.companyEmail || null,
      };
      return api.PUT('/api/hcpn/applications/{id}/business-info', { params: { path: { id: props.app.id } }, body });
    },
    props,
    { licenceFileId: ['licence'], logoFileId: ['logo'] },
  );
  const half = { xs: 24, md: 12 };
  return (
    <Form form={form} layout="vertical" initialValues={props.initial} onFinish={(v) => run(v, true)} data-testid="hcpn-business-form" scrollToFirstError>
      <Typography.Title level={5}>{tx(T.basic)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name="companyName" label={tx(T.companyName)} rules={[req(T.companyName), max(LIMITS.text)]}>
            <Input data-testid="hcpn-companyName" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="uscc"
            label={tx(T.uscc)}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[req(T.uscc), { validator: (_, v?: string) => (!v || USCC_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(tx(T.usccFormat)))) }]}
          >
            <Input maxLength={18} data-testid="hcpn-uscc" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="taxCode" label={tx(T.taxCode)} rules={[req(T.taxCode), max(LIMITS.text)]}>
            <Input data-testid="hcpn-taxCode" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="licence" label={tx(T.licence)} extra={tx(T.licenceHint)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.required, { field: tx(T.licence) }) }]}>
            <FileUpload
              purpose="business-licence"
              extensions={['jpg', 'bmp', 'png', 'pdf']}
              maxSizeMb={20}
              testId="hcpn-licence"
              messages={{ badType: tx(T.licenceHint), tooLarge: tx(T.licenceHint) }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="registeredCapital"
            label={tx(T.registeredCapital)}
            rules={[
              req(T.registeredCapital),
              { pattern: AMOUNT_RE, message: tx(T.amountFormat) },
              { validator: (_, v?: string) => (!v || !AMOUNT_RE.test(v) || Number(v) > 0 ? Promise.resolve() : Promise.reject(new Error(tx(T.amountPositive)))) },
            ]}
          >
            <Input inputMode="decimal" data-testid="hcpn-registeredCapital" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="foundedDate" label={tx(T.foundedDate)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.foundedDate) }) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="hcpn-foundedDate" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={tx(T.businessTerm)}>
            <Space>
              <Form.Item name="businessTermEnd" noStyle>
                <DatePicker disabled={!!longTerm} data-testid="hcpn-businessTermEnd" />
              </Form.Item>
              <Form.Item name="businessTermLongTerm" valuePropName="checked" noStyle>
                <Checkbox data-testid="hcpn-longTerm" onChange={(e) => e.target.checked && form.setFieldValue('businessTermEnd', null)}>
                  {tx(T.longTerm)}
                </Checkbox>
              </Form.Item>
            </Space>
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="licenceAddress" label={tx(T.licenceAddress)} rules={[req(T.licenceAddress), max(LIMITS.text)]}>
            <Input data-testid="hcpn-licenceAddress" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="legalPerson" label={tx(T.legalPerson)} rules={[req(T.legalPerson), max(LIMITS.text)]}>
            <Input data-testid="hcpn-legalPerson" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="postcode" label={tx(T.postcode)} rules={[{ pattern: /^\d{6}$/, message: tx(T.postcodeFormat) }]}>
            <Input placeholder={tx(T.postcodeHint)} maxLength={6} data-testid="hcpn-postcode" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="businessScope" label={tx(T.businessScope)} rules={[req(T.businessScope), max(LIMITS.businessScope)]}>
            <Input.TextArea rows={3} maxLength={LIMITS.businessScope} showCount={guideCount} data-testid="hcpn-businessScope" />
          </Form.Item>
        </Col>
      </Row>
      <Divider />
      <Typography.Title level={5}>{tx(T.details)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name="province" label={tx(T.province)} rules={[req(T.province, true)]}>
            <Select
              showSearch
              data-testid="hcpn-province"
              options={Object.keys(REGIONS).map((p) => ({ value: p, label: p }))}
              onChange={() => form.setFieldValue('city', undefined)}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="city" label={tx(T.city)} rules={[req(T.city, true), max(LIMITS.text)]}>
            <AutoComplete data-testid="hcpn-city" options={(REGIONS[province ?? ''] ?? []).map((c) => ({ value: c }))} filterOption />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="staffSize" label={tx(T.staffSize)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.staffSize) }) }]}>
            <Select data-testid="hcpn-staffSize" options={STAFF_SIZES.map((s) => ({ value: s, label: tx({ zh: `${s}人`, en: `${s} people` }) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="annualRevenue" label={tx(T.annualRevenue)} rules={[req(T.annualRevenue), { pattern: AMOUNT_RE, message: tx(T.amountFormat) }]}>
            <Input inputMode="decimal" data-testid="hcpn-annualRevenue" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="logo" label={tx(T.logo)} extra={tx(T.logoHint)}>
            <FileUpload purpose="attachment" extensions={IMAGE_TYPES} maxSizeMb={20} testId="hcpn-logo" messages={{ badType: tx(T.logoHint) }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="website" label={tx(T.website)} rules={[max(LIMITS.text)]}>
            <Input placeholder="www.huaweicloud.com" data-testid="hcpn-website" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="companyEmail" label={tx(T.companyEmail)} rules={[{ pattern: EMAIL_RE, message: tx(T.invalidEmail) }, max(LIMITS.text)]}>
            <Input data-testid="hcpn-companyEmail" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="intro" label={tx(T.companyIntro)} rules={[req(T.companyIntro), max(LIMITS.intro)]}>
            <Input.TextArea rows={3} maxLength={LIMITS.intro} showCount={guideCount} placeholder={tx(T.introPlaceholder)} data-testid="hcpn-intro" />
          </Form.Item>
        </Col>
      </Row>
      <StepButtons first saving={saving} onBack={props.onBack} onDraft={draft} mainLabel={tx({ zh: '下一步', en: 'Next' })} mainTestId="hcpn-next" />
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// 2 填写联系人信息

type ContactsBody = ApiBody<'/api/hcpn/applications/{id}/contacts', 'put'>;

export function ContactsStep(props: StepProps) {
  const tx = useTx();
  const [form] = Form.useForm<ContactsBody>();
  const { saving, run, draft } = useStepSave(form, (v) => api.PUT('/api/hcpn/applications/{id}/contacts', { params: { path: { id: props.app.id } }, body: { contacts: v.contacts ?? [] } }), props);
  const initial = { contacts: props.app.contacts.length ? props.app.contacts : [{ name: '', mobile: '', email: '' }] };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => run(v, true)} data-testid="hcpn-contacts-form">
      <Typography.Paragraph type="secondary">{tx(T.contactsHint)}</Typography.Paragraph>
      <Form.List
        name="contacts"
        rules={[
          {
            validator: async (_, list?: unknown[]) => {
              if (!list || list.length === 0) throw new Error(tx(T.contactsRequired));
              if (list.length > LIMITS.contacts) throw new Error(tx(T.contactsMax));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Row gutter={16} key={field.key} align="top" data-testid={`hcpn-contact-${field.name}`}>
                <Col xs={24} md={7}>
                  <Form.Item name={[field.name, 'name']} label={tx(T.contactName)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.contactName) }) }, { max: 64 }]}>
                    <Input data-testid={`hcpn-contact-name-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item
                    name={[field.name, 'mobile']}
                    label={tx(T.contactMobile)}
                    rules={[{ required: true, message: tx(T.required, { field: tx(T.contactMobile) }) }, { pattern: MOBILE_RE, message: tx(T.invalidMobile) }]}
                  >
                    <Input placeholder="+86-13800000000" data-testid={`hcpn-contact-mobile-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'email']}
                    label={tx(T.contactEmail)}
                    rules={[{ required: true, message: tx(T.required, { field: tx(T.contactEmail) }) }, { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 128 }]}
                  >
                    <Input data-testid={`hcpn-contact-email-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={2}>
                  <Form.Item label=" ">
                    <Button icon={<DeleteOutlined />} aria-label={tx({ zh: '删除', en: 'Delete' })} onClick={() => remove(field.name)} disabled={fields.length <= 1} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', mobile: '', email: '' })} disabled={fields.length >= LIMITS.contacts} data-testid="hcpn-add-contact" style={{ marginBottom: 16 }}>
              {tx(T.addContact)}
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <StepButtons saving={saving} onBack={props.onBack} onDraft={draft} mainLabel={tx({ zh: '下一步', en: 'Next' })} mainTestId="hcpn-next" />
      </div>
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// 3 敏感关系申报

type SensitiveBody = ApiBody<'/api/hcpn/applications/{id}/sensitive-relationship', 'put'>;

export function SensitiveStep(props: StepProps) {
  const tx = useTx();
  const [form] = Form.useForm<SensitiveBody>();
  const choice = Form.useWatch('choice', form);
  const { saving, run, draft } = useStepSave(
    form,
    (v) =>
      api.PUT('/api/hcpn/applications/{id}/sensitive-relationship', {
        params: { path: { id: props.app.id } },
        body: { choice: v.choice, details: v.choice === 'declared' ? (v.details ?? null) : null },
      }),
    props,
  );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ choice: props.app.sensitiveRelation ?? undefined, details: props.app.sensitiveRelationDetails ?? undefined }}
      onFinish={(v) => run(v, true)}
      data-testid="hcpn-sensitive-form"
    >
      <Typography.Paragraph type="secondary">{tx(T.sensitiveRule)}</Typography.Paragraph>
      <Form.Item name="choice" label={tx(T.sensitiveQuestion)} rules={[{ required: true, message: tx(T.sensitiveChoiceRequired) }]}>
        <Radio.Group data-testid="hcpn-sensitive-choice">
          <Radio value="declared" data-testid="hcpn-sensitive-declared">
            {tx(T.declared)}
          </Radio>
          <Radio value="none" data-testid="hcpn-sensitive-none">
            {tx(T.none)}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {choice === 'declared' && (
        <Form.Item
          name="details"
          label={tx(T.sensitiveDetails)}
          extra={tx(T.sensitiveDetailsHint)}
          rules={[{ required: true, whitespace: true, message: tx(T.sensitiveDetailsRequired) }, { max: LIMITS.sensitiveDetails }]}
        >
          <Input.TextArea rows={4} maxLength={LIMITS.sensitiveDetails} showCount={guideCount} data-testid="hcpn-sensitive-details" />
        </Form.Item>
      )}
      <StepButtons saving={saving} onBack={props.onBack} onDraft={draft} mainLabel={tx({ zh: '下一步', en: 'Next' })} mainTestId="hcpn-next" />
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// 4 签署协议 → 提交认证

const STEP_OF: Record<string, number> = { businessInfo: 0, contacts: 1, sensitiveRelation: 2, agreements: 3 };

export function AgreementsStep(props: StepProps & { onSubmitted: (r: SubmitOutcome) => void; onIncomplete: (step: number) => void }) {
  const tx = useTx();
  const [form] = Form.useForm<{ accepted: string[] }>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const catalogue = useQuery({ queryKey: ['hcpn', 'agreements'], queryFn: () => api.GET('/api/hcpn/agreements') });
  const items = catalogue.data?.items ?? [];
  const current = (keys: string[] = []) => items.filter((a) => keys.includes(a.key)).map((a) => ({ key: a.key, version: a.version }));
  const initial = items.filter((a) => props.app.agreements.some((x) => x.key === a.key && x.version === a.version)).map((a) => a.key);

  const accept = (keys: string[]) => api.PUT('/api/hcpn/applications/{id}/agreements', { params: { path: { id: props.app.id } }, body: { accepted: current(keys) } });
  const draft = async () => {
    setSaving(true);
    try {
      props.onSaved(await accept(await form.validateFields().then((v) => v.accepted)));
      void message.success(tx(T.draftSaved));
    } catch (err) {
      if (err instanceof ApiError) fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const submit = async ({ accepted }: { accepted: string[] }) => {
    setSaving(true);
    try {
      props.onSaved(await accept(accepted));
      const result = await api.POST('/api/hcpn/applications/{id}/submit', { params: { path: { id: props.app.id } }, body: {} });
      void message.success(tx(T.submitted));
      props.onSubmitted(result);
    } catch (err) {
      fail(err, form);
      // hcpn.incomplete names the unfinished steps: open the first of them
      if (err instanceof ApiError && err.code === 'hcpn.incomplete') {
        const steps = Object.keys(err.fields).map((k) => STEP_OF[k] ?? 3);
        if (steps.length) props.onIncomplete(Math.min(...steps));
      }
    } finally {
      setSaving(false);
    }
  };
  if (catalogue.isLoading) return <Skeleton active />;
  return (
    <Form form={form} layout="vertical" initialValues={{ accepted: initial }} onFinish={submit} data-testid="hcpn-agreements-form">
      <Form.Item
        name="accepted"
        label={tx(T.agreementsHint)}
        rules={[
          {
            validator: async (_, keys: string[] = []) => {
              const missing = items.find((a) => !keys.includes(a.key));
              if (missing) throw new Error(tx(T.agreementRequired, { name: missing.name }));
            },
          },
        ]}
      >
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {items.map((a) => (
            <Checkbox key={a.key} value={a.key} data-testid={`hcpn-agreement-${a.key}`}>
              {a.name} <Typography.Text type="secondary">（{tx(T.version)} {a.version}）</Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <StepButtons
        saving={saving}
        onBack={props.onBack}
        onDraft={draft}
        mainLabel={props.app.status === 'rejected' ? tx(T.resubmit) : tx(T.submit)}
        mainTestId="hcpn-submit"
      />
    </Form>
  );
}
