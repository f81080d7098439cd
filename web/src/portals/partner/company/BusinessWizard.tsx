import { ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Checkbox, Col, Collapse, Descriptions, Divider, Form, Input, Modal, Popover, Radio, Result, Row, Select, Space, Steps, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, type ApiBody, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { EMAIL_RE, MOBILE_RE, REGIONS } from '../hcpn/text';
import { DownloadLink, ReviewHistory, useFormFeedback } from '../paths/ui';
import { bankLetterTemplateUrl, KEYS, TICKETS_PATH, useCompanyInfo, type Application } from './api';
import {
  AMOUNT_RE,
  COUNTRIES,
  CURRENCIES,
  ENTERPRISE_CODE_TYPES,
  IS_CHINA,
  LETTER_PURPOSE,
  LETTER_TYPES,
  LIMITS,
  T,
  TAXPAYER_TYPES,
  tx,
  USCC_TYPE,
  type Bi,
} from './text';

/**
 * 商业信息认证 wizard (spec 02 §2.5, §3.3, ops 8–9; guide L2974–3179): ① 填写公司信息 ② 填写银行信息
 * ③ 关联供应商调查 ④ 提交确认 ⑤ 提交认证. A 重新认证 edits the company step and either submits at once
 * ("已完成，提交修改") or goes on to the bank ("继续修改银行信息"). Step ⑤ shows where the application
 * stands: the transfer amount with the attempts left, 已锁定, 自动认证中, 人工审核中, or the bank letter.
 */

type Survey = NonNullable<Application['survey']>;
const sameName = (a?: string | null, b?: string | null) => {
  const n = (s: string) => s.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  return !!a && !!b && n(a) === n(b);
};
const req = (label: Bi, choose = false) => ({ required: true, whitespace: true, message: tx(choose ? T.choose : T.required, { field: tx(label) }) });
const stripErr = (err: unknown) => (err instanceof ApiError ? err : null);

/** Does the bank trigger the 0.01–0.99 CNY transfer (the server's amountVerificationApplies)? */
export const amountApplies = (a: Application) =>
  a.mode !== 'recert_company' && !!a.bank && a.bank.supportsUnionPay && a.bank.bankListed && IS_CHINA(a.bank.bankCountry) && a.bank.currency === 'CNY' && a.bank.enterpriseCodeType === USCC_TYPE;

function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: KEYS.business }), qc.invalidateQueries({ queryKey: KEYS.info })]);
}

