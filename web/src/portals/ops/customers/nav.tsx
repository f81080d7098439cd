import { ContactsOutlined } from '@ant-design/icons';
import type { SideItem } from '../../../components/SideLayout';
import { useTx } from '../../partner/paths/ui';
import { CUSTOMERS_OPS_PATH } from './CustomersOpsPage';
import { T } from './text';

function Label() {
  const tx = useTx();
  return <>{tx(T.menu)}</>;
}

/** The console's menu entry for 客户运营 (association history, customer alerts, adjustments). */
export function customersNavItems(): SideItem[] {
  return [{ path: CUSTOMERS_OPS_PATH, label: <Label />, icon: <ContactsOutlined />, testId: 'nav-customers' }];
}
