import { AuditOutlined, CheckSquareOutlined, LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { LoginPage } from '../../auth/LoginPage';
import { DemoInboxPage } from '../../pages/DemoInboxPage';
import { RequirePortal } from '../../auth/RequirePortal';
import { ComingSoon } from '../../components/ComingSoon';
import { SideLayout } from '../../components/SideLayout';
import { ChangePasswordPage } from '../../pages/ChangePasswordPage';
import { InboxPage } from '../../pages/InboxPage';
import { AuditPage } from './AuditPage';
import { TeamOutlined } from '@ant-design/icons';
import { PartnersPage } from './partners/PartnersPage';
import { PartnerDetailPage } from './partners/PartnerDetailPage';
import { T as PARTNER_TEXT, tx } from './partners/text';
import { ReviewDetailPage } from './ReviewDetailPage';
import { OPS_BASE, ReviewsPage } from './ReviewsPage';
import { lifecycleNavItems } from './lifecycle/nav';
import { PathInvitationsPage } from './lifecycle/PathInvitationsPage';
import { AnnualReviewsPage } from './lifecycle/AnnualReviewsPage';
import { BusinessInfoOpsPage } from './company/BusinessInfoOpsPage';
import { companyNavItems } from './company/nav';
import { programsNavItems } from './programs/nav';
import { customersNavItems } from './customers/nav';
import { CustomersOpsPage } from './customers/CustomersOpsPage';
import { ProgramsOpsPage } from './programs/ProgramsOpsPage';

const HOME = `${OPS_BASE}/reviews`;

function OpsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SideLayout
      portal="ops"
      brand={t('app.ops')}
      homePath={HOME}
      inboxPath={`${OPS_BASE}/inbox`}
      items={[
        { path: HOME, label: t('ops.reviews'), icon: <CheckSquareOutlined />, testId: 'nav-reviews' },
        { path: `${OPS_BASE}/partners`, label: tx(PARTNER_TEXT.menu), icon: <TeamOutlined />, testId: 'nav-partners' },
        ...lifecycleNavItems(OPS_BASE),
        ...companyNavItems(),
        ...programsNavItems(),
        ...customersNavItems(),
        { path: `${OPS_BASE}/audit`, label: t('ops.audit'), icon: <AuditOutlined />, testId: 'nav-audit' },
        { path: `${OPS_BASE}/inbox`, label: t('layout.inbox'), icon: <MailOutlined />, testId: 'nav-inbox' },
        { path: `${OPS_BASE}/password`, label: t('layout.changePassword'), icon: <LockOutlined />, testId: 'nav-password' },
      ]}
      userItems={[
        { key: 'inbox', label: t('layout.inbox'), onClick: () => navigate(`${OPS_BASE}/inbox`) },
        { key: 'password', label: t('layout.changePassword'), onClick: () => navigate(`${OPS_BASE}/password`) },
      ]}
    />
  );
}

export default function OpsApp() {
  return (
    <Routes>
      <Route path="demo-inbox" element={<DemoInboxPage />} />
      <Route path="login" element={<LoginPage portal="ops" homePath={HOME} />} />
      <Route
        element={
          <RequirePortal portal="ops">
            <OpsLayout />
          </RequirePortal>
        }
      >
        <Route index element={<Navigate to="reviews" replace />} />
        <Route path="reviews" element={<ReviewsPage />} />
        <Route path="reviews/:id" element={<ReviewDetailPage />} />
        <Route path="partners" element={<PartnersPage />} />
        <Route path="partners/:partnerId" element={<PartnerDetailPage />} />
        <Route path="paths/invitations" element={<PathInvitationsPage />} />
        <Route path="paths/annual-reviews" element={<AnnualReviewsPage base={OPS_BASE} />} />
        <Route path="company/business-info" element={<BusinessInfoOpsPage />} />
        <Route path="programs" element={<ProgramsOpsPage />} />
        <Route path="customers" element={<CustomersOpsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="password" element={<ChangePasswordPage homePath={HOME} />} />
        <Route path="*" element={<ComingSoon homeTo={HOME} />} />
      </Route>
    </Routes>
  );
}
