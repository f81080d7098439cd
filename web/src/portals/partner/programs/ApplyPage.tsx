import { Alert, Button, Card, Form, Radio, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type UploadedFile } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { fileRefs, useFormFeedback, useTx } from '../paths/ui';
import {
  applyFieldErrors,
  KEYS,
  onEnter,
  PROGRAMS_BASE,
  refusalReasons,
  useCatalogue,
  useFormOptions,
  type Answers,
  type AppProgram,
  type Application,
  type ApplicationBody,
  type BusinessInfo,
  type Condition,
  type DueDiligence,
  type ProgramCard,
} from './api';
import { AnswersSection, BusinessInfoSection, ContactsAndAgreements, DueDiligenceSection, type WizardValues } from './ApplicationFields';
import { ReasonsModal } from './ReasonsModal';
import { T } from './text';

const APPLICATION_PROGRAMS: readonly string[] = ['solution_provider', 'distributor', 'reseller', 'marketplace_csp', 'marketplace_merchant'];

/**
 * 立即加入 / 申请 → 加入<plan> (ops 15, 17, 20, 23, 24): the plan's steps (填写商业信息 → 填写计划申请信息
 * → 尽职调查), 保存草稿 at any step, 提交申请 at the last. Continues a draft or fixes a rejected
 * application (?id=, or the plan's open application). The distributor invitation e-mail links here.
 */
export function ApplyPage() {
  const tx = useTx();
  const { program = '' } = useParams();
  const [params] = useSearchParams();
  const catalogue = useCatalogue();
  const options = useFormOptions();
  const card = catalogue.data?.items.find((c) => c.program === program);
  // which application the form edits is decided once: saving refetches the catalogue (the plan turns
  // 草稿) and must not swap or remount the form under the user
  const locked = useRef<string | null | undefined>(undefined);
  if (locked.current === undefined && card) locked.current = params.get('id') ?? (card.state === 'draft' || card.state === 'rejected' ? card.applicationId : null);
  const id = locked.current ?? null;
  const app = useQuery({ queryKey: KEYS.application(id ?? ''), queryFn: () => api.GET('/api/programs/applications/{id}', { params: { path: { id: id! } } }), enabled: !!id });
  // the submitted prompt outlives the refetched state (审核中 would otherwise send us to the detail page)
  const [done, setDone] = useState<string | null>(null);

  if (done) return <Submitted message={done} />;
  if (!APPLICATION_PROGRAMS.includes(program)) return <Navigate to={PROGRAMS_BASE} replace />;
  if (catalogue.isLoading || options.isLoading || (id && app.isLoading)) return <Skeleton active />;
  if (!card || !options.data) return <Result status="error" title={catalogue.error instanceof Error ? catalogue.error.message : tx(T.title)} />;
  if (app.data && app.data.status !== 'draft' && app.data.status !== 'rejected') return <Navigate to={`${PROGRAMS_BASE}/applications/${app.data.id}`} replace />;
  if (!id && (card.state === 'in_review' || card.state === 'joined' || card.state === 'exiting'))
    return (
      <Result
        status="info"
        title={tx(card.name)}
        subTitle={tx(card.stateName)}
        extra={<LinkButton to={`${PROGRAMS_BASE}?tab=${card.state === 'in_review' ? 'applied' : 'joined'}`}>{tx(card.state === 'in_review' ? T.toApplied : T.viewJoined)}</LinkButton>}
      />
    );
  return <Wizard key={app.data?.id ?? 'new'} program={program as AppProgram} card={card} app={app.data ?? null} options={options.data} onDone={setDone} />;
}

