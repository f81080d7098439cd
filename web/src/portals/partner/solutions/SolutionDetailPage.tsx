import { Alert, Card, Descriptions, Result, Skeleton, Space, Steps, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatTime } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { DownloadLink, FileLinks, ReviewHistory, StatusTag, useTx } from '../paths/ui';
import { certificateUrl, getSolution, ROUTES, solutionKeys, type SolutionDetail, type SolutionKind } from './api';
import { T } from './text';

type Materials = SolutionDetail['form']['materials'];

function MaterialsView({ m, kind, source }: { m: Materials | null | undefined; kind: SolutionKind; source: SolutionDetail['source'] }) {
  const tx = useTx();
  type Row = [keyof NonNullable<Materials>, { zh: string; en: string }];
  const rows: Row[] =
    source === 'lead_baseline'
      ? [['testReport', T.testReport]]
      : [...(kind === 'advanced' ? [['copyright', T.copyright] as Row] : []), ['intro', T.intro], ['certification', T.certification]];
  return (
    <Descriptions bordered size="small" column={1} title={tx(T.materials)}>
      {rows.map(([k, label]) => (
        <Descriptions.Item key={k} label={tx(label)}>
          <FileLinks ids={m?.[k]} testId={`solution-detail-material-${k}`} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 详情: 流程进度 (申请认证 → 认证材料审核 → 技术审核 → 业务审核 → 认证通过), 方案信息 / 联系人信息, the review history. */
export function SolutionDetailPage({ kind }: { kind: SolutionKind }) {
  const tx = useTx();
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useQuery({ queryKey: [...solutionKeys(kind), 'detail', id], queryFn: () => getSolution(kind, id!), enabled: !!id });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : t('common.notFound')} />;
  const s = q.data;
  const f = s.form;
  const list = ROUTES[kind];
  const yesNo = (v: boolean | undefined) => (v === undefined ? '-' : v ? tx(T.yes) : tx(T.no));
  const c = f.contacts ?? {};
  const progress = s.progress;
  const current = progress.certifiedAt ? progress.stages.length + 1 : Math.max(1, progress.stages.findIndex((x) => x.state !== 'approved') + 1);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={`${tx(T.kindTitle[kind])} / ${tx(T.detail)}`}
        data-testid="solution-detail"
        extra={
          <Space>
            {s.canEdit && (
              <LinkButton to={`${list}/${s.id}/edit`} data-testid="solution-detail-edit">
                {t('common.edit')}
              </LinkButton>
            )}
            {s.canRecertify && (
              <LinkButton type="primary" to={`${list}/${s.id}/recertify`} data-testid="solution-detail-recertify">
                {tx(T.recertify)}
              </LinkButton>
            )}
            {s.canDownloadCertificate && (
              <DownloadLink button url={certificateUrl(kind, s.id)} testId="solution-detail-certificate">
                {tx(T.downloadCert)}
              </DownloadLink>
            )}
            <LinkButton to={list}>{t('common.back')}</LinkButton>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={tx(T.status)}>
            <StatusTag status={s.status} name={s.statusName} testId="solution-detail-status" />
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.validity)}>{s.validity}</Descriptions.Item>
          <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(s.submittedAt)}</Descriptions.Item>
        </Descriptions>
        {s.reviewState === 'in_review' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${tx({ zh: '认证审核中', en: 'Under review' })}：${tx(T.inReviewNote)}`} />}
        {s.rejectReason && s.reviewState !== 'in_review' && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="solution-detail-reject" message={`${tx(T.rejectReason)}：${s.rejectReason}`} description={s.recertifying ? tx(T.recertifyRefused) : undefined} />
        )}
        <Steps
          data-testid="solution-progress"
          current={current}
          items={[
            { title: tx(T.applied), description: formatTime(progress.appliedAt) },
            ...progress.stages.map((x) => ({
              title: x.name,
              description: x.stateName,
              status: x.state === 'approved' ? ('finish' as const) : x.state === 'rejected' ? ('error' as const) : x.state === 'in_review' ? ('process' as const) : ('wait' as const),
            })),
            { title: tx(T.certified), description: progress.certifiedAt ? formatTime(progress.certifiedAt) : tx(T.notStarted) },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'info',
              label: tx(T.info),
              children: (
                <Space direction="vertical" style={{ width: '100%' }} size="middle">
                  <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={tx(T.description)} data-testid="solution-detail-info">
                    <Descriptions.Item label={tx(T.name)}>{s.name}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.source)}>{s.sourceName}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.version)}>{s.version || '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.industry)}>{s.industry || '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.validity)}>{s.validity}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.industrySub)}>{f.industrySub ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.productType)}>{f.productType ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.productSubType)}>{f.productSubType ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.targetCustomers)}>{f.targetCustomers ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.scenarios)}>{f.scenarios ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.cloudMode)}>{f.cloudMode ?? '-'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.deployed)}>{yesNo(f.deployedOnPublicCloud)}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.publicClouds)}>{f.publicClouds?.length ? f.publicClouds.join('、') : '--'}</Descriptions.Item>
                    <Descriptions.Item label={tx(T.otherNotes[kind])}>{f.otherNotes ?? '-'}</Descriptions.Item>
                    {s.source === 'lead_baseline' && (
                      <>
                        <Descriptions.Item label={tx(T.baselineId)}>{s.baselineSolutionId ?? f.baseline?.solutionId ?? '-'}</Descriptions.Item>
                        <Descriptions.Item label={tx(T.deploymentForm)}>{f.baseline?.deploymentForm ?? '-'}</Descriptions.Item>
                        <Descriptions.Item label={tx(T.approvalCompletedAt)}>{f.baseline?.approvalCompletedAt ?? '-'}</Descriptions.Item>
                        <Descriptions.Item label={tx(T.industryMasterData)}>{f.baseline?.industryMasterData ?? '-'}</Descriptions.Item>
                        <Descriptions.Item label={tx(T.baselineIntro)}>{f.baseline?.intro ?? '-'}</Descriptions.Item>
                      </>
                    )}
                  </Descriptions>
                  <MaterialsView m={f.materials} kind={kind} source={s.source} />
                  {s.pendingChange && (
                    <Descriptions bordered size="small" column={1} title={tx(T.pendingChange)} data-testid="solution-pending-change">
                      <Descriptions.Item label={tx(T.version)}>{s.pendingChange.version}</Descriptions.Item>
                      <Descriptions.Item label={tx(T.materials)}>
                        <FileLinks ids={Object.values(s.pendingChange.materials).flatMap((x) => x ?? [])} />
                      </Descriptions.Item>
                    </Descriptions>
                  )}
                </Space>
              ),
            },
            {
              key: 'contacts',
              label: tx(T.contactsTitle),
              children: (
                <Descriptions bordered size="small" column={1}>
                  <Descriptions.Item label={tx(T.businessContact)}>{c.businessContact ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={tx(T.businessMobile)}>{c.businessMobile ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={tx(T.businessEmail)}>{c.businessEmail ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={tx(T.hasHuaweiContact)}>{yesNo(c.hasHuaweiContact)}</Descriptions.Item>
                  {c.hasHuaweiContact && (
                    <>
                      <Descriptions.Item label={tx(T.huaweiContactName)}>{c.huaweiContactName ?? '-'}</Descriptions.Item>
                      <Descriptions.Item label={tx(T.huaweiContactMobile)}>{c.huaweiContactMobile ?? '-'}</Descriptions.Item>
                    </>
                  )}
                </Descriptions>
              ),
            },
            { key: 'history', label: tx(T.history), children: <ReviewHistory reviewId={s.reviewId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
