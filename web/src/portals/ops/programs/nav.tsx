import { AppstoreOutlined } from '@ant-design/icons';
import type { SideItem } from '../../../components/SideLayout';
import { useTx } from '../../partner/paths/ui';
import { T } from './text';

export const PROGRAMS_OPS_PATH = '/ops/programs';

function Label() {
  const tx = useTx();
  return <>{tx(T.menu)}</>;
}

/** The console's menu entry for 伙伴计划 (members, distributor invitations, scorecards, assessments). */
export function programsNavItems(): SideItem[] {
  return [{ path: PROGRAMS_OPS_PATH, label: <Label />, icon: <AppstoreOutlined />, testId: 'nav-programs' }];
}
