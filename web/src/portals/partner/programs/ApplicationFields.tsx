import { AutoComplete, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Tooltip, Typography } from 'antd';
import type { FormInstance, Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { REGIONS } from '../hcpn/text';
import { guideCount, useTx, type Bi } from '../paths/ui';
import type { AppProgram, Contact, FormOptions, Level } from './api';
import { ContactsTable } from './ContactsTable';
import { EMAIL_RE, LANDLINE_RE, LIMITS, LOGO_FORBIDDEN, MOBILE_RE, T, TAX_RE } from './text';

/**
 * The plan application forms (spec 01 §2.12): 填写商业信息 per plan (the table's * fields and labels),
 * 填写计划申请信息 per plan and the solution provider's 尽职调查. Field names are the request's body
 * paths, so the server's field errors land on them.
 */

// ---------------------------------------------------------------------------------------------
// Form values (uploads hold the uploaded files, dates are dayjs; `toBody` turns them into the request)

export interface CspProof {
  category: string;
  file: UploadedFile;
}

export interface WizardValues {
  level?: Level;
  businessInfo: {
    companyName?: string;
    taxCode?: string;
    licenceFileId?: UploadedFile[];
    registeredCapital?: string;
    foundedDate?: Dayjs | null;
    shareholderProofFileId?: UploadedFile[];
    businessTermEnd?: Dayjs | null;
    businessTermLongTerm?: boolean;
    legalPerson?: string;
    country?: string;
    province?: string;
    city?: string;
    district?: string | null;
    address?: string;
    postcode?: string | null;
    repOffice?: string | null;
    businessRegion?: string | null;
    companyEmail?: string | null;
    landline?: string | null;
    engagingHuaweiContact?: boolean;
    huaweiContact?: { name?: string; mobile?: string | null; email?: string | null } | null;
    staffSize?: string;
    annualRevenue?: string;
    logoFileId?: UploadedFile[];
    website?: string | null;
    intro?: string | null;
    intendedDistributor?: { companyName?: string; accountName?: string } | null;
    hasDistributorRelation?: boolean | null;
  };
  contacts: Contact[];
  agreements: string[];
  answers: {
    roleCertified?: boolean;
    performanceBand?: string;
    performanceProof?: UploadedFile[];
    userBand?: string;
    certifiedCount?: number;
    certifiedProof?: UploadedFile[];
    professionalCount?: number;
    professionalProof?: UploadedFile[];
    expansionStaff?: string;
    expansionProof?: UploadedFile[];
    technicalStaff?: string;
    technicalProof?: UploadedFile[];
    salesBand?: string;
    salesProof?: UploadedFile[];
    customerBand?: string;
    teamBand?: string;
    partnerTypes?: string[];
    proofs?: CspProof[];
  };
  dueDiligence: {
    answers?: Record<string, { answer?: 'yes' | 'no'; details?: string | null }>;
    sensitiveRelation?: 'declared' | 'none';
    sensitiveRelationDetails?: string | null;
    truthful?: boolean;
  };
}

/** The * fields of each plan's 填写商业信息 (spec 01 §2.12 table; the server's forms.ts REQUIRED). */
const REQUIRED: Record<AppProgram, readonly string[]> = {
  solution_provider: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'repOffice', 'companyEmail', 'landline', 'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
  distributor: [
    'companyName', 'taxCode', 'registeredCapital', 'businessTerm', 'legalPerson', 'province', 'city', 'address', 'repOffice', 'businessRegion',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId',
  ],
  reseller: [
    'companyName', 'taxCode', 'registeredCapital', 'businessTerm', 'legalPerson', 'province', 'city', 'address', 'businessRegion',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro', 'hasDistributorRelation',
  ],
  marketplace_csp: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
  marketplace_merchant: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
};

const WITH_LICENCE: readonly AppProgram[] = ['solution_provider', 'marketplace_csp', 'marketplace_merchant'];
const WITH_REP_OFFICE: readonly AppProgram[] = ['solution_provider', 'distributor'];
const WITH_REGION: readonly AppProgram[] = ['distributor', 'reseller'];
const WITH_WEBSITE: readonly AppProgram[] = ['solution_provider', 'reseller', 'marketplace_csp', 'marketplace_merchant'];

const IMG_PDF = ['jpg', 'jpeg', 'bmp', 'png', 'pdf'];
const LOGO_TYPES = ['jpeg', 'jpg', 'png', 'gif'];
const PROOF_TYPES = ['jpg', 'jpeg', 'bmp', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'zip', 'rar'];
export const PROOF_PURPOSE = 'program-proof';

/** A company founded less than a year ago uploads 出资人构成证明 (R38). */
export const foundedWithinYear = (d: Dayjs | null | undefined) => !!d && d.isAfter(dayjs().subtract(1, 'year'));

// ---------------------------------------------------------------------------------------------
// 1 填写商业信息

export function BusinessInfoSection({ program, options, form }: { program: AppProgram; options: FormOptions; form: FormInstance }) {
  const tx = useTx();
  const need = new Set(REQUIRED[program]);
  const sp = program === 'solution_provider';
  const decimals = sp ? 6 : 2;
  const province = Form.useWatch(['businessInfo', 'province'], form);
  const longTerm = Form.useWatch(['businessInfo', 'businessTermLongTerm'], form);
  const engaging = Form.useWatch(['businessInfo', 'engagingHuaweiContact'], form);
  const founded = Form.useWatch(['businessInfo', 'foundedDate'], form);
  const n = (k: string) => ['businessInfo', k];
  const req = (key: string, label: Bi, kind: 'fill' | 'choose' | 'upload' = 'fill'): Rule[] =>
    need.has(key)
      ? [
          kind === 'upload'
            ? { required: true, type: 'array', min: 1, message: tx(T.uploadRequired, { field: tx(label) }) }
            : // only text gets `whitespace`: any key beyond required/message makes the check typed as a string (dates are objects)
              { required: true, ...(kind === 'fill' ? { whitespace: true } : {}), message: tx(kind === 'choose' ? T.choose : T.required, { field: tx(label) }) },
        ]
      : [];
  const amount: Rule = { pattern: decimals === 6 ? /^\d{1,12}(\.\d{1,6})?$/ : /^\d{1,12}(\.\d{1,2})?$/, message: tx(T.amountFormat, { decimals }) };
  const half = { xs: 24, md: 12 };
  const tid = (k: string) => `program-${k}`;
  const logoName: Rule = {
    validator: async (_, files?: UploadedFile[]) => {
      if (files?.some((f) => [...LOGO_FORBIDDEN].some((c) => f.name.includes(c)))) throw new Error(tx(T.logoBadName));
    },
  };

  return (
    <div data-testid="program-business-section">
      <Typography.Title level={5}>{tx(T.basic)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name={n('companyName')} label={tx(T.companyName)} rules={[...req('companyName', T.companyName), { max: LIMITS.text }]}>
            <Input data-testid={tid('companyName')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('taxCode')} label={tx(sp ? T.taxCodeSp : T.taxCode)} rules={[...req('taxCode', sp ? T.taxCodeSp : T.taxCode), { pattern: TAX_RE, message: tx(T.taxFormat) }]}>
            <Input maxLength={30} data-testid={tid('taxCode')} />
          </Form.Item>
        </Col>
        {WITH_LICENCE.includes(program) && (
          <Col {...half}>
            <Form.Item name={n('licenceFileId')} label={tx(T.licence)} extra={tx(T.licenceHint)} rules={req('licenceFileId', T.licence, 'upload')}>
              <FileUpload purpose="business-licence" extensions={IMG_PDF} maxSizeMb={20} testId={tid('licence')} messages={{ badType: tx(T.licenceHint), tooLarge: tx(T.licenceHint) }} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name={n('registeredCapital')} label={tx(sp ? T.registeredCapitalM : T.registeredCapitalY)} rules={[...req('registeredCapital', sp ? T.registeredCapitalM : T.registeredCapitalY), amount]}>
            <Input inputMode="decimal" data-testid={tid('registeredCapital')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('foundedDate')} label={tx(T.foundedDate)} rules={req('foundedDate', T.foundedDate, 'choose')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={tid('foundedDate')} />
          </Form.Item>
        </Col>
        {program === 'marketplace_csp' && (
          <Col {...half}>
            <Form.Item
              name={n('shareholderProofFileId')}
              label={tx(T.shareholderProof)}
              extra={`${tx(T.licenceHint)} ${tx(T.shareholderProofNote)}`}
              required={foundedWithinYear(founded)}
              rules={[
                {
                  validator: async (_, files?: UploadedFile[]) => {
                    if (foundedWithinYear(form.getFieldValue(n('foundedDate'))) && !files?.length) throw new Error(tx(T.shareholderProofNote));
                  },
                },
              ]}
            >
              <FileUpload purpose="program-shareholder-proof" extensions={IMG_PDF} maxSizeMb={20} testId={tid('shareholderProof')} messages={{ badType: tx(T.licenceHint), tooLarge: tx(T.licenceHint) }} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item
            label={tx(T.businessTerm)}
            required
            name={n('businessTermEnd')}
            rules={[{ validator: async (_, v?: Dayjs | null) => { if (!v && !form.getFieldValue(n('businessTermLongTerm'))) throw new Error(tx(T.choose, { field: tx(T.businessTerm) })); } }]}
          >
            <BusinessTerm disabled={!!longTerm} onLongTerm={(on) => { form.setFieldValue(n('businessTermLongTerm'), on); if (on) form.setFieldValue(n('businessTermEnd'), null); void form.validateFields([n('businessTermEnd')]); }} longTerm={!!longTerm} tx={tx} />
          </Form.Item>
          <Form.Item name={n('businessTermLongTerm')} hidden valuePropName="checked">
            <Checkbox />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('legalPerson')} label={tx(T.legalPerson)} rules={[...req('legalPerson', T.legalPerson), { max: LIMITS.name }]}>
            <Input data-testid={tid('legalPerson')} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{tx(T.registeredAddress)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name={n('country')} label={tx(T.country)}>
            <Input disabled data-testid={tid('country')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('province')} label={tx(T.province)} rules={req('province', T.province, 'choose')}>
            <Select showSearch data-testid={tid('province')} options={Object.keys(REGIONS).map((p) => ({ value: p, label: p }))} onChange={() => form.setFieldValue(n('city'), undefined)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('city')} label={tx(T.city)} rules={[...req('city', T.city), { max: LIMITS.name }]}>
            <AutoComplete data-testid={tid('city')} options={(REGIONS[province ?? ''] ?? []).map((c) => ({ value: c }))} filterOption />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('district')} label={tx(T.district)} rules={[{ max: LIMITS.name }]}>
            <Input data-testid={tid('district')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('address')} label={tx(sp ? T.licenceAddress : T.address)} rules={[...req('address', sp ? T.licenceAddress : T.address), { max: LIMITS.text }]}>
            <Input data-testid={tid('address')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('postcode')} label={tx(T.postcode)} rules={[{ pattern: /^\d{6}$/, message: tx(T.postcodeFormat) }]}>
            <Input maxLength={6} placeholder="210000" data-testid={tid('postcode')} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{tx(T.details)}</Typography.Title>
      <Row gutter={24}>
        {WITH_REP_OFFICE.includes(program) && (
          <Col {...half}>
            <Form.Item name={n('repOffice')} label={tx(T.repOffice)} extra={tx(T.repOfficeHint)} rules={req('repOffice', T.repOffice, 'choose')}>
              <Select showSearch data-testid={tid('repOffice')} options={options.repOffices.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
        )}
        {WITH_REGION.includes(program) && (
          <Col {...half}>
            <Form.Item
              name={n('businessRegion')}
              label={tx(T.businessRegion)}
              extra={tx(program === 'distributor' ? T.businessRegionDistributorHint : T.businessRegionResellerHint)}
              rules={req('businessRegion', T.businessRegion, 'choose')}
            >
              <Select showSearch data-testid={tid('businessRegion')} options={options.businessRegions.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item
            name={n('companyEmail')}
            label={tx(program === 'reseller' ? T.email : T.companyEmail)}
            rules={[...req('companyEmail', T.companyEmail), { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 100 }]}
          >
            <Input placeholder="name@example.com" data-testid={tid('companyEmail')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('landline')} label={tx(T.landline)} rules={[...req('landline', T.landline), { pattern: LANDLINE_RE, message: tx(T.invalidLandline) }]}>
            <Input placeholder="025-12345678" data-testid={tid('landline')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('engagingHuaweiContact')} label={tx(T.engaging)} extra={tx(T.engagingHint)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.engaging) }) }]}>
            <Radio.Group data-testid={tid('engaging')}>
              <Radio value={true} data-testid={tid('engaging-yes')}>
                {tx(T.yes)}
              </Radio>
              <Radio value={false} data-testid={tid('engaging-no')}>
                {tx(T.no)}
              </Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        {engaging === true && (
          <Col span={24}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['businessInfo', 'huaweiContact', 'name']} label={tx(T.huaweiContactName)} rules={[{ required: true, whitespace: true, message: tx(T.engagingHint) }, { max: LIMITS.name }]}>
                  <Input data-testid={tid('huaweiContact-name')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['businessInfo', 'huaweiContact', 'mobile']} label={tx(T.huaweiContactMobile)} rules={[{ pattern: MOBILE_RE, message: tx(T.invalidMobile) }]}>
                  <Input data-testid={tid('huaweiContact-mobile')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['businessInfo', 'huaweiContact', 'email']} label={tx(T.huaweiContactEmail)} rules={[{ pattern: EMAIL_RE, message: tx(T.invalidEmail) }]}>
                  <Input data-testid={tid('huaweiContact-email')} />
                </Form.Item>
              </Col>
            </Row>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name={n('staffSize')} label={tx(WITH_REGION.includes(program) ? T.employeeSize : T.staffSize)} rules={req('staffSize', T.staffSize, 'choose')}>
            <Select data-testid={tid('staffSize')} options={options.staffSizes.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('annualRevenue')} label={tx(sp ? T.annualRevenueM : T.annualRevenueY)} rules={[...req('annualRevenue', sp ? T.annualRevenueM : T.annualRevenueY), amount]}>
            <Input inputMode="decimal" data-testid={tid('annualRevenue')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={n('logoFileId')} label={tx(T.logo)} extra={tx(T.logoHint)} rules={[...req('logoFileId', T.logo, 'upload'), logoName]}>
            <FileUpload purpose="program-logo" extensions={LOGO_TYPES} maxSizeMb={20} testId={tid('logo')} messages={{ badType: tx(T.logoHint), tooLarge: tx(T.logoHint) }} />
          </Form.Item>
        </Col>
        {WITH_WEBSITE.includes(program) && (
          <Col {...half}>
            <Form.Item name={n('website')} label={tx(T.website)} rules={[{ max: LIMITS.text }]}>
              <Input placeholder="www.example.com" data-testid={tid('website')} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name={n('intro')} label={tx(T.companyIntro)} rules={[...req('intro', T.companyIntro), { max: LIMITS.intro }]}>
            <Input.TextArea rows={3} maxLength={LIMITS.intro} showCount={guideCount} data-testid={tid('intro')} />
          </Form.Item>
        </Col>
      </Row>
      {program === 'reseller' && <ResellerDistributor tx={tx} />}
    </div>
  );
}

/** 营业期限: a date, or 长期. */
function BusinessTerm({ value, onChange, disabled, longTerm, onLongTerm, tx }: { value?: Dayjs | null; onChange?: (v: Dayjs | null) => void; disabled: boolean; longTerm: boolean; onLongTerm: (on: boolean) => void; tx: ReturnType<typeof useTx> }) {
  return (
    <Space>
      <DatePicker value={value ?? null} onChange={(d) => onChange?.(d)} disabled={disabled} data-testid="program-businessTermEnd" />
      <Checkbox checked={longTerm} onChange={(e) => onLongTerm(e.target.checked)} data-testid="program-longTerm">
        {tx(T.longTerm)}
      </Checkbox>
    </Space>
  );
}

/** 有意向合作的总经销商 and 您是否与总经销商有合作关系 (reseller, L2281–2300). */
function ResellerDistributor({ tx }: { tx: ReturnType<typeof useTx> }) {
  const half = { xs: 24, md: 12 };
  return (
    <>
      <Divider />
      <Typography.Title level={5}>{tx(T.intendedDistributor)}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {tx(T.distributorNote)}
        <br />
        {tx(T.distributorHotline)}
      </Typography.Paragraph>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name={['businessInfo', 'intendedDistributor', 'companyName']} label={tx(T.distributorCompany)} rules={[{ max: LIMITS.text }]}>
            <Input data-testid="program-distributorCompany" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['businessInfo', 'intendedDistributor', 'accountName']} label={tx(T.distributorAccount)} rules={[{ max: 64 }]}>
            <Input data-testid="program-distributorAccount" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['businessInfo', 'hasDistributorRelation']} label={tx(T.hasDistributorRelation)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.hasDistributorRelation) }) }]}>
            <Radio.Group data-testid="program-hasDistributorRelation">
              <Radio value={true}>{tx(T.yes)}</Radio>
              <Radio value={false}>{tx(T.no)}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 联系人信息 and the plan's agreements (the end of step 1). */
export function ContactsAndAgreements({ agreements }: { agreements: { key: string; version: string; name: Bi }[] }) {
  const tx = useTx();
  return (
    <>
      <Divider />
      <Typography.Title level={5}>{tx(T.contactsTitle)}</Typography.Title>
      <Form.Item
        name="contacts"
        rules={[{ validator: async (_, v?: Contact[]) => { if (!v?.length) throw new Error(tx(T.contactsRequired)); } }]}
      >
        <ContactsTable />
      </Form.Item>
      <Form.Item
        name="agreements"
        rules={[{ validator: async (_, keys: string[] = []) => { if (agreements.some((a) => !keys.includes(a.key))) throw new Error(tx(T.agreementsRequired)); } }]}
      >
        <Checkbox.Group data-testid="program-agreements">
          <Space wrap>
            <Typography.Text>{tx(T.agreeTo)}</Typography.Text>
            {agreements.map((a) => (
              <Checkbox key={a.key} value={a.key} data-testid={`program-agreement-${a.key}`}>
                {tx(a.name)}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// 2 填写计划申请信息

function Proof({ name, label }: { name: string; label: Bi }) {
  const tx = useTx();
  return (
    <Form.Item name={['answers', name]} label={tx(label)} extra={tx(T.uploadNoteText)}>
      <FileUpload purpose={PROOF_PURPOSE} extensions={PROOF_TYPES} maxSizeMb={20} maxCount={5} testId={`program-${name}`} messages={{ badType: tx(T.uploadNoteText), tooLarge: tx(T.uploadNoteText) }} />
    </Form.Item>
  );
}

export function AnswersSection({ program, options, onShowRequirements }: { program: AppProgram; options: FormOptions; onShowRequirements: () => void }) {
  const tx = useTx();
  const choices = (k: string) => (options.choices[k] ?? []).map((o) => ({ value: o.key, label: tx(o.name) }));
  const pick = (name: string, label: Bi, testId: string) => (
    <Form.Item name={['answers', name]} label={tx(label)} rules={[{ required: true, message: tx(T.choose, { field: tx(label) }) }]}>
      <Select data-testid={testId} options={choices(name)} style={{ maxWidth: 420 }} />
    </Form.Item>
  );
  const count = (name: string, label: Bi, min: number) => (
    <Form.Item name={['answers', name]} label={tx(label)} rules={[{ required: true, message: tx(T.required, { field: tx(label) }) }, { type: 'number', min, message: tx({ zh: `至少${min}人`, en: `At least ${min}` }) }]}>
      <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid={`program-${name}`} />
    </Form.Item>
  );
  return (
    <div data-testid="program-answers-section">
      <Typography.Title level={5}>{tx(T.applicationInfo)}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {tx(T.applicationIntro)}{' '}
        <Typography.Link onClick={onShowRequirements} data-testid="program-view-requirements">
          {tx(T.viewRequirements)}
        </Typography.Link>{' '}
        <Tooltip title={tx(T.uploadNoteText)}>
          <Typography.Link>{tx(T.uploadNote)}</Typography.Link>
        </Tooltip>
      </Typography.Paragraph>
      {program === 'solution_provider' && (
        <>
          <Form.Item name={['answers', 'roleCertified']} label={tx(T.qRoleCertified)} rules={[{ required: true, message: tx(T.choose, { field: '' }) }]}>
            <Radio.Group data-testid="program-roleCertified">
              <Radio value={true}>{tx(T.yes)}</Radio>
              <Radio value={false}>{tx(T.no)}</Radio>
            </Radio.Group>
          </Form.Item>
          {pick('performanceBand', T.qPerformance, 'program-performanceBand')}
          <Proof name="performanceProof" label={T.proofReceipt} />
          {pick('userBand', T.qUsers, 'program-userBand')}
          {count('certifiedCount', T.qCertified, 4)}
          <Proof name="certifiedProof" label={T.proofCertificate} />
          {count('professionalCount', T.qProfessional, 2)}
          <Proof name="professionalProof" label={T.proofCertificate} />
        </>
      )}
      {program === 'distributor' && (
        <>
          {pick('expansionStaff', T.qExpansion, 'program-expansionStaff')}
          <Proof name="expansionProof" label={T.proofMaterials} />
          {pick('technicalStaff', T.qTechnical, 'program-technicalStaff')}
          <Proof name="technicalProof" label={T.proofMaterials} />
        </>
      )}
      {program === 'reseller' && (
        <>
          {pick('salesBand', T.qSales, 'program-salesBand')}
          <Proof name="salesProof" label={T.proofReceipt} />
          {pick('customerBand', T.qCustomers, 'program-customerBand')}
          {pick('teamBand', T.qTeam, 'program-teamBand')}
          <Form.Item name={['answers', 'partnerTypes']} label={tx(T.qPartnerTypes)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.choose, { field: tx(T.qPartnerTypes) }) }]}>
            <Checkbox.Group data-testid="program-partnerTypes" style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={choices('partnerTypes')} />
          </Form.Item>
        </>
      )}
      {program === 'marketplace_csp' && (
        <Form.Item name={['answers', 'proofs']} label={tx(T.cspProofs)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.cspProofsRequired) }]}>
          <CspProofs categories={options.choices.proofCategories ?? []} />
        </Form.Item>
      )}
    </div>
  );
}

/** 商品服务能力认证证明材料 per the template's categories (商品信息, 原厂授权, 销售记录, 客户合同). */
function CspProofs({ value = [], onChange, categories }: { value?: CspProof[]; onChange?: (v: CspProof[]) => void; categories: { key: string; name: Bi }[] }) {
  const tx = useTx();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="program-proofs">
      {categories.map((c) => (
        <Row key={c.key} gutter={16} align="top">
          <Col flex="120px">
            <Typography.Text>{tx(c.name)}</Typography.Text>
          </Col>
          <Col flex="auto">
            <FileUpload
              purpose={PROOF_PURPOSE}
              extensions={PROOF_TYPES}
              maxSizeMb={20}
              maxCount={5}
              testId={`program-proof-${c.key}`}
              value={value.filter((p) => p.category === c.key).map((p) => p.file)}
              onChange={(files) => onChange?.([...value.filter((p) => p.category !== c.key), ...files.map((file) => ({ category: c.key, file }))])}
            />
          </Col>
        </Row>
      ))}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 3 尽职调查 (solution provider)

export function DueDiligenceSection({ options, form }: { options: FormOptions; form: FormInstance }) {
  const tx = useTx();
  const answers = Form.useWatch(['dueDiligence', 'answers'], form) as WizardValues['dueDiligence']['answers'];
  const relation = Form.useWatch(['dueDiligence', 'sensitiveRelation'], form);
  return (
    <div data-testid="program-dd-section">
      <Typography.Title level={5}>{tx(T.dueDiligenceTitle)}</Typography.Title>
      <Typography.Paragraph type="secondary">{tx(T.dueDiligenceIntro)}</Typography.Paragraph>
      {options.dueDiligence.map((q, i) => (
        <div key={q.key}>
          <Form.Item name={['dueDiligence', 'answers', q.key, 'answer']} label={`${i + 1}. ${tx(q.text)}`} rules={[{ required: true, message: tx(T.choose, { field: '' }) }]}>
            <Radio.Group data-testid={`program-dd-${q.key}`}>
              <Radio value="yes">{tx(T.yes)}</Radio>
              <Radio value="no">{tx(T.no)}</Radio>
            </Radio.Group>
          </Form.Item>
          {answers?.[q.key]?.answer === q.detailsWhen && (
            <Form.Item name={['dueDiligence', 'answers', q.key, 'details']} label={tx(T.ddDetails)} rules={[{ required: true, whitespace: true, message: tx(T.ddDetails) }, { max: LIMITS.details }]}>
              <Input.TextArea rows={2} maxLength={LIMITS.details} showCount={guideCount} data-testid={`program-dd-${q.key}-details`} />
            </Form.Item>
          )}
        </div>
      ))}
      <Divider />
      <Typography.Paragraph type="secondary">{tx(T.sensitiveRule)}</Typography.Paragraph>
      <Form.Item name={['dueDiligence', 'sensitiveRelation']} label={tx(T.sensitiveQuestion)} rules={[{ required: true, message: tx(T.sensitiveQuestion) }]}>
        <Radio.Group data-testid="program-dd-sensitive">
          <Radio value="declared">{tx(T.declared)}</Radio>
          <Radio value="none">{tx(T.none)}</Radio>
        </Radio.Group>
      </Form.Item>
      {relation === 'declared' && (
        <Form.Item
          name={['dueDiligence', 'sensitiveRelationDetails']}
          label={tx(T.sensitiveDetails)}
          extra={tx(T.sensitiveDetailsHint)}
          rules={[{ required: true, whitespace: true, message: tx(T.sensitiveDetailsRequired) }, { max: LIMITS.details }]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.details} showCount={guideCount} data-testid="program-dd-sensitive-details" />
        </Form.Item>
      )}
      <Form.Item
        name={['dueDiligence', 'truthful']}
        valuePropName="checked"
        rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error(tx(T.truthfulRequired)); } }]}
      >
        <Checkbox data-testid="program-dd-truthful">{tx(T.truthful)}</Checkbox>
      </Form.Item>
    </div>
  );
}
