import { Button, Card, Col, Empty, Row, Statistic, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import type { InvitationStatus, SpecialistDashboard, SpecialistStatus } from '../../../api/types';
import { Chart } from '../../../components/Chart';
import { ORG_KEYS } from './api';
import { invitationStatusText, specialistStatusText } from './statusText';
import { InvitationsTab } from './InvitationsTab';
import { SpecialistListTab } from './SpecialistListTab';

/** A clicked indicator filters the list it counts (guide: 单击指标统计，筛选出对应的数据；清除筛选). */
type Pick = { tab: 'invitations'; status: InvitationStatus } | { tab: 'list'; status: SpecialistStatus } | null;

function Indicator({ title, value, active, onClick, testId }: { title: string; value: number; active: boolean; onClick: () => void; testId: string }) {
  return (
    <Col xs={12} md={6} xl={3}>
      <Card size="small" hoverable onClick={onClick} style={active ? { borderColor: '#c7000b' } : undefined} data-testid={testId} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onClick()}>
        <Statistic title={title} value={value} />
      </Card>
    </Col>
  );
}

function Dashboard({ pick, onPick }: { pick: Pick; onPick: (p: Pick) => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...ORG_KEYS.specialists, 'dashboard'], queryFn: () => api.GET('/api/org/specialists/dashboard') });
  const d = query.data;
  return (
    <Card
      title={t('specialists.dashboard')}
      loading={query.isLoading}
      style={{ marginBottom: 16 }}
      extra={
        pick && (
          <Button size="small" onClick={() => onPick(null)} data-testid="dashboard-clear-filter">
            {t('specialists.clearFilter')}
          </Button>
        )
      }
    >
      <Typography.Text type="secondary">{t('specialists.tabInvitations')}</Typography.Text>
      <Row gutter={[12, 12]} style={{ margin: '8px 0 16px' }} data-testid="dashboard-invitation-counts">
        {(d?.invitationCounts ?? []).map((c) => (
          <Indicator
            key={c.status}
            title={invitationStatusText(t, c.status, c.statusName)}
            value={c.count}
            testId={`indicator-invitation-${c.status}`}
            active={pick?.tab === 'invitations' && pick.status === c.status}
            onClick={() => onPick({ tab: 'invitations', status: c.status })}
          />
        ))}
      </Row>
      <Typography.Text type="secondary">{t('specialists.tabList')}</Typography.Text>
      <Row gutter={[12, 12]} style={{ margin: '8px 0 16px' }} data-testid="dashboard-specialist-counts">
        {(d?.specialistCounts ?? []).map((c) => (
          <Indicator
            key={c.status}
            title={specialistStatusText(t, c.status, c.statusName)}
            value={c.count}
            testId={`indicator-specialist-${c.status}`}
            active={pick?.tab === 'list' && pick.status === c.status}
            onClick={() => onPick({ tab: 'list', status: c.status })}
          />
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {d?.trend.length ? (
            <Chart
              testId="dashboard-trend"
              option={{
                title: { text: t('specialists.trend'), textStyle: { fontSize: 14 } },
                tooltip: { trigger: 'axis' },
                legend: { top: 0, right: 0 },
                grid: { left: 40, right: 16, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: d.trend.map((p) => p.date) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { name: t('specialists.bound'), type: 'line', data: d.trend.map((p) => p.binds) },
                  { name: t('specialists.unbound'), type: 'line', data: d.trend.map((p) => p.unbinds) },
                ],
              }}
            />
          ) : (
            <Empty description={t('specialists.trend')} />
          )}
        </Col>
        <Col xs={24} lg={10}>
          {d?.regions.length ? (
            <Chart
              testId="dashboard-regions"
              option={{
                title: { text: t('specialists.regions'), textStyle: { fontSize: 14 } },
                tooltip: { trigger: 'item' },
                series: [{ type: 'pie', radius: ['35%', '65%'], top: 30, data: d.regions.map((r) => ({ name: r.workBase, value: r.count })) }],
              }}
            />
          ) : (
            <Empty description={t('specialists.regions')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** 组织 > 项目专员: dashboard, tabs 项目专员列表 / 邀请列表. */
export function SpecialistsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'invitations' ? 'invitations' : 'list';
  const [invitationStatus, setInvitationStatus] = useState<InvitationStatus | undefined>();
  const [specialistStatus, setSpecialistStatus] = useState<SpecialistStatus | undefined>();
  const pick: Pick = invitationStatus ? { tab: 'invitations', status: invitationStatus } : specialistStatus ? { tab: 'list', status: specialistStatus } : null;
  const onPick = (p: Pick) => {
    setInvitationStatus(p?.tab === 'invitations' ? p.status : undefined);
    setSpecialistStatus(p?.tab === 'list' ? p.status : undefined);
    if (p) setParams({ tab: p.tab }, { replace: true });
  };
  return (
    <>
      <Dashboard pick={pick} onPick={onPick} />
      <Card title={t('specialists.title')}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            { key: 'list', label: <span data-testid="tab-specialists">{t('specialists.tabList')}</span>, children: <SpecialistListTab statusFilter={specialistStatus} /> },
            {
              key: 'invitations',
              label: <span data-testid="tab-invitations">{t('specialists.tabInvitations')}</span>,
              children: <InvitationsTab statusFilter={invitationStatus} onStatusFilter={setInvitationStatus} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
