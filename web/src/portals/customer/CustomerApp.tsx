import { HomeOutlined, LockOutlined, MailOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formatTime } from '../../components/format';
import { pickText } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { ActivatePage } from '../../auth/ActivatePage';
import { ForgotPasswordPage } from '../../auth/ForgotPasswordPage';
import { LoginPage } from '../../auth/LoginPage';
import { DemoInboxPage } from '../../pages/DemoInboxPage';
import { RegisterPage } from '../../auth/RegisterPage';
import { RequirePortal } from '../../auth/RequirePortal';
import { useMe } from '../../auth/session';
import { ComingSoon } from '../../components/ComingSoon';
import { SideLayout } from '../../components/SideLayout';
import { ChangePasswordPage } from '../../pages/ChangePasswordPage';
import { InboxPage } from '../../pages/InboxPage';
import { ProfilePage } from '../../pages/ProfilePage';
import { RealNamePage } from '../../pages/RealNamePage';

const BASE = '/customer';
const HOME = `${BASE}/account`;

function Overview() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Card title={t('layout.accountCenter')}>
      <Typography.Title level={4} data-testid="home-welcome">
        {t('home.welcome', { name: me?.actor.displayName ?? '' })}
      </Typography.Title>
    </Card>
  );
}

/**
 * 账号中心 > 我的合作伙伴 › 合作伙伴信息: the associated partner, the association type and its 客户联系人
 * (or the partner administrator when it has set none; guide L3536).
 */
function MyPartners() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['customer', 'partners'], queryFn: () => api.GET('/api/customer/partners') });
  const items = query.data?.items ?? [];
  return (
    <Card title={t('customer.myPartners')} loading={query.isLoading}>
      {items.length === 0 ? (
        <Empty description={t('customer.myPartnersEmpty')} data-testid="my-partners-empty" />
      ) : (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('customer.partnerInfo'),
              children: items.map((p) => (
                <div key={p.partnerId} data-testid="my-partner">
                  <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
                    <Descriptions.Item label={t('customer.partnerName')}>
                      <span data-testid="my-partner-name">{p.partnerName}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('customer.associationType')}>
                      <Tag color="blue" data-testid="my-partner-type">{pickText(p.associationTypeName)}</Tag>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('customer.associatedAt')}>{formatTime(p.associatedAt)}</Descriptions.Item>
                  </Descriptions>
                  <Typography.Title level={5}>{p.contactsSource === 'contacts' ? t('customer.contacts') : t('customer.adminContact')}</Typography.Title>
                  <Table
                    rowKey={(c) => `${c.name}-${c.mobile}`}
                    size="small"
                    pagination={false}
                    dataSource={p.contacts}
                    data-testid="my-partner-contacts"
                    columns={[
                      { title: t('org.name'), dataIndex: 'name' },
                      { title: t('org.position'), dataIndex: 'position', render: (v: string | null) => v ?? '-' },
                      { title: t('org.mobile'), dataIndex: 'mobile' },
                      { title: t('org.email'), dataIndex: 'email', render: (v: string | null) => v ?? '-' },
                      { title: t('org.landline'), dataIndex: 'landline', render: (v: string | null) => v ?? '-' },
                    ]}
                  />
                </div>
              )),
            },
          ]}
        />
      )}
    </Card>
  );
}

function CustomerLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SideLayout
      portal="customer"
      brand={t('app.customer')}
      homePath={HOME}
      inboxPath={`${BASE}/inbox`}
      items={[
        { path: HOME, label: t('customer.overview'), icon: <HomeOutlined />, testId: 'nav-overview' },
        { path: `${BASE}/partners`, label: t('customer.myPartners'), icon: <TeamOutlined />, testId: 'nav-my-partners' },
        { path: `${BASE}/inbox`, label: t('layout.inbox'), icon: <MailOutlined />, testId: 'nav-inbox' },
        { path: `${BASE}/profile`, label: t('customer.profile'), icon: <UserOutlined />, testId: 'nav-profile' },
        { path: `${BASE}/password`, label: t('layout.changePassword'), icon: <LockOutlined />, testId: 'nav-password' },
      ]}
      userItems={[
        { key: 'profile', label: t('customer.profile'), onClick: () => navigate(`${BASE}/profile`) },
        { key: 'inbox', label: t('layout.inbox'), onClick: () => navigate(`${BASE}/inbox`) },
        { key: 'password', label: t('layout.changePassword'), onClick: () => navigate(`${BASE}/password`) },
      ]}
    />
  );
}

export default function CustomerApp() {
  return (
    <Routes>
      <Route path="demo-inbox" element={<DemoInboxPage />} />
      <Route path="login" element={<LoginPage portal="customer" homePath={HOME} />} />
      <Route path="register" element={<RegisterPage portal="customer" />} />
      <Route path="activate" element={<ActivatePage portal="customer" homePath={HOME} />} />
      <Route path="forgot-password" element={<ForgotPasswordPage portal="customer" />} />
      <Route
        element={
          <RequirePortal portal="customer">
            <CustomerLayout />
          </RequirePortal>
        }
      >
        <Route index element={<Navigate to="account" replace />} />
        <Route path="account" element={<Overview />} />
        <Route path="partners" element={<MyPartners />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="real-name" element={<RealNamePage />} />
        <Route path="password" element={<ChangePasswordPage homePath={HOME} />} />
        <Route path="*" element={<ComingSoon homeTo={HOME} />} />
      </Route>
    </Routes>
  );
}
