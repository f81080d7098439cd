import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type ApiData } from '../../../api/client';
import { useMe, useRefreshMe } from '../../../auth/session';
import { formatTime } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { PARTNER_BASE } from '../menu';
import { ReviewHistory, StatusTag, useFormFeedback, useTx } from '../paths/ui';
import { AgreementsStep, BusinessInfoStep, ContactsStep, SensitiveStep } from './HcpnSteps';
import { T } from './text';

export type HcpnApplication = ApiData<'/api/hcpn/applications/{id}', 'get'>;
export type SubmitOutcome = ApiData<'/api/hcpn/applications/{id}/submit', 'post'>;

export const HCPN_KEY = ['hcpn', 'application'] as const;
export const HCPN_PATH = `${PARTNER_BASE}/hcpn`;

/** Is the account enterprise real-name verified (R1)? */
export const useEnterpriseVerified = () =>
  useQuery({ queryKey: ['real-name'], queryFn: () => api.GET('/api/real-name'), select: (r) => r.status === 'verified' && r.type === 'enterprise' });

/** The first step the draft has not completed (where "继续入驻" opens). */
function firstOpenStep(app: HcpnApplication): number {
  const done = [app.steps.businessInfo, app.steps.contacts, app.steps.sensitiveRelation, app.steps.agreements];
  const i = done.indexOf(false);
  return i === -1 ? 3 : i;
}

/**
 * 欢迎入驻成为华为云合作伙伴 (spec 01 op 2–3, §2.3, §3.1): the entry, the four-step wizard
 * 填写商业信息 → 填写联系人信息 → 敏感关系申报 → 签署协议, and the outcomes: joined at once,
 * 人工审核 (审核中), or 审核未通过 with the reason and 重新提交认证.
 */
export function HcpnPage() {
  const tx = useTx();
  const { data: me } = useMe();
  const [joined, setJoined] = useState<HcpnApplication | null>(null);
  if (joined) return <JoinedResult app={joined} />;
  if (me?.actor.kind === 'partner')
    return (
      <Result
        status="success"
        title={tx(T.alreadyPartner)}
        data-testid="hcpn-already-partner"
        extra={
          <LinkButton type="primary" to={`${PARTNER_BASE}/home`}>
            {tx(T.enterCenter)}
          </LinkButton>
        }
      />
    );
  return <HcpnAccountPage onJoined={setJoined} />;
}

function HcpnAccountPage({ onJoined }: { onJoined: (app: HcpnApplication) => void }) {
  const tx = useTx();
  const qc = useQueryClient();
  const { fail } = useFormFeedback();
  const verified = useEnterpriseVerified();
  const query = useQuery({ queryKey: HCPN_KEY, queryFn: () => api.GET('/api/hcpn/application') });
  const [starting, setStarting] = useState(false);

  if (query.isLoading || verified.isLoading) return <Skeleton active />;
  const app = query.data?.application ?? null;

  if (!app) {
    const start = async () => {
      setStarting(true);
      try {
        const created = await api.POST('/api/hcpn/applications', { body: {} });
        qc.setQueryData(HCPN_KEY, { application: created });
      } catch (err) {
        fail(err);
      } finally {
        setStarting(false);
      }
    };
    return (
      <Card title={tx(T.title)} data-testid="hcpn-entry">
        <Typography.Paragraph>{tx(T.intro)}</Typography.Paragraph>
        <Typography.Title level={5}>{tx(T.prerequisites)}</Typography.Title>
        <ul>
          <li>{tx(T.preBusiness)}</li>
          <li>{tx(T.preContacts)}</li>
          <li>{tx(T.preSensitive)}</li>
        </ul>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.linkExisting)} description={tx(T.linkExistingHow)} />
        {verified.data === false && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="hcpn-real-name-required"
            message={tx(T.realNameRequired)}
            action={<LinkButton to={`${PARTNER_BASE}/real-name`}>{tx(T.goRealName)}</LinkButton>}
          />
        )}
        <Button type="primary" loading={starting} disabled={verified.data === false} onClick={start} data-testid="hcpn-start">
          {tx(T.start)}
        </Button>
      </Card>
    );
  }

  if (app.status === 'in_review') return <InReview app={app} />;
  if (app.status === 'joined') return <JoinedResult app={app} />;
  return <Wizard app={app} onJoined={onJoined} />;
}

