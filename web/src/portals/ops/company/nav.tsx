import { BankOutlined } from '@ant-design/icons';
import type { SideItem } from '../../../components/SideLayout';
import { COMPANY_OPS_BASE } from './BusinessInfoOpsPage';
import { T, tx } from './text';

/** The console's menu entry for company and business information beyond the review queue. */
export function companyNavItems(): SideItem[] {
  return [{ path: COMPANY_OPS_BASE, label: tx(T.menu), icon: <BankOutlined />, testId: 'nav-business-info' }];
}
