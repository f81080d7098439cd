import { Route, Routes } from 'react-router';
import { AdjustmentsPage } from './manage/AdjustmentsPage';
import { AllocateCustomersPage, AssignmentPage, ManagerCustomersPage } from './manage/AssignmentPages';
import { BudgetPage } from './manage/BudgetPage';
import { CustomerDetailPage } from './manage/CustomerDetailPage';
import { CustomersPage } from './manage/CustomersPage';
import { EventsPage } from './manage/EventsPage';
import { ResourcesPage } from './manage/ResourcesView';

export { ExpansionPage } from './expansion/ExpansionPage';
export { AlertsPage } from './manage/AlertsPage';

/**
 * 销售 > 客户 > 客户管理 (/sales/customers/*) and 客户分配 (/sales/customers/assignment/*, its own menu leaf):
 * the list, its sub-pages (关联关系操作记录, 调账记录, 伙伴预算提醒) and a customer's detail and resources.
 */
export function CustomerRoutes() {
  return (
    <Routes>
      <Route index element={<CustomersPage />} />
      <Route path="events" element={<EventsPage />} />
      <Route path="adjustments" element={<AdjustmentsPage />} />
      <Route path="budget-reminders" element={<BudgetPage />} />
      <Route path="assignment" element={<AssignmentPage />} />
      <Route path="assignment/:memberId" element={<ManagerCustomersPage />} />
      <Route path="assignment/:memberId/allocate" element={<AllocateCustomersPage />} />
      <Route path=":customerId" element={<CustomerDetailPage />} />
      <Route path=":customerId/resources" element={<ResourcesPage />} />
    </Routes>
  );
}
