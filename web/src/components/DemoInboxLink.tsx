import { MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** In the demo, SMS and e-mail codes land in the demo inbox; login and registration link to it. */
export function DemoInboxLink({ address }: { address?: string }) {
  const { t } = useTranslation();
  // Under the portal's prefix, so a new tab is served by the server's SPA fallback.
  const portal = useLocation().pathname.split('/')[1] || 'partner';
  const base = `/${portal}/demo-inbox`;
  const to = address ? `${base}?address=${encodeURIComponent(address)}` : base;
  return (
    <Link to={to} target="_blank" data-testid="demo-inbox-link">
      <MailOutlined /> {t('common.demoInbox')}
    </Link>
  );
}
