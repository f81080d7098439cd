import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, List, Result, Row, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ApiBody, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { AMOUNT_RE, EMAIL_RE, LIMITS as HCPN_LIMITS, MOBILE_RE, REGIONS, STAFF_SIZES } from '../hcpn/text';
import { guideCount, useFormFeedback } from '../paths/ui';
import { INFO_BASE, KEYS, type ChangeOutcome, type CompanyInfo } from './api';
import { ChangeComparison } from './CompanyInfoTab';
import { T, tx, type Bi } from './text';

type ChangeBody = ApiBody<'/api/company/info/changes', 'post'>;
type Contact = { name: string; mobile: string; email: string };

interface Values {
  basic: {
    licence: UploadedFile[];
    companyName: string;
    taxCode?: string;
    registeredCapital?: string;
    foundedDate?: Dayjs | null;
    businessTermEnd?: Dayjs | null;
    businessTermLongTerm?: boolean;
    licenceAddress?: string;
    legalPerson?: string;
    businessScope?: string;
  };
  details: {
    postcode?: string;
    province?: string;
    city?: string;
    staffSize?: string;
    annualRevenue?: string;
    logo: UploadedFile[];
    website?: string;
    companyEmail?: string;
    intro?: string;
  };
  contacts: Contact[];
}

const IMAGE_TYPES = ['jpg', 'jpeg', 'bmp', 'png', 'gif'];
const norm = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v);
const differs = (a: unknown, b: unknown) => JSON.stringify(norm(a)) !== JSON.stringify(norm(b));

/** Only what the partner changed is sent: the server diffs again and decides 自动校验 or 人工审核. */
function toBody(v: Values, c: CompanyInfo): ChangeBody {
  const basic: NonNullable<ChangeBody['basic']> = {};
  const details: NonNullable<ChangeBody['details']> = {};
  const licenceId = v.basic.licence?.[0]?.id ?? null;
  if (licenceId && licenceId !== c.basic.licenceFileId) basic.licenceFileId = licenceId;
  const text = <K extends 'companyName' | 'taxCode' | 'registeredCapital' | 'licenceAddress' | 'legalPerson' | 'businessScope'>(k: K) => {
    if (differs(v.basic[k], c.basic[k])) basic[k] = (v.basic[k] ?? '').trim();
  };
  (['companyName', 'taxCode', 'registeredCapital', 'licenceAddress', 'legalPerson', 'businessScope'] as const).forEach(text);
  const founded = v.basic.foundedDate ? v.basic.foundedDate.format('YYYY-MM-DD') : null;
  if (differs(founded, c.basic.foundedDate)) basic.foundedDate = founded ?? '';
  const longTerm = !!v.basic.businessTermLongTerm;
  if (longTerm !== c.basic.businessTermLongTerm) basic.businessTermLongTerm = longTerm;
  const termEnd = longTerm ? null : v.basic.businessTermEnd ? v.basic.businessTermEnd.format('YYYY-MM-DD') : null;
  if (differs(termEnd, c.basic.businessTermEnd)) basic.businessTermEnd = termEnd;

  const d = v.details;
  if (differs(d.postcode, c.details.postcode)) details.postcode = norm(d.postcode) as string | null;
  if (differs(d.province, c.details.province)) details.province = d.province ?? '';
  if (differs(d.city, c.details.city)) details.city = d.city ?? '';
  if (d.staffSize && differs(d.staffSize, c.details.staffSize)) details.staffSize = d.staffSize as NonNullable<ChangeBody['details']>['staffSize'];
  if (differs(d.annualRevenue, c.details.annualRevenue)) details.annualRevenue = norm(d.annualRevenue) as string | null;
  const logoId = d.logo?.[0]?.id ?? null;
  if (differs(logoId, c.details.logoFileId)) details.logoFileId = logoId;
  if (differs(d.website, c.details.website)) details.website = norm(d.website) as string | null;
  if (differs(d.companyEmail, c.details.companyEmail)) details.companyEmail = norm(d.companyEmail) as string | null;
  if (differs(d.intro, c.details.intro)) details.intro = (d.intro ?? '').trim();

  const contacts = (v.contacts ?? []).map((x) => ({ name: (x.name ?? '').trim(), mobile: (x.mobile ?? '').trim(), email: (x.email ?? '').trim() }));
  const body: ChangeBody = {};
  if (Object.keys(basic).length) body.basic = basic;
  if (Object.keys(details).length) body.details = details;
  if (JSON.stringify(contacts) !== JSON.stringify(c.contacts)) body.contacts = contacts;
  return body;
}