/** The steps of the application, from where the server says it stands (step, or ⑤ once submitted). */
export function BusinessWizard({ app, startAt }: { app: Application; startAt?: number }) {
  useTranslation();
  const submitted = !['draft', 'failed'].includes(app.status);
  // a 重新认证 starts from the company step (its steps are prefilled from the certified one)
  const [step, setStep] = useState(submitted ? 4 : (startAt ?? (app.mode === 'first' ? app.step - 1 : 0)));
  const recert = app.mode !== 'first';
  const current = submitted ? 4 : step;
  return (
    <Card data-testid="biz-wizard" data-step={current + 1} data-mode={app.mode}>
      <Steps current={current} items={T.steps.map((s) => ({ title: tx(s) }))} style={{ marginBottom: 24 }} data-testid="biz-steps" />
      {recert && !submitted && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={app.modeName} data-testid="biz-recert-mode" />
      )}
      {current === 0 && <CompanyStep app={app} onNext={() => setStep(1)} onBank={() => setStep(1)} />}
      {current === 1 && <BankStep app={app} onBack={() => setStep(0)} onNext={() => setStep(2)} />}
      {current === 2 && <SurveyStep app={app} onBack={() => setStep(1)} onNext={() => setStep(3)} />}
      {current === 3 && <ConfirmStep app={app} onBack={() => setStep(recert ? 1 : 2)} />}
      {current === 4 && <StatusStep app={app} />}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// shared: 提交 (step ④ or "已完成，提交修改") and 取消

function useSubmit(app: Application) {
  const refresh = useRefresh();
  const { message, fail } = useFormFeedback();
  const [busy, setBusy] = useState(false);
  const submit = async (form?: FormInstance) => {
    setBusy(true);
    try {
      const r = await api.POST('/api/business-info/applications/{id}/submit', { params: { path: { id: app.id } }, body: {} });
      void message.success(r.message);
      await refresh();
    } catch (err) {
      fail(err, form);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}

function CancelButton({ app }: { app: Application }) {
  const refresh = useRefresh();
  const { modal, message, handleError } = useFormFeedback();
  if (!app.actions.includes('cancel')) return null;
  return (
    <Button
      data-testid="biz-cancel"
      onClick={() =>
        modal.confirm({
          title: tx(T.recertifyConfirmTitle),
          content: tx(T.cancelDraftConfirm),
          okButtonProps: { 'data-testid': 'biz-cancel-ok' },
          onOk: async () => {
            try {
              await api.POST('/api/business-info/applications/{id}/cancel', { params: { path: { id: app.id } }, body: {} });
              void message.success(tx(T.cancelled));
              await refresh();
            } catch (err) {
              handleError(err);
            }
          },
        })
      }
    >
      {tx(T.cancelDraft)}
    </Button>
  );
}

// ---------------------------------------------------------------------------------------------
// ① 填写公司信息

type CompanyBody = ApiBody<'/api/business-info/applications/{id}/company', 'put'>;

function CompanyStep({ app, onNext, onBank }: { app: Application; onNext: () => void; onBank: () => void }) {
  const company = useCompanyInfo();
  const [form] = Form.useForm<CompanyBody>();
  const refresh = useRefresh();
  const { fail } = useFormFeedback();
  const { submit, busy } = useSubmit(app);
  const [saving, setSaving] = useState(false);
  const [showDisclaimer, setShowDisclaimer] = useState(false);
  const province = Form.useWatch('province', form);
  const watchedCountry = Form.useWatch('registeredCountry', form);
  const recert = app.mode !== 'first';
  const uscc = company.data?.uscc ?? '';
  if (company.isLoading) return <Card loading variant="borderless" />;

  const c = app.company;
  const initial: Partial<CompanyBody> = c
    ? { ...c, disclaimerAccepted: true }
    : {
        registeredCountry: '中国',
        province: company.data?.details.province ?? undefined,
        city: company.data?.details.city ?? undefined,
        taxNumber: uscc.length === 18 ? uscc : undefined,
        financeContact: { lastName: '', firstName: '', mobile: '', email: '' },
        disclaimerAccepted: false,
      };
  // until the form reports its values, the initial country decides between the province list and free text
  const country = watchedCountry ?? initial.registeredCountry;

  // then: 'next' (首次认证), 'submit' (已完成，提交修改) or 'bank' (继续修改银行信息)
  const save = async (then: 'next' | 'submit' | 'bank') => {
    let v: CompanyBody;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.PUT('/api/business-info/applications/{id}/company', {
        params: { path: { id: app.id } },
        body: { ...v, taxNumber: v.taxNumber.trim().toUpperCase(), disclaimerAccepted: !!v.disclaimerAccepted },
      });
      if (then === 'submit') await submit(form);
      else {
        await refresh();
        if (then === 'bank') onBank();
        else onNext();
      }
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  const half = { xs: 24, md: 12 };
  return (
    <Form<CompanyBody> form={form} layout="vertical" initialValues={initial} onFinish={() => save(recert ? 'submit' : 'next')} data-testid="biz-company-form" scrollToFirstError>
      <Typography.Title level={5}>{tx(T.companySection)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item label={tx(T.companyName)}>
            <Input value={app.companyName} disabled data-testid="biz-companyName" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="registeredCountry" label={tx(T.registeredCountry)} rules={[req(T.registeredCountry, true), { max: LIMITS.place }]}>
            <AutoComplete options={COUNTRIES.map((x) => ({ value: x }))} filterOption data-testid="biz-registeredCountry" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="province" label={tx(T.certProvince)} rules={[req(T.certProvince, true), { max: LIMITS.place }]}>
            {IS_CHINA(country) ? (
              <Select showSearch data-testid="biz-province" options={Object.keys(REGIONS).map((p) => ({ value: p, label: p }))} onChange={() => form.setFieldValue('city', undefined)} />
            ) : (
              <Input data-testid="biz-province" />
            )}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="city" label={tx(T.certCity)} rules={[req(T.certCity, true), { max: LIMITS.place }]}>
            <AutoComplete data-testid="biz-city" options={(REGIONS[province ?? ''] ?? []).map((x) => ({ value: x }))} filterOption />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={tx(T.address)} extra={tx(T.addressHint)} rules={[req(T.address), { max: LIMITS.address }]}>
            <Input data-testid="biz-address" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{tx(T.taxSection)}</Typography.Title>
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name="taxpayerType" label={tx(T.taxpayerType)} extra={tx(T.taxpayerTypeHint)} rules={[req(T.taxpayerType, true)]}>
            <Select data-testid="biz-taxpayerType" options={TAXPAYER_TYPES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="taxNumber"
            label={tx(T.taxNumber)}
            extra={tx(T.taxNumberHint)}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[
              req(T.taxNumber),
              { validator: (_, v?: string) => (!v || uscc.length !== 18 || v.trim() === uscc ? Promise.resolve() : Promise.reject(new Error(tx(T.taxNumberUscc)))) },
            ]}
          >
            <Input maxLength={20} data-testid="biz-taxNumber" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{tx(T.financeSection)}</Typography.Title>
      <Typography.Paragraph type="secondary">{tx(T.financeHint)}</Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={24} md={6}>
          <Form.Item name={['financeContact', 'lastName']} label={tx(T.lastName)} rules={[req(T.lastName), { max: LIMITS.personName }]}>
            <Input data-testid="biz-lastName" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['financeContact', 'firstName']} label={tx(T.firstName)} rules={[req(T.firstName), { max: LIMITS.personName }]}>
            <Input data-testid="biz-firstName" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['financeContact', 'mobile']} label={tx(T.financeMobile)} rules={[req(T.financeMobile), { pattern: MOBILE_RE, message: tx(T.invalidMobile) }]}>
            <Input data-testid="biz-mobile" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['financeContact', 'email']} label={tx(T.financeEmail)} rules={[req(T.financeEmail), { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 128 }]}>
            <Input data-testid="biz-email" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="disclaimerAccepted"
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.disclaimerRequired)))) }]}
      >
        <Checkbox data-testid="biz-disclaimer">
          {tx(T.disclaimerPrefix)}
          <a
            href="#disclaimer"
            onClick={(e) => {
              e.preventDefault();
              setShowDisclaimer(true);
            }}
          >
            {tx({ zh: '《商业信息认证免责与隐私声明》', en: 'Business Information Certification Disclaimer and Privacy Statement' })}
          </a>
        </Checkbox>
      </Form.Item>
      <Modal open={showDisclaimer} title={tx({ zh: '商业信息认证免责与隐私声明', en: 'Disclaimer and privacy statement' })} onCancel={() => setShowDisclaimer(false)} onOk={() => setShowDisclaimer(false)} cancelButtonProps={{ hidden: true }}>
        <Typography.Paragraph>{tx(T.disclaimerBody)}</Typography.Paragraph>
      </Modal>
      <Space>
        {recert ? (
          <>
            <Button type="primary" htmlType="submit" loading={saving || busy} data-testid="biz-done-submit">
              {tx(T.doneSubmit)}
            </Button>
            <Button onClick={() => save('bank')} loading={saving} data-testid="biz-continue-bank">
              {tx(T.continueBank)}
            </Button>
          </>
        ) : (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="biz-next">
            {tx(T.next)}
          </Button>
        )}
        <CancelButton app={app} />
      </Space>
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// ② 填写银行信息

