import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { ReviewHistory, StatusTag, useTx, type Bi } from '../paths/ui';
import { guideTime, KEYS, PROGRAMS_BASE, useActor, type Level, type UpgradeCheck } from './api';
import { T } from './text';

const LEVELS: { level: Level; name: Bi }[] = [
  { level: 'standard', name: { zh: '标准', en: 'Standard' } },
  { level: 'preferred', name: { zh: '优选', en: 'Preferred' } },
  { level: 'leading', name: { zh: '领先', en: 'Leading' } },
  { level: 'core', name: { zh: '核心', en: 'Core' } },
];
const rank = (l: Level) => LEVELS.findIndex((x) => x.level === l);

type Row = UpgradeCheck['rows'][number];

/** The 达标 table: 要求项 · 数据时间 · 完成数量 · 升级 · 是否达标 (L1908–1916). */
export function RequirementTable({ rows, testId }: { rows: Row[]; testId: string }) {
  const tx = useTx();
  const columns: TableColumnsType<Row> = [
    { key: 'name', title: tx(T.requirement), render: (_, r) => tx(r.name) },
    { key: 'time', title: tx(T.dataTime), dataIndex: 'dataTime' },
    { key: 'achieved', title: tx(T.achieved), dataIndex: 'achieved' },
    { key: 'required', title: tx(T.requiredValue), dataIndex: 'required' },
    { key: 'met', title: tx(T.isMet), render: (_, r) => <Tag color={r.met ? 'success' : 'error'} data-testid={`${testId}-met-${r.key}`}>{tx(r.metName)}</Tag> },
  ];
  return <Table<Row> rowKey="key" size="small" pagination={false} dataSource={rows} columns={columns} data-testid={testId} />;
}

/**
 * 申请提升合作伙伴等级 (op 16, R27): 标准 → 优选 → 领先 → 核心. The page shows each requirement with the
 * partner's figures; "提交申请" only when every item is 已达标; "查看原因" when the precondition (a role-
 * certified account in the company) is missing.
 */
