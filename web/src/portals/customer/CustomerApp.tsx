import { AppstoreOutlined, AuditOutlined, CloudServerOutlined, HomeOutlined, LockOutlined, MailOutlined, ProfileOutlined, TeamOutlined, UserOutlined, WalletOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
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
import { AuditPage } from './AuditPage';
import { BillingPage } from './BillingPage';
import { BuyPage } from './cloud/BuyPage';
import { OrdersPage } from './cloud/OrdersPage';
import { PayPage } from './cloud/PayPage';
import { ProductPage } from './cloud/ProductPage';
import { ProductsPage } from './cloud/ProductsPage';
import { ResourcesPage } from './cloud/ResourcesPage';
import { C } from './cloud/text';
import { EventsPage } from './EventsPage';
import { InvitationPage } from './InvitationPage';
import { PartnersPage } from './PartnersPage';
import { T } from './text';
import { UnbindPage } from './UnbindPage';
import { useTx } from './ui';

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

function CustomerLayout() {
  const { t } = useTranslation();
  const tx = useTx();
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
        { path: `${BASE}/products`, label: tx(C.nav.products), icon: <AppstoreOutlined />, testId: 'nav-products' },
        { path: `${BASE}/orders`, label: tx(C.nav.orders), icon: <ProfileOutlined />, testId: 'nav-orders' },
        { path: `${BASE}/resources`, label: tx(C.nav.resources), icon: <CloudServerOutlined />, testId: 'nav-resources' },
        { path: `${BASE}/billing`, label: tx(T.nav.billing), icon: <WalletOutlined />, testId: 'nav-billing' },
        { path: `${BASE}/audit`, label: tx(T.nav.audit), icon: <AuditOutlined />, testId: 'nav-audit' },
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
      {/* the invitation link / QR code (public: the page itself offers 注册并关联 or 登录后关联) */}
      <Route path="invitations/:token" element={<InvitationPage />} />
      <Route
        element={
          <RequirePortal portal="customer">
            <CustomerLayout />
          </RequirePortal>
        }
      >
        <Route index element={<Navigate to="account" replace />} />
        <Route path="account" element={<Overview />} />
        <Route path="partners" element={<PartnersPage tab="info" />} />
        <Route path="partners/authorizations" element={<PartnersPage tab="authorizations" />} />
        <Route path="partners/agreements" element={<PartnersPage tab="agreements" />} />
        <Route path="partners/unbind" element={<UnbindPage />} />
        <Route path="partners/events" element={<EventsPage />} />
        <Route path="billing" element={<BillingPage tab="adjustments" />} />
        <Route path="billing/top-ups" element={<BillingPage tab="top-ups" />} />
        <Route path="billing/consumption" element={<BillingPage tab="consumption" />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="products/:id/buy" element={<BuyPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id/pay" element={<PayPage />} />
        <Route path="resources" element={<ResourcesPage tab="period" />} />
        <Route path="resources/on-demand" element={<ResourcesPage tab="on_demand" />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="real-name" element={<RealNamePage />} />
        <Route path="password" element={<ChangePasswordPage homePath={HOME} />} />
        <Route path="*" element={<ComingSoon homeTo={HOME} />} />
      </Route>
    </Routes>
  );
}