function Wizard({ app, onJoined }: { app: HcpnApplication; onJoined: (app: HcpnApplication) => void }) {
  const tx = useTx();
  const qc = useQueryClient();
  const [step, setStep] = useState(() => firstOpenStep(app));
  const saved = (view: HcpnApplication) => qc.setQueryData(HCPN_KEY, { application: view });
  const done = [app.steps.businessInfo, app.steps.contacts, app.steps.sensitiveRelation, app.steps.agreements];
  // a step can be opened once every step before it is saved
  const reachable = (i: number) => done.slice(0, i).every(Boolean);

  const onSubmitted = (result: SubmitOutcome) => {
    if (result.outcome === 'joined') onJoined(result.application);
    else saved(result.application);
  };
  const common = { app, onSaved: saved, onBack: () => setStep((s) => Math.max(0, s - 1)), onNext: () => setStep((s) => Math.min(3, s + 1)) };

  return (
    <Card title={tx(T.title)} extra={<StatusTag status={app.status} name={app.statusName} testId="hcpn-status" />} data-testid="hcpn-wizard">
      {app.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="hcpn-rejected"
          message={tx(T.rejectedTitle)}
          description={
            <>
              <div>
                {tx(T.rejectReason)}：<span data-testid="hcpn-reject-reason">{app.rejectReason ?? '-'}</span>
              </div>
              <div>{tx(T.rejectedDesc)}</div>
            </>
          }
        />
      )}
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        onChange={(i) => reachable(i) && setStep(i)}
        items={T.steps.map((s, i) => ({ title: <span data-testid={`hcpn-step-${i + 1}`}>{tx(s)}</span>, disabled: !reachable(i) }))}
      />
      {step === 0 && <BusinessInfoStep {...common} />}
      {step === 1 && <ContactsStep {...common} />}
      {step === 2 && <SensitiveStep {...common} />}
      {step === 3 && <AgreementsStep {...common} onSubmitted={onSubmitted} onIncomplete={(s) => setStep(s)} />}
    </Card>
  );
}

/** 人工审核: 审核中 with what was submitted and the review's history. */
function InReview({ app }: { app: HcpnApplication }) {
  const tx = useTx();
  const info = app.businessInfo;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card data-testid="hcpn-in-review">
        <Result
          status="info"
          title={tx(T.reviewTitle)}
          subTitle={tx(T.reviewDesc)}
          extra={<StatusTag status={app.status} name={app.statusName} testId="hcpn-status" />}
        />
        {info && (
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={tx(T.companyName)}>{info.companyName}</Descriptions.Item>
            <Descriptions.Item label={tx(T.uscc)}>{info.uscc}</Descriptions.Item>
            <Descriptions.Item label={tx(T.legalPerson)}>{info.legalPerson}</Descriptions.Item>
            <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(app.submittedAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={tx(T.history)}>
        <ReviewHistory reviewId={app.reviewId} />
      </Card>
    </Space>
  );
}

/** 成功入驻: the session becomes the partner's; a linked account names the existing company (R4). */
function JoinedResult({ app }: { app: HcpnApplication }) {
  const tx = useTx();
  const refreshMe = useRefreshMe();
  const company = app.businessInfo?.companyName ?? '';
  // the portal's menus and the home page follow the new partner actor
  useEffect(() => {
    void refreshMe();
    // once, when the result shows
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Card data-testid="hcpn-joined">
      <Result
        status="success"
        title={tx(T.joinedTitle)}
        subTitle={
          <span data-testid="hcpn-joined-company">{app.linkedExistingCompany ? tx(T.joinedLinked, { company }) : tx(T.joinedNew, { company })}</span>
        }
        extra={[
          <LinkButton key="home" type="primary" to={`${PARTNER_BASE}/home`} data-testid="hcpn-enter-center">
            {tx(T.enterCenter)}
          </LinkButton>,
          <LinkButton key="paths" to={`${PARTNER_BASE}/home/paths`}>
            {tx(T.explorePaths)}
          </LinkButton>,
        ]}
      >
        <Typography.Paragraph type="secondary">{tx(T.consultManager)}</Typography.Paragraph>
      </Result>
    </Card>
  );
}
