import { Alert, Button, Card, DatePicker, Descriptions, Input, Space, Table, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type ApiData } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { formatTime } from '../../../../components/format';
import { KEYS, ROUTES } from '../api';
import { T, tx } from '../text';
import { emptyText } from '../ui';

type Resource = ApiData<'/api/customers/resources/{customerId}', 'get'>['items'][number];

/**
 * 查看资源 (op 22, guide 9215–9325): tabs 包周期资源 / 按需资源; 按需 shows the last month by default and
 * 开通时间 widens the range; 名称/ID search (in SQL: a name fragment or the exact ID). The rows come from the cloud module.
 */
export function ResourcesView({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'prepaid' | 'on-demand'>('prepaid');
  const [page, setPage] = useState(1);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [search, setSearch] = useState('');
  const q = useQuery({
    queryKey: [...KEYS.resources, customerId, tab, page, search, range?.[0]?.toISOString(), range?.[1]?.toISOString()],
    queryFn: () =>
      api.GET('/api/customers/resources/{customerId}', {
        params: {
          path: { customerId },
          query: { tab, page, pageSize: 10, keyword: search || undefined, from: tab === 'on-demand' ? range?.[0]?.startOf('day').toISOString() : undefined, to: tab === 'on-demand' ? range?.[1]?.endOf('day').toISOString() : undefined },
        },
      }),
    placeholderData: keepPreviousData,
  });
  const c = T.resourceCols;
  const common: TableColumnsType<Resource> = [
    { key: 'name', title: tx(c.name), render: (_, r) => `${r.name}/${r.id}` },
    ...(tab === 'on-demand' ? [{ key: 'tag', title: tx(c.tag), render: (_: unknown, r: Resource) => r.tag ?? '--' }] : []),
    { key: 'type', title: tx(c.productType), dataIndex: 'productType' },
    { key: 'spec', title: tx(c.spec), dataIndex: 'spec' },
    { key: 'region', title: tx(c.region), render: (_, r) => r.region ?? '--' },
    { key: 'status', title: tx(c.status), dataIndex: 'status' },
  ];
  const columns: TableColumnsType<Resource> =
    tab === 'prepaid'
      ? [
          ...common,
          { key: 'period', title: tx(c.period), render: (_, r) => `${formatTime(r.startsAt)} / ${formatTime(r.endsAt)}` },
          { key: 'expiry', title: tx(c.expiryHandling), render: (_, r) => r.expiryHandling ?? '--' },
          { key: 'order', title: tx(c.orderNo), render: (_, r) => r.orderNo ?? '--' },
        ]
      : [...common, { key: 'start', title: tx(c.startsAt), render: (_, r) => formatTime(r.startsAt) }, { key: 'paying', title: tx(c.payingAccount), render: (_, r) => r.payingAccount ?? '--' }];
  const rows = q.data?.items ?? [];
  return (
    <div data-testid="resources-view">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as 'prepaid' | 'on-demand');
          setPage(1);
        }}
        items={[
          { key: 'prepaid', label: <span data-testid="tab-prepaid">{tx(T.prepaid)}</span> },
          { key: 'on-demand', label: <span data-testid="tab-on-demand">{tx(T.onDemand)}</span> },
        ]}
      />
      {tab === 'on-demand' && <Alert type="info" style={{ marginBottom: 12 }} title={`* ${tx(T.onDemandNote)}`} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={tx(c.name)} aria-label={tx(c.name)} onSearch={(v) => (setSearch(v.trim()), setPage(1))} style={{ width: 240 }} enterButton={t('common.search')} />
        {tab === 'on-demand' && (
          <Space>
            {tx(T.openedRange)}
            <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v), setPage(1))} allowEmpty={[true, true]} aria-label={tx(T.openedRange)} />
          </Space>
        )}
      </Space>
      {q.data?.note && <Alert type="warning" style={{ marginBottom: 12 }} title={q.data.note} data-testid="resources-note" />}
      <Table<Resource>
        rowKey="id"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        data-testid="resources-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.resourcesEmpty, 'resources-empty')}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      />
    </div>
  );
}

/** 更多 > 查看资源 as a page: the customer's name and account above the two tabs. */
export function ResourcesPage() {
  const { customerId = '' } = useParams();
  const c = useQuery({
    queryKey: [...KEYS.customer, customerId],
    queryFn: () => api.GET('/api/customers/{customerId}', { params: { path: { customerId } } }),
  });
  return (
    <Card title={<span data-testid="resources-title">{tx(T.resourcesTitle)}</span>} extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>}>
      {c.error && <Alert type="error" title={(c.error as Error).message} />}
      {c.data && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 8 }}
          items={[
            { key: 'n', label: tx(T.customerName), children: c.data.customerName },
            { key: 'a', label: tx(T.accountName), children: c.data.accountName },
          ]}
        />
      )}
      {c.data && <ResourcesView customerId={customerId} />}
      {!c.data && !c.error && <Button loading type="text" />}
    </Card>
  );
}
