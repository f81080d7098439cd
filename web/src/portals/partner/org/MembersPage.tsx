import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ContactsTab } from './ContactsTab';
import { PeopleTab } from './PeopleTab';
import { RolesTab } from './RolesTab';

const TABS = ['people', 'roles', 'contacts'] as const;

/** 组织 > 组织成员: tabs 人员管理 / 角色管理 / 客户联系人 (the tab is kept in ?tab=). */
export function MembersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'people';
  return (
    <Card title={t('org.members')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'people', label: <span data-testid="tab-people">{t('org.tabPeople')}</span>, children: <PeopleTab /> },
          { key: 'roles', label: <span data-testid="tab-roles">{t('org.tabRoles')}</span>, children: <RolesTab /> },
          { key: 'contacts', label: <span data-testid="tab-contacts">{t('org.tabContacts')}</span>, children: <ContactsTab /> },
        ]}
      />
    </Card>
  );
}
