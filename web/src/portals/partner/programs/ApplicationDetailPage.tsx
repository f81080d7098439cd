import { Alert, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { FileLinks, ReviewHistory, StatusTag, useTx, type Bi } from '../paths/ui';
import { guideTime, KEYS, PROGRAMS_BASE, useActor, useFormOptions, type Answers, type Application, type Contact, type FormOptions } from './api';
import { ContactsTable } from './ContactsTable';
import { T } from './text';

/**
 * 已申请伙伴计划 > 详情 (op 26): what was applied for, its status and review history; 联系人信息 修改
 * (in any status, L2672–2681); a draft is submitted, cancelled or continued, a rejected one fixed.
 */
export function ApplicationDetailPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const { canWrite } = useActor();
  const options = useFormOptions();
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: KEYS.application(id), queryFn: () => api.GET('/api/programs/applications/{id}', { params: { path: { id } } }) });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : tx(T.appliedDetailTitle)} />;
  const a = q.data;

  const refresh = () => qc.invalidateQueries({ queryKey: KEYS.all });
  const saveContacts = async (contacts: Contact[]) => {
    try {
      await api.PUT('/api/programs/applications/{id}/contacts', { params: { path: { id } }, body: { contacts } });
      void message.success(tx(T.contactsSaved));
      await refresh();
    } catch (err) {
      handleError(err);
    }
  };
  const act = async (what: 'submit' | 'cancel') => {
    setBusy(true);
    try {
      if (what === 'submit') {
        const r = await api.POST('/api/programs/applications/{id}/submit', { params: { path: { id } } });
        void message.success(r.message ? tx(r.message) : tx(T.submittedTitle));
      } else {
        await api.POST('/api/programs/applications/{id}/cancel', { params: { path: { id } } });
        void message.success(tx(T.cancelled));
      }
      await refresh();
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  const edit = () => navigate(`${PROGRAMS_BASE}/apply/${a.program}?id=${a.id}`);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="application-detail">
      <Card
        title={`${tx(T.appliedDetailTitle)} · ${tx(a.programName)}`}
        extra={
          <Space wrap>
            {a.status === 'draft' && canWrite && (
              <>
                <Button type="primary" onClick={edit} data-testid="application-edit">
                  {tx(T.continueDraft)}
                </Button>
                <Button loading={busy} onClick={() => void act('submit')} data-testid="application-submit">
                  {tx(T.submit)}
                </Button>
                <Popconfirm title={tx(T.cancelDraftConfirm)} onConfirm={() => act('cancel')} okText={tx(T.ok)} cancelText={tx(T.cancel)}>
                  <Button danger data-testid="application-cancel">
                    {tx(T.cancel)}
                  </Button>
                </Popconfirm>
              </>
            )}
            {a.status === 'rejected' && canWrite && (
              <Button type="primary" onClick={edit} data-testid="application-fix">
                {tx(T.editResubmit)}
              </Button>
            )}
            <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=applied`)}>{tx({ zh: '返回', en: 'Back' })}</Button>
          </Space>
        }
      >
        {a.status === 'in_review' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${tx(a.statusName)} | ${tx({ zh: '我们将尽快审核完成，请耐心等待。', en: 'We will review it as soon as possible.' })}`} />}
        {a.status === 'rejected' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={tx(T.rejectedBanner, { reason: a.rejectReason ?? '--' })} />}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={tx(T.program)}>{tx(a.programName)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.applyLevel)}>{a.levelName ? tx(a.levelName) : '--'}</Descriptions.Item>
          <Descriptions.Item label={tx(T.status)}>
            <StatusTag status={a.status} name={tx(a.statusName)} testId="application-status" />
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.applyDate)}>{guideTime(a.submittedAt ?? a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.decidedAt)}>{guideTime(a.decidedAt)}</Descriptions.Item>
          {a.distributorApproval && (
            <Descriptions.Item label={tx(T.distributorApproval)}>
              <Tag data-testid="application-distributor-approval">{tx(a.distributorApproval.statusName)}</Tag>
              {a.distributorApproval.rejectReason ?? ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={tx(T.contactsTitle)}>
        <ContactsTable value={a.contacts} onChange={(list) => void saveContacts(list)} disabled={!canWrite || a.status === 'cancelled'} testId="application-contacts" />
      </Card>
      <Card title={tx(T.basic)}>
        <BusinessInfoView app={a} />
      </Card>
      {options.data && Object.keys(a.answers).length > 0 && (
        <Card title={tx(T.applicationInfo)}>
          <AnswersView answers={a.answers as Answers} options={options.data} />
        </Card>
      )}
      {a.agreements.length > 0 && (
        <Card title={tx(T.agreeTo)}>
          <Space wrap>
            {a.agreements.map((x) => (
              <Tag key={x.key}>{tx(x.name)}</Tag>
            ))}
          </Space>
        </Card>
      )}
      <Card title={tx(T.reviewHistory)}>
        <ReviewHistory reviewId={a.reviewId} />
      </Card>
    </Space>
  );
}

const yesNo = (v: boolean | null | undefined, tx: (b: Bi) => string) => (v === true ? tx(T.yes) : v === false ? tx(T.no) : '--');

function BusinessInfoView({ app }: { app: Application }) {
  const tx = useTx();
  const i = app.businessInfo;
  const sp = app.program === 'solution_provider';
  const rows: [Bi, React.ReactNode][] = [
    [T.companyName, i.companyName],
    [sp ? T.taxCodeSp : T.taxCode, i.taxCode],
    [T.licence, i.licenceFileId ? <FileLinks ids={[i.licenceFileId]} /> : null],
    [sp ? T.registeredCapitalM : T.registeredCapitalY, i.registeredCapital],
    [T.foundedDate, i.foundedDate],
    [T.shareholderProof, i.shareholderProofFileId ? <FileLinks ids={[i.shareholderProofFileId]} /> : null],
    [T.businessTerm, i.businessTermLongTerm ? tx(T.longTerm) : i.businessTermEnd],
    [T.legalPerson, i.legalPerson],
    [T.country, i.country],
    [T.province, i.province],
    [T.city, i.city],
    [T.district, i.district],
    [sp ? T.licenceAddress : T.address, i.address],
    [T.postcode, i.postcode],
    [T.repOffice, i.repOffice],
    [T.businessRegion, i.businessRegion],
    [T.companyEmail, i.companyEmail],
    [T.landline, i.landline],
    [T.engaging, yesNo(i.engagingHuaweiContact, tx)],
    [T.huaweiContactName, i.huaweiContact ? [i.huaweiContact.name, i.huaweiContact.mobile, i.huaweiContact.email].filter(Boolean).join(' · ') : null],
    [T.staffSize, i.staffSize],
    [sp ? T.annualRevenueM : T.annualRevenueY, i.annualRevenue],
    [T.logo, i.logoFileId ? <FileLinks ids={[i.logoFileId]} /> : null],
    [T.website, i.website],
    [T.companyIntro, i.intro],
    [T.intendedDistributor, i.intendedDistributor ? `${i.intendedDistributor.companyName} (${i.intendedDistributor.accountName})` : null],
    [T.hasDistributorRelation, app.program === 'reseller' ? yesNo(i.hasDistributorRelation, tx) : null],
  ];
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="application-business-info">
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([label, v]) => (
          <Descriptions.Item key={label.zh} label={tx(label)}>
            {v}
          </Descriptions.Item>
        ))}
    </Descriptions>
  );
}