type BankBody = ApiBody<'/api/business-info/applications/{id}/bank', 'put'>;

function BankStep({ app, onBack, onNext }: { app: Application; onBack: () => void; onNext: () => void }) {
  const company = useCompanyInfo();
  const banks = useQuery({ queryKey: [...KEYS.business, 'banks'], queryFn: () => api.GET('/api/business-info/banks'), staleTime: Infinity });
  const [form] = Form.useForm<BankBody>();
  const refresh = useRefresh();
  const { fail, modal } = useFormFeedback();
  const { submit, busy } = useSubmit(app);
  const [saving, setSaving] = useState(false);
  const recert = app.mode !== 'first';
  const bankName = Form.useWatch('bankName', form);
  const watchedCountry = Form.useWatch('bankCountry', form);
  const watchedCodeType = Form.useWatch('enterpriseCodeType', form);
  const uscc = company.data?.uscc ?? '';
  const list = banks.data?.items ?? [];
  const listed = !bankName || list.some((x) => x.name === bankName.trim());
  if (company.isLoading) return <Card loading variant="borderless" />;

  const b = app.bank;
  const initial: Partial<BankBody> = b
    ? { ...b }
    : { bankCountry: '中国', accountHolder: app.companyName, currency: 'CNY', legalRepresentative: company.data?.basic.legalPerson ?? undefined, enterpriseCodeType: USCC_TYPE, enterpriseCode: uscc || undefined };
  const china = IS_CHINA(watchedCountry ?? initial.bankCountry);
  const codeType = watchedCodeType ?? initial.enterpriseCodeType;

  const save = async (then: 'next' | 'submit') => {
    let v: BankBody;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.PUT('/api/business-info/applications/{id}/bank', { params: { path: { id: app.id } }, body: v });
      if (then === 'submit') await submit(form);
      else {
        await refresh();
        onNext();
      }
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  // 重新认证 with the bank: "已完成，提交修改" → 提示 → 确定 (guide L3170–3172)
  const doneRecert = () =>
    modal.confirm({
      title: tx(T.submitConfirmTitle),
      icon: <ExclamationCircleOutlined />,
      content: tx(T.submitRecertBank),
      okButtonProps: { 'data-testid': 'biz-recert-submit-ok' },
      onOk: () => save('submit'),
    });

  const half = { xs: 24, md: 12 };
  return (
    <Form<BankBody> form={form} layout="vertical" initialValues={initial} onFinish={() => (recert ? doneRecert() : save('next'))} data-testid="biz-bank-form" scrollToFirstError>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {T.bankNotes.map((n, i) => (
              <li key={i}>{tx(n)}</li>
            ))}
          </ul>
        }
      />
      <Row gutter={24}>
        <Col {...half}>
          <Form.Item name="bankCountry" label={tx(T.bankCountry)} rules={[req(T.bankCountry, true), { max: LIMITS.place }]}>
            <AutoComplete options={COUNTRIES.map((x) => ({ value: x }))} filterOption data-testid="biz-bankCountry" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="bankName"
            label={tx(T.bankName)}
            extra={listed ? tx(T.bankNameHint) : <Typography.Text type="warning">{tx(T.bankManual)}</Typography.Text>}
            rules={[req(T.bankName), { max: LIMITS.bankName }]}
          >
            <AutoComplete
              data-testid="biz-bankName"
              options={list.map((x) => ({ value: x.name }))}
              filterOption={(input, o) => String(o?.value ?? '').includes(input.trim())}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="branchName" label={tx(T.branchName)} extra={tx(T.branchNameHint)} rules={[req(T.branchName), { max: LIMITS.bankName }]}>
            <Input data-testid="biz-branchName" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="branchCode"
            label={tx(T.branchCode)}
            extra={
              <Space size={4}>
                {tx(T.branchCodeHint)}
                <Popover content={<div style={{ maxWidth: 320 }}>{tx(T.branchCodeLookupHelp)}</div>} trigger={['click', 'focus']}>
                  <a tabIndex={0} data-testid="biz-branchCode-lookup">
                    {tx(T.branchCodeLookup)}
                  </a>
                </Popover>
              </Space>
            }
            normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
            rules={[req(T.branchCode), china ? { pattern: /^\d{12,13}$/, message: tx(T.branchCodeFormat) } : { pattern: /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, message: tx(T.branchCodeHint) }]}
          >
            <Input maxLength={13} data-testid="biz-branchCode" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="branchLocation" label={tx(T.branchLocation)} rules={[req(T.branchLocation), { max: LIMITS.bankName }]}>
            <Input placeholder={tx(T.branchLocationHint)} data-testid="biz-branchLocation" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="accountHolder"
            label={tx(T.accountHolder)}
            extra={tx(T.accountHolderHint)}
            rules={[req(T.accountHolder), { validator: (_, v?: string) => (!v || sameName(v, app.companyName) ? Promise.resolve() : Promise.reject(new Error(tx(T.accountHolderHint)))) }]}
          >
            <Input data-testid="biz-accountHolder" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="accountNumber"
            label={tx(T.accountNumber)}
            normalize={(v: string) => v?.replace(/[\s-]+/g, '')}
            rules={[req(T.accountNumber), china ? { pattern: /^\d{8,30}$/, message: tx(T.accountNumberFormat) } : { pattern: /^[A-Za-z0-9]{8,34}$/, message: tx({ zh: '银行账号须为8~34位字母或数字', en: 'The account number must be 8–34 letters or digits' }) }]}
          >
            <Input inputMode="numeric" maxLength={34} data-testid="biz-accountNumber" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="currency" label={tx(T.currency)} rules={[req(T.currency, true)]}>
            <Select data-testid="biz-currency" options={CURRENCIES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {tx(T.unionPaySection)}
      </Divider>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <Form.Item name="legalRepresentative" label={tx(T.legalRepresentative)} rules={[req(T.legalRepresentative), { max: LIMITS.personName }]}>
            <Input data-testid="biz-legalRepresentative" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="enterpriseCodeType" label={tx(T.enterpriseCodeType)} rules={[req(T.enterpriseCodeType, true)]}>
            <Select data-testid="biz-enterpriseCodeType" options={ENTERPRISE_CODE_TYPES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="enterpriseCode"
            label={tx(T.enterpriseCode)}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[
              req(T.enterpriseCode),
              { max: LIMITS.enterpriseCode },
              { validator: (_, v?: string) => (!v || codeType !== USCC_TYPE || uscc.length !== 18 || v.trim() === uscc ? Promise.resolve() : Promise.reject(new Error(tx(T.enterpriseCodeUscc)))) },
            ]}
          >
            <Input placeholder="91440300MA5E5A5A5A" data-testid="biz-enterpriseCode" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button onClick={onBack} data-testid="biz-prev">
          {tx(T.prev)}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving || busy} data-testid={recert ? 'biz-done-submit' : 'biz-next'}>
          {tx(recert ? T.doneSubmit : T.next)}
        </Button>
        <CancelButton app={app} />
      </Space>
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// ③ 关联供应商调查

interface SurveyValues {
  involved?: 'yes' | 'no';
  items: Record<string, { checked?: boolean; details?: string }>;
}

function SurveyStep({ app, onBack, onNext }: { app: Application; onBack: () => void; onNext: () => void }) {
  const [form] = Form.useForm<SurveyValues>();
  const refresh = useRefresh();
  const { fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const involved = Form.useWatch('involved', form);
  const items = Form.useWatch('items', form);
  const s: Survey | null = app.survey;
  const initial: SurveyValues = {
    involved: s ? (s.involved ? 'yes' : 'no') : undefined,
    items: Object.fromEntries(T.surveyItems.map((_, i) => [String(i + 1), { checked: !!s?.items.find((x) => x.item === i + 1), details: s?.items.find((x) => x.item === i + 1)?.details }])),
  };

  const save = async (v: SurveyValues) => {
    const all = (form.getFieldsValue(true) as SurveyValues).items ?? v.items ?? {};
    const picked = v.involved === 'yes' ? Object.entries(all).filter(([, x]) => x?.checked).map(([k, x]) => ({ item: Number(k), details: (x.details ?? '').trim() })) : [];
    if (v.involved === 'yes' && picked.length === 0) {
      form.setFields([{ name: 'involved', errors: [tx(T.surveyTickOne)] }]);
      return;
    }
    setSaving(true);
    try {
      await api.PUT('/api/business-info/applications/{id}/survey', { params: { path: { id: app.id } }, body: { involved: v.involved === 'yes', items: picked } });
      await refresh();
      onNext();
    } catch (err) {
      // the server names items by their index in the list sent
      const rename: Record<string, (string | number)[]> = { items: ['involved'] };
      picked.forEach((p, i) => {
        rename[`items.${i}.details`] = ['items', String(p.item), 'details'];
        rename[`items.${i}.item`] = ['involved'];
      });
      fail(err, form, rename);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<SurveyValues> form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="biz-survey-form">
      <Form.Item name="involved" label={tx(T.surveyQuestion)} rules={[{ required: true, message: tx(T.surveyChoose) }]}>
        <Radio.Group>
          <Radio value="yes" data-testid="biz-survey-involved">
            {tx(T.involved)}
          </Radio>
          <Radio value="no" data-testid="biz-survey-not-involved">
            {tx(T.notInvolved)}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {involved === 'yes' && (
        <>
          <Typography.Paragraph type="secondary">{tx(T.surveyIntro)}</Typography.Paragraph>
          {T.surveyItems.map((text, i) => {
            const key = String(i + 1);
            const checked = !!items?.[key]?.checked;
            return (
              <div key={key} style={{ marginBottom: 8 }}>
                <Form.Item name={['items', key, 'checked']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`biz-survey-item-${key}`}>{tx(text)}</Checkbox>
                </Form.Item>
                {checked && (
                  <Form.Item
                    name={['items', key, 'details']}
                    label={tx(T.surveyDetails)}
                    style={{ marginTop: 8, marginLeft: 24 }}
                    rules={[{ required: true, whitespace: true, message: tx(T.surveyDetailsRequired) }, { max: LIMITS.surveyDetails }]}
                  >
                    <Input.TextArea rows={2} maxLength={LIMITS.surveyDetails} showCount data-testid={`biz-survey-details-${key}`} />
                  </Form.Item>
                )}
              </div>
            );
          })}
        </>
      )}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack} data-testid="biz-prev">
          {tx(T.prev)}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="biz-next">
          {tx(T.next)}
        </Button>
        <CancelButton app={app} />
      </Space>
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// ④ 提交确认

function BankSummary({ app, withCompany }: { app: Application; withCompany?: boolean }) {
  const b = app.bank!;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="biz-bank-summary">
      {withCompany && (
        <>
          <Descriptions.Item label={tx(T.companyName)}>{app.companyName}</Descriptions.Item>
          <Descriptions.Item label={tx(T.legalRepresentative)}>{b.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={tx(T.enterpriseCodeType)}>{b.enterpriseCodeType}</Descriptions.Item>
          <Descriptions.Item label={tx(T.enterpriseCode)}>{b.enterpriseCode}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={tx(T.bankCountry)}>{b.bankCountry}</Descriptions.Item>
      <Descriptions.Item label={tx(T.bankName)}>
        {b.bankName} {!b.bankListed && <Tag color="orange">{tx({ zh: '手动输入', en: 'typed' })}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={tx(T.accountHolder)}>{b.accountHolder}</Descriptions.Item>
      <Descriptions.Item label={tx(T.accountNumber)}>{b.accountNumber}</Descriptions.Item>
      <Descriptions.Item label={tx(T.branchLocation)}>{b.branchLocation}</Descriptions.Item>
      <Descriptions.Item label={tx(T.branchName)}>{b.branchName}</Descriptions.Item>
      <Descriptions.Item label={tx(T.branchCode)}>{b.branchCode}</Descriptions.Item>
      <Descriptions.Item label={tx(T.currency)}>{b.currency}</Descriptions.Item>
    </Descriptions>
  );
}

function ConfirmStep({ app, onBack }: { app: Application; onBack: () => void }) {
  const { submit, busy } = useSubmit(app);
  if (!app.bank) return <Alert type="warning" showIcon message={tx({ zh: '请先填写银行信息', en: 'Fill in the bank information first' })} />;
  const transfer = amountApplies(app);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="biz-confirm">
      <Alert
        type="warning"
        showIcon
        data-testid="biz-confirm-notice"
        message={transfer ? tx(T.confirmAmount, { account: app.bank.accountNumber }) : tx(T.confirmBank)}
        description={transfer ? tx(T.transferRule) : undefined}
      />
      <BankSummary app={app} withCompany={transfer} />
      {app.survey && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={tx(T.surveySummary)}>{app.survey.involved ? app.survey.itemTexts.join('；') : tx(T.notInvolved)}</Descriptions.Item>
        </Descriptions>
      )}
      {app.actions.includes('submit-bank-letter') && (
        <Collapse
          items={[{ key: 'letter', label: `${tx(T.letterTitle)}${tx({ zh: '（可选）', en: ' (optional)' })}`, children: <BankLetter app={app} required={false} /> }]}
        />
      )}
      <Space>
        <Button onClick={onBack} data-testid="biz-prev">
          {tx(T.prev)}
        </Button>
        <Button type="primary" loading={busy} disabled={!app.actions.includes('submit')} onClick={() => submit()} data-testid="biz-submit">
          {tx(T.submit)}
        </Button>
        <CancelButton app={app} />
      </Space>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 银行确认函 (steps 9–10): download the template, upload the stamped scan, submit

export function BankLetter({ app, required }: { app: Application; required: boolean }) {
  const refresh = useRefresh();
  const [form] = Form.useForm<{ file: UploadedFile[] }>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="biz-letter">
      <Typography.Paragraph style={{ marginBottom: 0 }}>{tx(required ? T.letterRequired : T.letterOptional)}</Typography.Paragraph>
      {app.bankLetter.file && <Typography.Text type="secondary">{tx(T.letterUploaded, { name: app.bankLetter.file.name })}</Typography.Text>}
      <DownloadLink url={bankLetterTemplateUrl(app.id)} button testId="biz-letter-template">
        {tx(T.letterDownload)}
      </DownloadLink>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            const r = await api.POST('/api/business-info/applications/{id}/bank-letter', { params: { path: { id: app.id } }, body: { fileId: v.file[0]!.id } });
            void message.success(r.message);
            form.resetFields();
            await refresh();
          } catch (err) {
            fail(err, form, { fileId: ['file'] });
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="file" label={tx(T.letterUpload)} extra={tx(T.licenceHint)} rules={[{ required: true, type: 'array', min: 1, message: tx(T.letterFileRequired) }]}>
          <FileUpload purpose={LETTER_PURPOSE} extensions={LETTER_TYPES} maxSizeMb={20} testId="biz-letter-upload" messages={{ badType: tx(T.licenceHint), tooLarge: tx(T.licenceHint) }} />
        </Form.Item>
        <Button type={required ? 'primary' : 'default'} htmlType="submit" loading={saving} data-testid="biz-letter-submit">
          {tx(T.letterSubmit)}
        </Button>
      </Form>
      {required && <Typography.Text type="secondary">{tx(T.letterWait)}</Typography.Text>}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// ⑤ 提交认证: where the submitted application stands

function WorkOrderLink() {
  return (
    <Link to={TICKETS_PATH} data-testid="biz-work-order">
      {tx(T.workOrder)}
    </Link>
  );
}

function StatusStep({ app }: { app: Application }) {
  switch (app.status) {
    case 'amount_verification':
      return <AmountForm app={app} />;
    case 'locked':
      return (
        <Result status="error" title={tx(T.lockedTitle)} subTitle={tx(T.locked)} extra={<WorkOrderLink />} data-testid="biz-locked">
          <BankSummary app={app} />
        </Result>
      );
    case 'auto_certifying':
      return <Result icon={<LoadingOutlined />} title={tx(T.autoTitle)} subTitle={tx(T.autoDesc)} data-testid="biz-auto" />;
    case 'manual_review':
      return (
        <Result status="info" title={tx(T.manualTitle)} subTitle={tx(T.manualDesc)} extra={<WorkOrderLink />} data-testid="biz-manual">
          {app.manualReasons.length > 0 && (
            <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={tx(T.manualReasons)}>
                <Space wrap>
                  {app.manualReasons.map((r) => (
                    <Tag color="orange" key={r.code}>
                      {r.text}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          )}
          <Typography.Title level={5}>{tx(T.history)}</Typography.Title>
          <ReviewHistory reviewId={app.reviewId} />
        </Result>
      );
    case 'awaiting_bank_letter':
      return (
        <Card type="inner" title={tx(T.letterTitle)} data-testid="biz-awaiting-letter">
          <BankLetter app={app} required />
        </Card>
      );
    default:
      return null;
  }
}

/** 输入转账金额 → 提交认证: the attempts left, and the lock after the third wrong amount (R15). */
function AmountForm({ app }: { app: Application }) {
  const refresh = useRefresh();
  const [form] = Form.useForm<{ amount: string }>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const v = app.verification;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="biz-amount">
      <Alert type="info" showIcon message={tx(T.amountSent, { account: v.accountNumberMasked ?? '' })} description={tx(T.amountIntro)} />
      <Form
        form={form}
        layout="inline"
        onFinish={async ({ amount }) => {
          setSaving(true);
          try {
            const r = await api.POST('/api/business-info/applications/{id}/verify-amount', { params: { path: { id: app.id } }, body: { amount: amount.trim() } });
            void message.success(r.message);
            await refresh();
          } catch (err) {
            fail(err, form);
            // a wrong amount is counted: the attempts left (or the lock) come back from the server
            if (stripErr(err)?.code === 'business-info.amount-wrong' || stripErr(err)?.code === 'business-info.locked') await refresh();
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="amount"
          label={tx(T.amount)}
          rules={[
            { required: true, whitespace: true, message: tx(T.amountFormatHint) },
            {
              validator: (_, x?: string) => {
                const s = (x ?? '').trim();
                if (!s) return Promise.resolve();
                const n = Number(s);
                return AMOUNT_RE.test(s) && n >= 0.01 && n <= 0.99 ? Promise.resolve() : Promise.reject(new Error(tx(T.amountFormatHint)));
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="0.00" addonAfter={tx(T.amountUnit)} style={{ width: 200 }} data-testid="biz-amount-input" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="biz-amount-submit">
            {tx(T.submitCert)}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type={v.attemptsLeft < v.maxAttempts ? 'danger' : 'secondary'} data-testid="biz-attempts-left" data-left={v.attemptsLeft}>
        {tx(T.attemptsLeft, { n: v.attemptsLeft })}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {tx(T.transferRule)}
      </Typography.Paragraph>
      <BankSummary app={app} />
    </Space>
  );
}