/** 修改: the main account edits 基本信息 (with a new licence when its particulars change), 详细信息 and 联系人信息. */
export function CompanyInfoEditor({ info: c, onClose }: { info: CompanyInfo; onClose: () => void }) {
  useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<ChangeOutcome | null>(null);
  const province = Form.useWatch(['details', 'province'], form);
  const longTerm = Form.useWatch(['basic', 'businessTermLongTerm'], form);
  const req = (label: Bi, choose = false) => ({ required: true, whitespace: true, message: tx(choose ? T.choose : T.required, { field: tx(label) }) });

  const initial: Values = {
    basic: {
      licence: c.basic.licenceFile ? [{ id: c.basic.licenceFile.id, name: c.basic.licenceFile.name, size: 0, mime: '' }] : [],
      companyName: c.basic.companyName,
      taxCode: c.basic.taxCode ?? undefined,
      registeredCapital: c.basic.registeredCapital ?? undefined,
      foundedDate: c.basic.foundedDate ? dayjs(c.basic.foundedDate) : null,
      businessTermEnd: c.basic.businessTermEnd ? dayjs(c.basic.businessTermEnd) : null,
      businessTermLongTerm: c.basic.businessTermLongTerm,
      licenceAddress: c.basic.licenceAddress ?? undefined,
      legalPerson: c.basic.legalPerson ?? undefined,
      businessScope: c.basic.businessScope ?? undefined,
    },
    details: {
      postcode: c.details.postcode ?? undefined,
      province: c.details.province ?? undefined,
      city: c.details.city ?? undefined,
      staffSize: c.details.staffSize ?? undefined,
      annualRevenue: c.details.annualRevenue ?? undefined,
      logo: c.details.logoFileId ? [{ id: c.details.logoFileId, name: tx(T.logo), size: 0, mime: '' }] : [],
      website: c.details.website ?? undefined,
      companyEmail: c.details.companyEmail ?? undefined,
      intro: c.details.intro ?? undefined,
    },
    contacts: c.contacts.length ? c.contacts : [{ name: '', mobile: '', email: '' }],
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const result = await api.POST('/api/company/info/changes', { body: toBody(v, c) });
      setOutcome(result);
      await qc.invalidateQueries({ queryKey: KEYS.info });
      await qc.invalidateQueries({ queryKey: KEYS.changes });
      await qc.invalidateQueries({ queryKey: KEYS.business });
    } catch (err) {
      fail(err, form, { 'basic.licenceFileId': ['basic', 'licence'], 'details.logoFileId': ['details', 'logo'] });
    } finally {
      setSaving(false);
    }
  };

  if (outcome) return <ChangeResult outcome={outcome} onClose={onClose} />;

  const half = { xs: 24, md: 12 };
  return (
    <Card title={tx(T.modifyTitle)} data-testid="company-editor">
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError data-testid="company-form">
        <Typography.Title level={5}>{tx(T.modifyBasic)}</Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              <li>{tx(T.licenceNote)}</li>
              <li>{tx(T.renameNote)}</li>
              <li>{tx(T.usccLocked)}</li>
            </ul>
          }
        />
        <Row gutter={24}>
          <Col span={24}>
            <Form.Item name={['basic', 'licence']} label={tx(T.licence)} extra={tx(T.licenceHint)}>
              <FileUpload purpose="business-licence" extensions={['jpg', 'bmp', 'png', 'pdf']} maxSizeMb={20} testId="company-licence-upload" messages={{ badType: tx(T.licenceHint), tooLarge: tx(T.licenceHint) }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'companyName']} label={tx(T.companyName)} rules={[req(T.companyName), { max: HCPN_LIMITS.text }]}>
              <Input data-testid="company-companyName" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={tx(T.uscc)} extra={tx(T.usccLocked)}>
              <Input value={c.uscc} disabled data-testid="company-uscc-locked" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'taxCode']} label={tx(T.taxCode)} rules={[{ max: HCPN_LIMITS.text }]}>
              <Input data-testid="company-taxCode" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'registeredCapital']} label={tx(T.registeredCapital)} rules={[{ pattern: AMOUNT_RE, message: tx(T.amountFormat) }]}>
              <Input inputMode="decimal" data-testid="company-registeredCapital" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'foundedDate']} label={tx(T.foundedDate)}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="company-foundedDate" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={tx(T.businessTerm)}>
              <Space>
                <Form.Item name={['basic', 'businessTermEnd']} noStyle>
                  <DatePicker disabled={!!longTerm} data-testid="company-businessTermEnd" />
                </Form.Item>
                <Form.Item name={['basic', 'businessTermLongTerm']} valuePropName="checked" noStyle>
                  <Checkbox onChange={(e) => e.target.checked && form.setFieldValue(['basic', 'businessTermEnd'], null)} data-testid="company-longTerm">
                    {tx(T.longTerm)}
                  </Checkbox>
                </Form.Item>
              </Space>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'licenceAddress']} label={tx(T.licenceAddress)} rules={[{ max: HCPN_LIMITS.text }]}>
              <Input data-testid="company-licenceAddress" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['basic', 'legalPerson']} label={tx(T.legalPerson)} rules={[{ max: HCPN_LIMITS.text }]}>
              <Input data-testid="company-legalPerson" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name={['basic', 'businessScope']} label={tx(T.businessScope)} rules={[{ max: HCPN_LIMITS.businessScope }]}>
              <Input.TextArea rows={3} maxLength={HCPN_LIMITS.businessScope} showCount={guideCount} data-testid="company-businessScope" />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>{tx(T.details)}</Typography.Title>
        <Row gutter={24}>
          <Col {...half}>
            <Form.Item name={['details', 'postcode']} label={tx(T.postcode)} rules={[{ pattern: /^\d{6}$/, message: tx(T.postcodeFormat) }]}>
              <Input maxLength={6} placeholder="210000" data-testid="company-postcode" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'province']} label={tx(T.province)}>
              <Select
                showSearch
                allowClear
                data-testid="company-province"
                options={Object.keys(REGIONS).map((p) => ({ value: p, label: p }))}
                onChange={() => form.setFieldValue(['details', 'city'], undefined)}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'city']} label={tx(T.city)} rules={[{ max: HCPN_LIMITS.text }]}>
              <AutoComplete data-testid="company-city" options={(REGIONS[province ?? ''] ?? []).map((x) => ({ value: x }))} filterOption />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'staffSize']} label={tx(T.staffSize)}>
              <Select data-testid="company-staffSize" options={STAFF_SIZES.map((s) => ({ value: s, label: tx({ zh: `${s}人`, en: `${s} people` }) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'annualRevenue']} label={tx(T.annualRevenue)} rules={[{ pattern: AMOUNT_RE, message: tx(T.amountFormat) }]}>
              <Input inputMode="decimal" data-testid="company-annualRevenue" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'logo']} label={tx(T.logo)} extra={tx(T.logoHint)}>
              <FileUpload purpose="attachment" extensions={IMAGE_TYPES} maxSizeMb={20} testId="company-logo" messages={{ badType: tx(T.logoHint) }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'website']} label={tx(T.website)} rules={[{ max: HCPN_LIMITS.text }]}>
              <Input placeholder="www.huaweicloud.com" data-testid="company-website" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['details', 'companyEmail']} label={tx(T.companyEmail)} rules={[{ pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 128 }]}>
              <Input data-testid="company-companyEmail" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name={['details', 'intro']} label={tx(T.intro)} rules={[{ max: HCPN_LIMITS.intro }]}>
              <Input.TextArea rows={3} maxLength={HCPN_LIMITS.intro} showCount={guideCount} data-testid="company-intro" />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>{tx(T.contacts)}</Typography.Title>
        <Form.List name="contacts">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Row gutter={16} key={f.key} align="top">
                  <Col xs={24} md={7}>
                    <Form.Item name={[f.name, 'name']} label={tx(T.contactName)} rules={[req(T.contactName), { max: 50 }]}>
                      <Input data-testid={`company-contact-name-${f.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item name={[f.name, 'mobile']} label={tx(T.contactMobile)} rules={[req(T.contactMobile), { pattern: MOBILE_RE, message: tx(T.invalidMobile) }]}>
                      <Input data-testid={`company-contact-mobile-${f.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'email']} label={tx(T.contactEmail)} rules={[req(T.contactEmail), { pattern: EMAIL_RE, message: tx(T.invalidEmail) }]}>
                      <Input data-testid={`company-contact-email-${f.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={2} style={{ paddingTop: 30 }}>
                    <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={tx({ zh: '删除联系人', en: 'Remove contact' })} />
                  </Col>
                </Row>
              ))}
              <Form.Item extra={fields.length >= HCPN_LIMITS.contacts ? tx(T.contactsMax) : undefined}>
                <Button icon={<PlusOutlined />} disabled={fields.length >= HCPN_LIMITS.contacts} onClick={() => add({ name: '', mobile: '', email: '' })} data-testid="company-add-contact">
                  {tx(T.addContact)}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Space>
          <Button onClick={onClose} data-testid="company-cancel">
            {tx(T.cancelDraft)}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="company-submit">
            {tx(T.submitChange)}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The outcome of 修改: applied at once, or 人工审核 with the reasons; after a rename, the re-certification prompt. */
function ChangeResult({ outcome, onClose }: { outcome: ChangeOutcome; onClose: () => void }) {
  const navigate = useNavigate();
  const manual = outcome.outcome === 'manual-review';
  return (
    <Card data-testid="company-change-result" data-outcome={outcome.outcome}>
      <Result
        status={manual ? 'info' : 'success'}
        title={tx(manual ? T.outcomeManual : T.outcomeApplied)}
        subTitle={outcome.message}
        extra={[
          outcome.recertificationRequired && (
            <Button type="primary" key="recert" onClick={() => navigate(`${INFO_BASE}/business`)} data-testid="company-go-recertify">
              {tx(T.goRecertify)}
            </Button>
          ),
          <Button key="back" onClick={onClose} data-testid="company-result-back">
            {tx({ zh: '返回', en: 'Back' })}
          </Button>,
        ]}
      >
        {outcome.recertificationRequired && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(T.recertifyPrompt)} data-testid="company-recert-prompt" />}
        {manual && outcome.change.autoCheckFailures.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{tx(T.manualWhy)}</Typography.Text>}
            dataSource={outcome.change.autoCheckFailures}
            renderItem={(f) => <List.Item>{f.text}</List.Item>}
            style={{ marginBottom: 16 }}
          />
        )}
        <Typography.Text strong>{tx(T.compare)}</Typography.Text>
        <ChangeComparison record={outcome.change} />
      </Result>
    </Card>
  );
}
