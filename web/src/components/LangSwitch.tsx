import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Lang } from '../i18n';

/** Header language switch: writes `pc_lang`, switches i18next, refetches server texts. */
export function LangSwitch({ dark }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const choose = (lang: Lang) => {
    changeLanguage(lang);
    void qc.invalidateQueries();
  };
  return (
    <Dropdown
      menu={{
        selectedKeys: [i18n.language],
        items: [
          { key: 'zh-CN', label: t('common.chinese'), onClick: () => choose('zh-CN') },
          { key: 'en-US', label: t('common.english'), onClick: () => choose('en-US') },
        ],
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} style={dark ? { color: '#fff' } : undefined} data-testid="lang-switch" aria-label={t('common.language')}>
        {i18n.language === 'en-US' ? 'English' : '中文'}
      </Button>
    </Dropdown>
  );
}
