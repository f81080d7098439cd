import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ActivatePage } from '../../auth/ActivatePage';
import { ForgotPasswordPage } from '../../auth/ForgotPasswordPage';
import { LoginPage } from '../../auth/LoginPage';
import { DemoInboxPage } from '../../pages/DemoInboxPage';
import { RegisterPage } from '../../auth/RegisterPage';
import { RequirePortal } from '../../auth/RequirePortal';
import { useMe } from '../../auth/session';
import { ComingSoon } from '../../components/ComingSoon';
import { pickText } from '../../i18n';
import { ChangePasswordPage } from '../../pages/ChangePasswordPage';
import { ExportsPage } from '../../pages/ExportsPage';
import { InboxPage } from '../../pages/InboxPage';
import { RealNamePage } from '../../pages/RealNamePage';
import { EmployeeInvitationsPage } from './employee/EmployeeInvitationsPage';
import { QualificationsPage } from './employee/QualificationsPage';
import { HomePage } from './HomePage';
import { matchLeaf, PARTNER_BASE } from './menu';
import { MemberCreatePage } from './org/MemberCreatePage';
import { MemberDetailPage } from './org/MemberDetailPage';
import { MembersPage } from './org/MembersPage';
import { SpecialistsPage } from './org/SpecialistsPage';
import { PartnerLayout } from './PartnerLayout';
import { HcpnPage } from './hcpn/HcpnPage';
import { PathRoutes, PathsRedirect } from './paths/PathRoutes';
import { SolutionRoutes } from './solutions/SolutionRoutes';
import { CapabilityRoutes } from './capabilities/CapabilityRoutes';
import { BasicInfoPage } from './company/BasicInfoPage';
import { BusinessInfoPage } from './company/BusinessInfoPage';
import { MaterialsPage } from './company/MaterialsPage';
import { ProgramRoutes } from './programs/ProgramRoutes';
import { ScorecardPage } from './programs/ScorecardPage';
import { ResellerManagementPage } from './programs/ResellerManagementPage';
import { QuickRegisterPage } from './programs/QuickRegisterPage';
import { AlertsPage, CustomerRoutes, ExpansionPage } from './customers/CustomerRoutes';
import { OrdersPage } from './orders/OrdersPage';
import { ConsumptionPage } from './consumption/ConsumptionPage';

const HOME = `${PARTNER_BASE}/home`;

/** Any menu route whose module is not built yet: a friendly "功能建设中" titled by the menu. */
function MenuPlaceholder() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const leaf = matchLeaf(me?.menus ?? [], location.pathname);
  const title = leaf ? leaf.trail.map(pickText).join(' > ') : location.pathname.replace(PARTNER_BASE + '/', '');
  return <ComingSoon title={title || t('common.comingSoon')} homeTo={HOME} />;
}

export default function PartnerApp() {
  return (
    <Routes>
      <Route path="demo-inbox" element={<DemoInboxPage />} />
      <Route path="login" element={<LoginPage portal="partner" homePath={HOME} />} />
      <Route path="register" element={<RegisterPage portal="partner" />} />
      <Route path="activate" element={<ActivatePage portal="partner" homePath={HOME} />} />
      <Route path="forgot-password" element={<ForgotPasswordPage portal="partner" />} />
      <Route path="quick-register" element={<QuickRegisterPage />} />
      <Route
        element={
          <RequirePortal portal="partner">
            <PartnerLayout />
          </RequirePortal>
        }
      >
        <Route index element={<Navigate to="home" replace />} />
        <Route path="home" element={<HomePage />} />
        <Route path="hcpn" element={<HcpnPage />} />
        <Route path="home/paths/*" element={<PathRoutes />} />
        <Route path="paths" element={<PathsRedirect />} />
        <Route path="build/cloud-software/*" element={<SolutionRoutes kind="cloud" />} />
        <Route path="build/advanced-software/*" element={<SolutionRoutes kind="advanced" />} />
        <Route path="capabilities/*" element={<CapabilityRoutes />} />
        <Route path="programs/*" element={<ProgramRoutes />} />
        <Route path="home/scorecard" element={<ScorecardPage />} />
        <Route path="sales/resellers" element={<ResellerManagementPage />} />
        <Route path="sales/expansion" element={<ExpansionPage />} />
        <Route path="sales/customers/*" element={<CustomerRoutes />} />
        <Route path="sales/alerts" element={<AlertsPage />} />
        <Route path="sales/orders" element={<OrdersPage />} />
        <Route path="sales/consumption" element={<ConsumptionPage />} />
        <Route path="org/members" element={<MembersPage />} />
        <Route path="org/members/create" element={<MemberCreatePage />} />
        <Route path="org/members/:id" element={<MemberDetailPage />} />
        <Route path="org/specialists" element={<SpecialistsPage />} />
        <Route path="info/basic" element={<BasicInfoPage />} />
        <Route path="info/business" element={<BusinessInfoPage />} />
        <Route path="info/cases" element={<MaterialsPage kind="cases" />} />
        <Route path="info/plans" element={<MaterialsPage kind="plans" />} />
        <Route path="real-name" element={<RealNamePage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="exports" element={<ExportsPage />} />
        <Route path="password" element={<ChangePasswordPage homePath={HOME} />} />
        <Route path="me/invitations" element={<EmployeeInvitationsPage />} />
        <Route path="me/invitations/:id" element={<EmployeeInvitationsPage />} />
        <Route path="me/qualifications" element={<QualificationsPage />} />
        <Route path="*" element={<MenuPlaceholder />} />
      </Route>
    </Routes>
  );
}