/** "恭喜您，…申请已提交成功" with the way to 已申请伙伴计划. */
function Submitted({ message }: { message: string }) {
  const tx = useTx();
  return (
    <Card>
      <Result
        status="success"
        title={message}
        data-testid="program-submitted"
        extra={[
          <LinkButton key="applied" type="primary" to={`${PROGRAMS_BASE}?tab=applied`} data-testid="program-to-applied">
            {tx(T.toApplied)}
          </LinkButton>,
          <LinkButton key="back" to={PROGRAMS_BASE}>
            {tx(T.backToPrograms)}
          </LinkButton>,
        ]}
      />
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------

type Options = NonNullable<ReturnType<typeof useFormOptions>['data']>;

const FILE_KEYS = ['licenceFileId', 'logoFileId', 'shareholderProofFileId'] as const;
const PROOF_KEYS = ['performanceProof', 'certifiedProof', 'professionalProof', 'expansionProof', 'technicalProof', 'salesProof'] as const;
/** Which answers each plan sends (the server refuses questions of another plan). */
const ANSWER_KEYS: Record<AppProgram, readonly (keyof WizardValues['answers'])[]> = {
  solution_provider: ['roleCertified', 'performanceBand', 'performanceProof', 'userBand', 'certifiedCount', 'certifiedProof', 'professionalCount', 'professionalProof'],
  distributor: ['expansionStaff', 'expansionProof', 'technicalStaff', 'technicalProof'],
  reseller: ['salesBand', 'salesProof', 'customerBand', 'teamBand', 'partnerTypes'],
  marketplace_csp: ['proofs'],
  marketplace_merchant: [],
};

/** Every file id the application mentions, so the upload controls can show their names. */
function fileIdsOf(app: Application | null): string[] {
  if (!app) return [];
  const ids: string[] = [];
  for (const k of FILE_KEYS) if (app.businessInfo[k]) ids.push(app.businessInfo[k]!);
  const a = app.answers as Answers;
  for (const k of PROOF_KEYS) ids.push(...(a[k] ?? []));
  for (const p of a.proofs ?? []) ids.push(p.fileId);
  return ids;
}

function toValues(app: Application | null, refs: Map<string, UploadedFile>): Partial<WizardValues> {
  const file = (id: string | null | undefined) => (id ? [refs.get(id) ?? { id, name: id, size: 0, mime: '' }] : []);
  if (!app) return { level: 'standard', businessInfo: { country: '中国大陆', businessTermLongTerm: false }, contacts: [], agreements: [], answers: {}, dueDiligence: {} };
  const info = app.businessInfo;
  const a = app.answers as Answers;
  const answers: WizardValues['answers'] = { ...(a as object) } as WizardValues['answers'];
  for (const k of PROOF_KEYS) if (a[k]) answers[k] = (a[k] ?? []).flatMap((id) => file(id));
  if (a.proofs) answers.proofs = a.proofs.map((p) => ({ category: p.category, file: file(p.fileId)[0]! }));
  return {
    level: app.level ?? 'standard',
    businessInfo: {
      ...info,
      country: info.country ?? '中国大陆',
      licenceFileId: file(info.licenceFileId),
      logoFileId: file(info.logoFileId),
      shareholderProofFileId: file(info.shareholderProofFileId),
      foundedDate: info.foundedDate ? dayjs(info.foundedDate) : null,
      businessTermEnd: info.businessTermEnd ? dayjs(info.businessTermEnd) : null,
    },
    contacts: app.contacts,
    agreements: app.agreements.map((x) => x.key),
    answers,
    dueDiligence: app.dueDiligence ?? {},
  };
}

/** The form's values as the request's sections (only what the plan asks). */
function toBody(program: AppProgram, card: ProgramCard, v: WizardValues): Omit<ApplicationBody, 'program' | 'submit'> {
  const i = v.businessInfo ?? {};
  const id = (files?: UploadedFile[]) => files?.[0]?.id ?? null;
  const s = (x: string | null | undefined) => (x === undefined || x === null ? x : x.trim());
  const businessInfo: BusinessInfo = {
    companyName: s(i.companyName) ?? undefined,
    taxCode: s(i.taxCode) ?? undefined,
    registeredCapital: s(i.registeredCapital) ?? undefined,
    foundedDate: i.foundedDate ? i.foundedDate.format('YYYY-MM-DD') : null,
    businessTermLongTerm: !!i.businessTermLongTerm,
    businessTermEnd: !i.businessTermLongTerm && i.businessTermEnd ? i.businessTermEnd.format('YYYY-MM-DD') : null,
    legalPerson: s(i.legalPerson) ?? undefined,
    country: i.country || '中国大陆',
    province: i.province ?? undefined,
    city: s(i.city) ?? undefined,
    district: s(i.district) || null,
    address: s(i.address) ?? undefined,
    postcode: s(i.postcode) || null,
    companyEmail: s(i.companyEmail) || null,
    landline: s(i.landline) || null,
    engagingHuaweiContact: i.engagingHuaweiContact,
    huaweiContact: i.engagingHuaweiContact && i.huaweiContact?.name ? { name: i.huaweiContact.name.trim(), mobile: s(i.huaweiContact.mobile) || null, email: s(i.huaweiContact.email) || null } : null,
    staffSize: i.staffSize,
    annualRevenue: s(i.annualRevenue) ?? undefined,
    logoFileId: id(i.logoFileId),
    intro: s(i.intro) || null,
  };
  if (program !== 'distributor') businessInfo.website = s(i.website) || null;
  if (program === 'solution_provider' || program === 'distributor') businessInfo.repOffice = i.repOffice || null;
  if (program === 'distributor' || program === 'reseller') businessInfo.businessRegion = i.businessRegion || null;
  if (program === 'solution_provider' || program === 'marketplace_csp' || program === 'marketplace_merchant') businessInfo.licenceFileId = id(i.licenceFileId);
  if (program === 'marketplace_csp') businessInfo.shareholderProofFileId = id(i.shareholderProofFileId);
  if (program === 'reseller') {
    const d = i.intendedDistributor;
    businessInfo.intendedDistributor = d && (d.companyName?.trim() || d.accountName?.trim()) ? { companyName: d.companyName?.trim() ?? '', accountName: d.accountName?.trim() ?? '' } : null;
    businessInfo.hasDistributorRelation = i.hasDistributorRelation ?? null;
  }
  const a = v.answers ?? {};
  const answers: Answers = {};
  for (const k of ANSWER_KEYS[program]) {
    const x = a[k];
    if (x === undefined || x === null) continue;
    if ((PROOF_KEYS as readonly string[]).includes(k)) (answers as Record<string, unknown>)[k] = (x as UploadedFile[]).map((f) => f.id);
    else if (k === 'proofs') answers.proofs = (x as WizardValues['answers']['proofs'])!.map((p) => ({ category: p.category, fileId: p.file.id }));
    else (answers as Record<string, unknown>)[k] = x;
  }
  const body: Omit<ApplicationBody, 'program' | 'submit'> = {
    businessInfo,
    contacts: v.contacts ?? [],
    agreements: card.agreements.filter((x) => (v.agreements ?? []).includes(x.key)).map((x) => ({ key: x.key, version: x.version })),
    answers,
  };
  if (program === 'solution_provider') {
    body.level = v.level ?? 'standard';
    const d = v.dueDiligence ?? {};
    const dd: DueDiligence = { sensitiveRelation: d.sensitiveRelation, sensitiveRelationDetails: d.sensitiveRelation === 'declared' ? s(d.sensitiveRelationDetails) || null : null, truthful: d.truthful };
    const ans: NonNullable<DueDiligence['answers']> = {};
    for (const [k, x] of Object.entries(d.answers ?? {})) if (x?.answer) ans[k] = { answer: x.answer, details: s(x.details) || null };
    dd.answers = ans;
    body.dueDiligence = dd;
  }
  return body;
}

/** Which step shows a server field (for jumping to the first error). */
const stepOf = (name: (string | number)[]) => (name[0] === 'answers' || name[0] === 'level' ? 1 : name[0] === 'dueDiligence' ? 2 : 0);
/** The server's keys that are not the form's names. */
function fieldName(key: string): (string | number)[] | null {
  if (key.startsWith('contacts')) return ['contacts'];
  if (key === 'businessInfo.huaweiContact') return ['businessInfo', 'huaweiContact', 'name'];
  if (key === 'businessInfo.intendedDistributor') return ['businessInfo', 'intendedDistributor', 'accountName'];
  const dd = /^dueDiligence\.answers\.([^.]+)$/.exec(key);
  if (dd) return ['dueDiligence', 'answers', dd[1]!, 'answer'];
  return null;
}

interface WizardProps {
  program: AppProgram;
  card: ProgramCard;
  app: Application | null;
  options: Options;
  onDone: (message: string) => void;
}

function Wizard(props: WizardProps) {
  const { app } = props;
  const initial = useRef<Partial<WizardValues> | null>(null);
  const ids = fileIdsOf(app);
  const refs = useQuery({ queryKey: ['file-refs', ids], queryFn: () => fileRefs(ids), enabled: ids.length > 0 && !initial.current, staleTime: Infinity });
  // the form's starting values are taken once; later refetches (after 保存草稿) leave the form alone
  if (!initial.current) {
    if (ids.length && refs.isLoading) return <Skeleton active />;
    initial.current = toValues(app, new Map((refs.data ?? []).map((f) => [f.id, f])));
  }
  return <WizardForm {...props} initial={initial.current} />;
}

function WizardForm({ program, card, app, options, initial, onDone }: WizardProps & { initial: Partial<WizardValues> }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const [appId, setAppId] = useState<string | null>(app?.id ?? null);
  const [reasons, setReasons] = useState<{ list: Condition[]; all: boolean } | null>(null);
  const steps = card.steps.length ? card.steps : [{ zh: '填写商业信息', en: 'Business information' }];
  const last = steps.length - 1;
  const stepFields: (string | number)[][][] = [[['businessInfo'], ['contacts'], ['agreements']], [['answers'], ['level']], [['dueDiligence']]];

  const save = async (submit: boolean) => {
    const body = toBody(program, card, form.getFieldsValue(true) as WizardValues);
    setSaving(true);
    try {
      const result = appId
        ? await api.PUT('/api/programs/applications/{id}', { params: { path: { id: appId } }, body: { ...body, submit } })
        : await api.POST('/api/programs/applications', { body: { program, ...body, submit } });
      if (!appId) setAppId(result.application.id);
      if (submit) onDone(result.message ? tx(result.message) : tx(T.submittedTitle));
      else void message.success(tx(T.draftSaved));
      await qc.invalidateQueries({ queryKey: KEYS.all });
    } catch (err) {
      const unmet = refusalReasons(err);
      if (unmet) {
        setReasons({ list: unmet, all: false });
        void message.error((err as Error).message);
        return;
      }
      const names = applyFieldErrors(err, form, fieldName);
      if (names.length) {
        setStep(Math.min(...names.map(stepOf).filter((s) => s <= last), last));
        void message.error((err as Error).message);
      } else fail(err, form);
      if (err instanceof ApiError && err.code === 'programs.application-exists' && typeof err.params.applicationId === 'string')
        navigate(`${PROGRAMS_BASE}/applications/${err.params.applicationId}`);
    } finally {
      setSaving(false);
    }
  };
  const next = async () => {
    try {
      await form.validateFields(stepFields[step], { recursive: true });
      setStep((s) => Math.min(s + 1, last));
      window.scrollTo({ top: 0 });
    } catch {
      /* the fields show what is missing */
    }
  };
  const submit = async () => {
    try {
      await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) setStep(Math.min(stepOf(first.name), last));
      return;
    }
    await save(true);
  };

  const eligibility = card.eligibility;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card data-testid="program-wizard" title={`${tx(T.title)} / ${tx(T.wizardTitle, { name: tx(card.name) })}`}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {tx(T.thanks, { name: tx(card.name) })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{tx(card.description)}</Typography.Paragraph>
        {app?.status === 'rejected' && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="program-rejected" message={tx(T.rejectedBanner, { reason: app.rejectReason ?? '--' })} />}
        {eligibility && !eligibility.eligible && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={tx({ zh: '您当前的账号不满足加入该计划的条件', en: 'Your account does not meet the conditions of this program' })}
            action={
              <Button size="small" onClick={() => setReasons({ list: eligibility.conditions, all: false })} data-testid="program-wizard-reasons">
                {tx(T.viewReasons)}
              </Button>
            }
          />
        )}
        {eligibility?.warnings.map((w, i) => <Alert key={i} type="info" showIcon style={{ marginBottom: 12 }} message={tx(w)} />)}
        <Typography.Paragraph>{tx(T.followSteps)}</Typography.Paragraph>
        <Steps current={step} items={steps.map((s) => ({ title: tx(s) }))} data-testid="program-steps" />
      </Card>
      <Card>
        <Form form={form} layout="vertical" initialValues={initial} onKeyDown={onEnter(() => void (step < last ? next() : submit()))} data-testid="program-form" scrollToFirstError>
          <div style={{ display: step === 0 ? undefined : 'none' }}>
            <BusinessInfoSection program={program} options={options} form={form} />
            <ContactsAndAgreements agreements={card.agreements} />
          </div>
          {last >= 1 && (
            <div style={{ display: step === 1 ? undefined : 'none' }}>
              {program === 'solution_provider' && card.levels && (
                <Form.Item name="level" label={tx(T.level)}>
                  <Radio.Group optionType="button" buttonStyle="solid" data-testid="program-level" options={card.levels.map((l) => ({ value: l.level, label: tx(l.name) }))} />
                </Form.Item>
              )}
              <AnswersSection program={program} options={options} onShowRequirements={() => setReasons({ list: eligibility?.conditions ?? [], all: true })} />
            </div>
          )}
          {last >= 2 && program === 'solution_provider' && (
            <div style={{ display: step === 2 ? undefined : 'none' }}>
              <DueDiligenceSection options={options} form={form} />
            </div>
          )}
          <Space wrap style={{ marginTop: 8 }}>
            {step > 0 && (
              <Button onClick={() => setStep((s) => s - 1)} data-testid="program-prev">
                {tx(T.prev)}
              </Button>
            )}
            {step < last ? (
              <Button type="primary" onClick={() => void next()} data-testid="program-next">
                {tx(T.next)}
              </Button>
            ) : (
              <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="program-submit">
                {tx(T.submitApplication)}
              </Button>
            )}
            <Button loading={saving} onClick={() => void save(false)} data-testid="program-save-draft">
              {tx(T.saveDraft)}
            </Button>
            <Button onClick={() => navigate(PROGRAMS_BASE)} data-testid="program-cancel">
              {tx(T.cancel)}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {tx(T.draftNote)}
          </Typography.Paragraph>
        </Form>
      </Card>
      <ReasonsModal
        open={!!reasons}
        onClose={() => setReasons(null)}
        programName={tx(card.name)}
        conditions={reasons?.list ?? []}
        all={reasons?.all}
        warnings={reasons && !reasons.all ? (eligibility?.warnings ?? []) : []}
      />
    </Space>
  );
}
