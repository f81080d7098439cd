import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/session';
import { ProfilePage } from '../../../pages/ProfilePage';
import { AccountsTab } from './AccountsTab';
import { CompanyInfoTab } from './CompanyInfoTab';
import { T, tx } from './text';

/**
 * 伙伴信息 > 基本信息: tabs 公司信息 / 账号信息 (this folder) before 个人资料 / 消息接收设置 (the profile page).
 * A personal (employee) account has no company, so it sees only its own profile.
 */
export function BasicInfoPage() {
  useTranslation();
  const { data: me } = useMe();
  const partner = me?.actor.kind === 'partner';
  return (
    <ProfilePage
      extraTabs={
        partner
          ? [
              { key: 'company', label: tx(T.tabCompany), children: <CompanyInfoTab /> },
              { key: 'accounts', label: tx(T.tabAccounts), children: <AccountsTab /> },
            ]
          : []
      }
    />
  );
}
