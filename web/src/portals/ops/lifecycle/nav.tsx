import { ReconciliationOutlined, SendOutlined } from '@ant-design/icons';
import type { SideItem } from '../../../components/SideLayout';
import { useTx } from '../../partner/paths/ui';
import { T } from './text';

function Label({ text }: { text: { zh: string; en: string } }) {
  const tx = useTx();
  return <>{tx(text)}</>;
}

/** The console's menu entries for the partner-lifecycle pages beyond the review queue. */
export function lifecycleNavItems(base: string): SideItem[] {
  return [
    { path: `${base}/paths/invitations`, label: <Label text={T.invitations} />, icon: <SendOutlined />, testId: 'nav-path-invitations' },
    { path: `${base}/paths/annual-reviews`, label: <Label text={T.annualReviews} />, icon: <ReconciliationOutlined />, testId: 'nav-annual-reviews' },
  ];
}