export function LevelUpgradePage() {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const { canWrite } = useActor();
  const [params, setParams] = useSearchParams();
  const target = (params.get('target') as Level | null) ?? undefined;
  const [saving, setSaving] = useState(false);
  const q = useQuery({
    queryKey: [...KEYS.upgrades, 'check', target],
    queryFn: () => api.GET('/api/programs/level-upgrade', { params: { query: { targetLevel: target } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="warning" title={q.error instanceof Error ? q.error.message : tx(T.upgradeTitle)} extra={<Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=joined`)}>{tx(T.viewJoined)}</Button>} />;
  const c = q.data;
  const higher = LEVELS.filter((l) => rank(l.level) > rank(c.currentLevel));

  const showReasons = () =>
    modal.info({
      title: tx(T.viewReasons),
      content: (
        <div data-testid="upgrade-reasons">
          {c.reasons.map((r, i) => (
            <Typography.Paragraph key={i}>{tx(r)}</Typography.Paragraph>
          ))}
        </div>
      ),
      okText: tx(T.ok),
    });
  const submit = async () => {
    if (!c.targetLevel) return;
    setSaving(true);
    try {
      const r = await api.POST('/api/programs/level-upgrades', { body: { targetLevel: c.targetLevel } });
      void message.success(tx(T.upgradeSubmitted));
      await qc.invalidateQueries({ queryKey: KEYS.all });
      navigate(`${PROGRAMS_BASE}/level-upgrades/${r.upgrade.id}`);
    } catch (err) {
      handleError(err);
      if (err instanceof ApiError && Array.isArray(err.params.unmet))
        modal.warning({
          title: tx(T.notMetItems),
          content: (err.params.unmet as { name: Bi; achieved: string; required: string }[]).map((u, i) => (
            <div key={i}>
              {tx(u.name)}：{u.achieved} / {u.required}
            </div>
          )),
        });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={`${tx(T.title)} / ${tx(T.upgradeTitle)}`} data-testid="level-upgrade">
      <Typography.Paragraph type="secondary">{tx(T.levelsIntro)}</Typography.Paragraph>
      <Steps
        size="small"
        current={rank(c.currentLevel)}
        items={LEVELS.map((l) => ({ title: tx(l.name) }))}
        style={{ marginBottom: 16 }}
        data-testid="upgrade-levels"
      />
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={tx(T.currentLevel)}>{tx(c.currentLevelName)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.targetLevel)}>
          {higher.length ? (
            <Space wrap>
              {higher.map((l) => (
                <Button
                  key={l.level}
                  size="small"
                  type={c.targetLevel === l.level ? 'primary' : 'default'}
                  onClick={() => setParams({ target: l.level }, { replace: true })}
                  data-testid={`upgrade-target-${l.level}`}
                >
                  {tx(l.name)}
                </Button>
              ))}
            </Space>
          ) : (
            tx(T.topLevel)
          )}
        </Descriptions.Item>
      </Descriptions>
      {!c.allowed && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          message={tx(c.reasons[0] ?? T.topLevel)}
          action={
            <Button size="small" onClick={showReasons} data-testid="upgrade-view-reasons">
              {tx(T.viewReasons)}
            </Button>
          }
        />
      )}
      {c.openUpgradeId && (
        <Alert type="info" showIcon style={{ margin: '12px 0' }} message={<Link to={`${PROGRAMS_BASE}/level-upgrades/${c.openUpgradeId}`}>{tx(T.upgradeInReview)}</Link>} />
      )}
      {c.rows.length > 0 && (
        <>
          <Typography.Title level={5}>{tx(T.applicationInfo)}</Typography.Title>
          <RequirementTable rows={c.rows} testId="upgrade-rows" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {tx(T.upgradeAllMet)}
          </Typography.Paragraph>
        </>
      )}
      <Space>
        <Button type="primary" loading={saving} disabled={!canWrite || !c.allowed || !c.allMet || !!c.openUpgradeId} onClick={() => void submit()} data-testid="upgrade-submit">
          {tx(T.submitApplication)}
        </Button>
        <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=joined`)}>{tx(T.cancel)}</Button>
      </Space>
    </Card>
  );
}

/** 已申请合作伙伴计划 / 详情 of a level upgrade: "审核中 | 我们将在3个工作日内…", 计划等级, 申请日期, the snapshot. */
export function UpgradeDetailPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...KEYS.upgrades, id], queryFn: () => api.GET('/api/programs/level-upgrades/{id}', { params: { path: { id } } }) });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : tx(T.appliedDetailTitle)} />;
  const u = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={`${tx(T.appliedDetailTitle)} · ${tx(u.programName)}`}
        data-testid="upgrade-detail"
        extra={
          <Space>
            {u.status === 'rejected' && (
              <Button type="primary" onClick={() => navigate(`${PROGRAMS_BASE}/level-upgrade?target=${u.targetLevel}`)}>
                {tx(T.upgrade)}
              </Button>
            )}
            <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=applied&sub=levels`)}>{tx({ zh: '返回', en: 'Back' })}</Button>
          </Space>
        }
      >
        <Alert
          type={u.status === 'approved' ? 'success' : u.status === 'rejected' ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <span>
              <StatusTag status={u.status} name={tx(u.statusName)} testId="upgrade-detail-status" /> {u.note ? `| ${tx(u.note)}` : ''}
              {u.rejectReason ? ` ${tx(T.reviewComment)}：${u.rejectReason}` : ''}
            </span>
          }
        />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={tx(T.currentLevel)}>{tx(u.fromLevelName)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.targetLevel)}>{tx(u.targetLevelName)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.applyDate)}>{guideTime(u.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{tx(T.detailedInfo)}</Typography.Title>
        <Typography.Paragraph>{tx(T.snapshotTitle)}:</Typography.Paragraph>
        <RequirementTable rows={u.snapshot} testId="upgrade-snapshot" />
      </Card>
      <Card title={tx(T.reviewHistory)}>
        <ReviewHistory reviewId={u.reviewId} />
      </Card>
    </Space>
  );
}
