import { Alert, Button, Card, Descriptions, Drawer, Empty, Input, List, Rate, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import { KEYS, type Company, type CompanyDetail } from '../api';
import { T, tx } from '../text';

type Summary = Record<string, string | number | null>;
interface Details {
  basic?: Record<string, string>;
  graphs?: { structure?: string[]; shareholders?: { name: string; ratio: string }[]; relations?: string[] };
  cloud?: { providers?: { provider: string; region: string; url: string; ip: string }[] };
  development?: { financing?: { stage: string; amount: string; investors: string; date: string }[]; apps?: { name: string; category: string; publishedAt: string }[]; brands?: string[]; rankings?: string[] };
  ip?: { copyrights?: { regNo: string; shortName: string; fullName: string; version: string; publishedAt: string }[]; patents?: { name: string; type: string; grantNo: string; appliedAt: string }[] };
}

const SUMMARY_KEYS = ['cloudSpendBand', 'cloudVendor', 'registrationStatus', 'registeredCapital', 'foundedOn', 'nationalIndustry', 'listed', 'huaweiCloudIndustry', 'website'] as const;

/** The summary block (上云钱包厚度 … 企业网址, 上云活跃度 as stars). */
export function CompanySummary({ company }: { company: Pick<Company, 'activityStars' | 'summary'> }) {
  const s = company.summary as Summary;
  const label = (k: keyof typeof T.summaryLabels) => tx(T.summaryLabels[k]);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'band', label: label('cloudSpendBand'), children: s.cloudSpendBand ?? '--' },
        { key: 'act', label: label('activity'), children: <Rate disabled value={company.activityStars} count={5} style={{ fontSize: 14 }} /> },
        ...SUMMARY_KEYS.filter((k) => k !== 'cloudSpendBand').map((k) => ({ key: k, label: label(k), children: s[k] ?? '--' })),
      ]}
    />
  );
}

const simpleTable = <R extends object>(rows: R[] | undefined, cols: Record<string, { zh: string; en: string }>, testId: string) => (
  <Table<R>
    size="small"
    rowKey={(_, i) => String(i)}
    pagination={false}
    dataSource={rows ?? []}
    data-testid={testId}
    columns={Object.entries(cols).map(([k, title]) => ({ key: k, title: tx(title), dataIndex: k, render: (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v)) }))}
  />
);

/** 查看更多: the four tabs 企业基本信息 / 上云信息 / 公司发展 / 知识产权 and the disclaimer. */
export function CompanyView({ company }: { company: CompanyDetail }) {
  const d = (company.details ?? {}) as Details;
  return (
    <div data-testid="company-view">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`* ${company.disclaimer}`} data-testid="company-disclaimer" />
      <Typography.Title level={5}>{company.name}</Typography.Title>
      <CompanySummary company={company} />
      <Tabs
        items={[
          {
            key: 'basic',
            label: tx(T.encTabs.basic),
            children: (
              <>
                <Typography.Title level={5}>{tx(T.graphs)}</Typography.Title>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 's', label: tx(T.structure), children: (d.graphs?.structure ?? []).join(' → ') || '—' },
                    { key: 'h', label: tx(T.shareholders), children: (d.graphs?.shareholders ?? []).map((x) => `${x.name} ${x.ratio}`).join('；') || '—' },
                    { key: 'r', label: tx(T.relations), children: (d.graphs?.relations ?? []).join('；') || '—' },
                  ]}
                />
                <Typography.Title level={5}>{tx(T.registration)}</Typography.Title>
                <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={Object.entries(d.basic ?? {}).map(([k, v]) => ({ key: k, label: k, children: v }))} />
              </>
            ),
          },
          {
            key: 'cloud',
            label: tx(T.encTabs.cloud),
            children: (
              <>
                <CompanySummary company={company} />
                {simpleTable(d.cloud?.providers, T.providerCols, 'company-providers')}
              </>
            ),
          },
          {
            key: 'dev',
            label: tx(T.encTabs.development),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Title level={5}>{tx(T.financing)}</Typography.Title>
                {simpleTable(d.development?.financing, T.financingCols, 'company-financing')}
                <Typography.Title level={5}>{tx(T.apps)}</Typography.Title>
                {simpleTable(d.development?.apps, T.appCols, 'company-apps')}
                <Typography.Title level={5}>{tx(T.brands)}</Typography.Title>
                <div>{(d.development?.brands ?? []).map((x) => <Tag key={x}>{x}</Tag>)}</div>
                <Typography.Title level={5}>{tx(T.rankings)}</Typography.Title>
                <div>{(d.development?.rankings ?? []).map((x) => <Tag key={x}>{x}</Tag>)}</div>
              </Space>
            ),
          },
          {
            key: 'ip',
            label: tx(T.encTabs.ip),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Title level={5}>{tx(T.copyrights)}</Typography.Title>
                {simpleTable(d.ip?.copyrights, T.copyrightCols, 'company-copyrights')}
                <Typography.Title level={5}>{tx(T.patents)}</Typography.Title>
                {simpleTable(d.ip?.patents, T.patentCols, 'company-patents')}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

/** 企业百科 (op 11, guide 8516–8578): search by company name → 报备客户 or 查看更多. */
export function EncyclopediaTab({ onReport }: { onReport: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [...KEYS.encyclopedia, name, page],
    queryFn: () => api.GET('/api/customers/encyclopedia', { params: { query: { name, page, pageSize: 10 } } }),
    enabled: !!name,
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: [...KEYS.encyclopedia, 'detail', openId],
    queryFn: () => api.GET('/api/customers/encyclopedia/detail', { params: { query: { id: openId! } } }),
    enabled: !!openId,
  });
  return (
    <>
      <Input.Search
        placeholder={tx(T.enterCompany)}
        enterButton={t('common.search')}
        allowClear
        style={{ maxWidth: 520, marginBottom: 16 }}
        aria-label={tx(T.enterCompany)}
        data-testid="encyclopedia-search"
        onSearch={(v) => {
          setName(v.trim());
          setPage(1);
        }}
      />
      {!name ? (
        <Empty description={tx(T.encyclopediaStart)} />
      ) : (
        <List<Company>
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty description={<span data-testid="encyclopedia-empty">{tx(T.encyclopediaEmpty)}</span>} /> }}
          data-testid="encyclopedia-results"
          pagination={q.data && q.data.total > 10 ? { current: page, pageSize: 10, total: q.data.total, onChange: setPage } : false}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Card
                size="small"
                style={{ width: '100%' }}
                title={c.name}
                data-testid={`company-${c.id}`}
                extra={
                  <Space>
                    <Button onClick={() => onReport(c.name)} data-testid={`company-report-${c.id}`}>
                      {tx(T.reportCustomer)}
                    </Button>
                    <Button type="link" onClick={() => setOpenId(c.id)} data-testid={`company-more-${c.id}`}>
                      {tx(T.viewMore)}
                    </Button>
                  </Space>
                }
              >
                <CompanySummary company={c} />
              </Card>
            </List.Item>
          )}
        />
      )}
      <Drawer open={!!openId} size="large" title={tx(T.tabEncyclopedia)} onClose={() => setOpenId(null)} destroyOnHidden>
        {detail.data ? <CompanyView company={detail.data} /> : <Spin />}
      </Drawer>
    </>
  );
}
