import { Card, Space, Tabs, Typography } from 'antd';
import { Route, Routes, useSearchParams } from 'react-router';
import { useTx } from '../paths/ui';
import { useMemberships } from './api';
import { AgreementsPage } from './AgreementsPage';
import { ApplicationDetailPage } from './ApplicationDetailPage';
import { AppliedTab } from './AppliedTab';
import { ApplyPage } from './ApplyPage';
import { CatalogueTab } from './CatalogueTab';
import { JoinedTab, MembershipDetailPage } from './JoinedTab';
import { JoinPage } from './JoinPage';
import { LevelUpgradePage, UpgradeDetailPage } from './LevelUpgradePage';
import { AcceptInvitationPage, MyDistributorTab } from './ResellerPages';
import { T } from './text';

/**
 * 计划 (/programs/*): 华为云伙伴计划 with its tabs, the application wizard and details, the plans
 * joined at once, 提升等级, the reseller's invitation page and 合作承诺与协议 (/programs/agreements).
 */
export function ProgramRoutes() {
  return (
    <Routes>
      <Route index element={<ProgramsPage />} />
      <Route path="apply/:program" element={<ApplyPage />} />
      <Route path="join/:program" element={<JoinPage />} />
      <Route path="applications/:id" element={<ApplicationDetailPage />} />
      <Route path="memberships/:id" element={<MembershipDetailPage />} />
      <Route path="level-upgrade" element={<LevelUpgradePage />} />
      <Route path="level-upgrades/:id" element={<UpgradeDetailPage />} />
      <Route path="distributor-invitations/:id" element={<AcceptInvitationPage />} />
      <Route path="agreements" element={<AgreementsPage />} />
      <Route path="*" element={<ProgramsPage />} />
    </Routes>
  );
}

const TABS = ['catalogue', 'applied', 'joined', 'distributor'] as const;

/** 计划 > 华为云伙伴计划: 可申请计划 · 已申请伙伴计划 · 已加入伙伴计划 (· 我的总经销商 for resellers). */
export function ProgramsPage() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const memberships = useMemberships();
  const requested = params.get('tab') ?? 'catalogue';
  const tab = (TABS as readonly string[]).includes(requested) ? requested : 'catalogue';
  const isReseller = (memberships.data?.items ?? []).some((m) => m.program === 'reseller') || tab === 'distributor';
  const items = [
    { key: 'catalogue', label: <span data-testid="tab-catalogue">{tx(T.tabCatalogue)}</span>, children: <CatalogueTab /> },
    { key: 'applied', label: <span data-testid="tab-applied">{tx(T.tabApplied)}</span>, children: <AppliedTab /> },
    { key: 'joined', label: <span data-testid="tab-joined">{tx(T.tabJoined)}</span>, children: <JoinedTab /> },
    ...(isReseller ? [{ key: 'distributor', label: <span data-testid="tab-my-distributor">{tx(T.tabMyDistributor)}</span>, children: <MyDistributorTab /> }] : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card data-testid="programs-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {tx(T.title)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tx(T.intro)}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} destroyOnHidden items={items} />
      </Card>
    </Space>
  );
}