const QUESTIONS: Record<string, Bi> = {
  roleCertified: T.qRoleCertified,
  performanceBand: T.qPerformance,
  performanceProof: T.proofReceipt,
  userBand: T.qUsers,
  certifiedCount: T.qCertified,
  certifiedProof: T.proofCertificate,
  professionalCount: T.qProfessional,
  professionalProof: T.proofCertificate,
  expansionStaff: T.qExpansion,
  expansionProof: T.proofMaterials,
  technicalStaff: T.qTechnical,
  technicalProof: T.proofMaterials,
  salesBand: T.qSales,
  salesProof: T.proofReceipt,
  customerBand: T.qCustomers,
  teamBand: T.qTeam,
  partnerTypes: T.qPartnerTypes,
  proofs: T.cspProofs,
};

/** Step 2's answers with the questions and option names of the form. */
export function AnswersView({ answers, options }: { answers: Answers; options: FormOptions }) {
  const tx = useTx();
  const name = (k: string, v: string) => {
    const o = options.choices[k]?.find((x) => x.key === v);
    return o ? tx(o.name) : v;
  };
  const value = (k: string, v: unknown): React.ReactNode => {
    if (typeof v === 'boolean') return v ? tx(T.yes) : tx(T.no);
    if (k === 'proofs' && Array.isArray(v))
      return (v as { category: string; fileId: string }[]).map((p) => (
        <div key={p.fileId}>
          {name('proofCategories', p.category)}：<FileLinks ids={[p.fileId]} />
        </div>
      ));
    if (k.endsWith('Proof') && Array.isArray(v)) return <FileLinks ids={v as string[]} />;
    if (Array.isArray(v)) return v.map((x) => name(k, String(x))).join('、');
    if (typeof v === 'string') return name(k, v);
    return String(v);
  };
  return (
    <Descriptions bordered size="small" column={1} data-testid="application-answers">
      {Object.entries(answers).map(([k, v]) => (
        <Descriptions.Item key={k} label={QUESTIONS[k] ? tx(QUESTIONS[k]) : k}>
          {value(k, v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
