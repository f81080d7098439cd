import { Alert, Button, Card, Popconfirm, Result, Select, Skeleton, Space, Steps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { LinkButton } from '../../../components/LinkButton';
import { AnnualReviewCard, AnnualReviewRecords } from './AnnualReview';
import { pathDetailUrl, PATHS_BASE, stageCertificateUrl, useCertifications, useInvalidatePaths, usePathDetail, usePaths, type Certification, type PathType } from './api';
import { ApplyCertificationModal, type ApplyTarget } from './ApplyCertificationModal';
import { CertificationRecords } from './CertificationRecords';
import { SelectPathModal } from './SelectPathModal';
import { StageColumns } from './StageColumns';
import { EXIT_REASONS, T } from './text';
import { DownloadLink, refusalParams, StatusTag, useFormFeedback, useTx } from './ui';

const TABS = ['progress', 'records'] as const;

/**
 * 发展路径详情 (spec 01 op 6–9, 11): 切换发展路径, the stage diagram 选择角色 → 角色认证 → 能力差异化,
 * tabs 发展路径进展 (要求 / 可获得以下权益 / 可加入以下计划 with "x/y") and 认证记录; 申请认证 for the
 * paths certified by application, 退出路径 with each refusal's reason (R12).
 */
export function PathDetailPage() {
  const tx = useTx();
  const { type } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const admin = !!me?.actor.isAdmin;
  const paths = usePaths();
  const known = paths.data?.items.find((p) => p.type === type);
  const detail = usePathDetail(known?.type);
  const certs = useCertifications(known?.type);
  const invalidate = useInvalidatePaths();
  const { message, modal, fail } = useFormFeedback();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'progress';
  const [selecting, setSelecting] = useState(false);
  const [applying, setApplying] = useState<ApplyTarget | null>(null);
  const [exiting, setExiting] = useState(false);

  if (paths.isLoading || (known && detail.isLoading)) return <Skeleton active />;
  if (!known) return <Result status="404" title={tx(T.notJoinedHint)} extra={<LinkButton to={PATHS_BASE}>{tx(T.explore)}</LinkButton>} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;

  const joined = d.status === 'joined';
  const reachedIndex = d.stages.reduce((acc, s, i) => (s.reached ? i : acc), -1);
  const next = joined ? d.stages[reachedIndex + 1] : undefined;
  const openCert = (certs.data?.items ?? []).find((c) => c.targetStage === next?.stage && c.status === 'reviewing');
  // service, SI and learning are certified by application; software from its solutions; distributor has none
  const byApplication = d.certification === 'application';
  const canApply = admin && joined && byApplication && !!next && !openCert;
  const canChoose = admin && ['not_joined', 'rejected', 'withdrawn'].includes(d.status) && (!d.inviteOnly || d.invited);

  const exit = async () => {
    setExiting(true);
    try {
      await api.POST('/api/paths/exit', { body: { path: d.type } });
      void message.success(tx(T.exited));
      await invalidate();
    } catch (err) {
      const reasons = (refusalParams(err).reasons as string[] | undefined) ?? [];
      if (reasons.length) {
        modal.error({
          title: tx(T.exitRefused),
          content: (
            <ul data-testid="path-exit-reasons" style={{ paddingLeft: 20 }}>
              {reasons.map((r) => (
                <li key={r}>{EXIT_REASONS[r] ? tx(EXIT_REASONS[r]) : r}</li>
              ))}
            </ul>
          ),
        });
      } else fail(err);
    } finally {
      setExiting(false);
    }
  };

  // 切换发展路径: the joined paths (and the one shown)
  const switchOptions = [...d.switchOptions, ...(d.switchOptions.some((o) => o.type === d.type) ? [] : [{ type: d.type, name: d.name }])].map((o) => ({ value: o.type, label: o.name }));

  const resubmit = (c: Certification) => setApplying({ stage: c.targetStage as ApplyTarget['stage'], stageName: c.targetStageName, previous: c });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            {tx(T.detailTitle)}
            <Typography.Text strong data-testid="path-detail-name">
              {d.name}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <span>{tx(T.switchPath)}</span>
            <Select<PathType>
              value={d.type}
              style={{ width: 260 }}
              data-testid="path-switch"
              onChange={(v) => navigate(pathDetailUrl(v))}
              options={switchOptions}
            />
          </Space>
        }
        data-testid="path-detail"
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <StatusTag status={d.status} name={d.statusName} testId="path-detail-status" />
          {d.stageName && (
            <Tag color="green" data-testid="path-detail-stage">
              {tx(T.currentStage)}：{d.stageName}
            </Tag>
          )}
          {d.inviteOnly && <Tag>{tx(T.inviteOnly)}</Tag>}
        </Space>
        {d.rejectReason && d.status === 'rejected' && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${tx(T.rejectReason)}：${d.rejectReason}`} />}
        {d.type === 'software' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.softwareAutomatic)} />}
        {byApplication && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.personalCertRule)} />}
        <Steps
          data-testid="path-stage-diagram"
          style={{ marginBottom: 16 }}
          current={joined ? Math.min(reachedIndex + 1, d.stages.length - 1) : -1}
          items={d.stages.map((s, i) => ({
            title: s.name,
            status: s.reached ? 'finish' : joined && i === reachedIndex + 1 ? 'process' : 'wait',
            description: (
              <Space direction="vertical" size={0} data-testid={`stage-${s.stage}`}>
                <span>
                  {tx(T.requirements)} {s.progress} · {s.reached ? tx(T.reached) : tx(T.notReached)}
                </span>
                {s.canDownloadCertificate && (
                  <DownloadLink url={stageCertificateUrl(d.type, s.stage)} testId={`stage-certificate-${s.stage}`}>
                    {tx(T.downloadCert)}
                  </DownloadLink>
                )}
              </Space>
            ),
          }))}
        />
        <Space wrap>
          {canChoose && (
            <Button type="primary" onClick={() => setSelecting(true)} data-testid="path-select">
              {tx(T.selectPath)}
            </Button>
          )}
          {canApply && next && (
            <Button type="primary" onClick={() => setApplying({ stage: next.stage as ApplyTarget['stage'], stageName: next.name })} data-testid="path-apply">
              {tx(T.applyCert)}（{next.name}）
            </Button>
          )}
          {openCert && <Tag color="processing">{openCert.targetStageName} · {openCert.statusName}</Tag>}
          {admin && joined && (
            <Popconfirm title={tx(T.exitConfirm, { name: d.name })} description={tx(T.exitRule)} onConfirm={exit} okButtonProps={{ 'data-testid': 'path-exit-ok' }}>
              <Button danger loading={exiting} data-testid="path-exit">
                {tx(T.exit)}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Card>
      {d.annualReview && <AnnualReviewCard review={d.annualReview} admin={admin} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'progress',
              label: <span data-testid="tab-path-progress">{tx(T.tabProgress)}</span>,
              children: (
                <Space direction="vertical" style={{ width: '100%' }} size="middle">
                  {d.stages.map((s) => (
                    <Card
                      key={s.stage}
                      size="small"
                      type="inner"
                      title={s.name}
                      extra={
                        <Space>
                          {s.canDownloadCertificate && (
                            <DownloadLink button url={stageCertificateUrl(d.type, s.stage)} testId={`stage-card-certificate-${s.stage}`}>
                              {tx(T.downloadCert)}
                            </DownloadLink>
                          )}
                          {s.reached ? <Tag color="green">{tx(T.reached)}</Tag> : <Tag>{tx(T.notReached)}</Tag>}
                        </Space>
                      }
                    >
                      <StageColumns stage={s} />
                    </Card>
                  ))}
                </Space>
              ),
            },
            {
              key: 'records',
              label: <span data-testid="tab-path-records">{tx(T.tabRecords)}</span>,
              children: (
                <>
                  <CertificationRecords path={d.type} canResubmit={admin && joined && byApplication} onResubmit={resubmit} />
                  <AnnualReviewRecords path={d.type} />
                </>
              ),
            },
          ]}
        />
      </Card>
      {selecting && known && <SelectPathModal path={known} onClose={() => setSelecting(false)} />}
      {applying && <ApplyCertificationModal path={d.type} target={applying} onClose={() => setApplying(null)} />}
    </Space>
  );
}
