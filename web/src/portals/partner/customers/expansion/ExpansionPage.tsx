import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { T, tx } from '../text';
import { EncyclopediaTab } from './Encyclopedia';
import { OfflineTab } from './OfflineTab';
import { OnlineTab } from './OnlineTab';
import { RecordsTab } from './RecordsTab';

const TABS = ['online', 'offline', 'records', 'encyclopedia'] as const;

/** 销售 > 拓新 > 客户拓展: tabs 线上拓展 / 线下拓展 / 拓展记录 / 企业百科 (the tab is kept in ?tab=). */
export function ExpansionPage() {
  useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'online';
  // 企业百科 → 报备客户 opens the report form on 线上拓展 with the company's name
  const [reportName, setReportName] = useState<string | undefined>();
  return (
    <Card title={<span data-testid="expansion-title">{tx(T.expansionTitle)}</span>}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'online', label: <span data-testid="tab-online">{tx(T.tabOnline)}</span>, children: <OnlineTab reportName={reportName} onReportDone={() => setReportName(undefined)} /> },
          { key: 'offline', label: <span data-testid="tab-offline">{tx(T.tabOffline)}</span>, children: <OfflineTab /> },
          { key: 'records', label: <span data-testid="tab-records">{tx(T.tabRecords)}</span>, children: <RecordsTab /> },
          {
            key: 'encyclopedia',
            label: <span data-testid="tab-encyclopedia">{tx(T.tabEncyclopedia)}</span>,
            children: (
              <EncyclopediaTab
                onReport={(name) => {
                  setReportName(name);
                  setParams({ tab: 'online' }, { replace: true });
                }}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
