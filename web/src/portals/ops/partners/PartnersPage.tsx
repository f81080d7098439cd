import { Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiData, type ApiQuery } from '../../../api/client';
import { formatDate } from '../../../components/format';
import { T, bi, tx } from './text';

export const PARTNERS_BASE = '/ops/partners';

type ListPage = ApiData<'/api/ops/partners', 'get'>;
export type PartnerRow = ListPage['items'][number];
type Query = ApiQuery<'/api/ops/partners'>;

interface FilterValues {
  search?: string;
  path?: Query['path'];
  program?: string;
  hcpnStatus?: Query['hcpnStatus'];
  range?: [Dayjs, Dayjs];
}

type Filters = Omit<Query, 'page' | 'pageSize'>;

const HCPN_COLORS: Record<string, string> = { draft: 'default', in_review: 'processing', rejected: 'error', joined: 'success' };

export function usePartnerOptions() {
  return useQuery({ queryKey: ['ops', 'partners', 'options'], queryFn: () => api.GET('/api/ops/partners/options'), staleTime: Infinity });
}

/** 伙伴管理: every partner account and every account still enrolling, filtered and paged by the server. */
export function PartnersPage() {
  useTranslation(); // re-render on a language switch (texts come from ./text)
  const options = usePartnerOptions();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useQuery({
    queryKey: ['ops', 'partners', 'list', filters, page, pageSize],
    queryFn: () => api.GET('/api/ops/partners', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const named = (items: { key: string; name: { zh: string; en: string } }[] | undefined) => (items ?? []).map((o) => ({ value: o.key, label: bi(o.name) }));

  return (
    <Card title={tx(T.listTitle)}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="partner-filters"
        onFinish={(v) => {
          setFilters({
            search: v.search?.trim() || undefined,
            path: v.path,
            program: v.program,
            hcpnStatus: v.hcpnStatus,
            // a whole-day range: from the first day's start to the day after the last one (exclusive)
            joinedFrom: v.range?.[0]?.startOf('day').toISOString(),
            joinedTo: v.range?.[1]?.add(1, 'day').startOf('day').toISOString(),
          });
          setPage(1);
        }}
      >
        <Form.Item name="search" label={tx(T.search)}>
          <Input allowClear maxLength={100} style={{ width: 280 }} placeholder={tx(T.searchPlaceholder)} data-testid="partner-search" />
        </Form.Item>
        <Form.Item name="path" label={tx(T.path)}>
          <Select allowClear style={{ width: 200 }} options={named(options.data?.paths)} data-testid="partner-path" />
        </Form.Item>
        <Form.Item name="program" label={tx(T.program)}>
          <Select allowClear style={{ width: 220 }} options={named(options.data?.programs)} data-testid="partner-program" />
        </Form.Item>
        <Form.Item name="hcpnStatus" label={tx(T.hcpnStatus)}>
          <Select allowClear style={{ width: 140 }} options={named(options.data?.hcpnStatuses)} data-testid="partner-hcpn-status" />
        </Form.Item>
        <Form.Item name="range" label={tx(T.joinedRange)}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="partner-query">
            {tx(T.query)}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {tx(T.reset)}
          </Button>
        </Space>
      </Form>
      <Table<PartnerRow>
        rowKey={(r) => r.partnerId ?? `account:${r.accountId}`}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        data-testid="partners-table"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.empty)} /> }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.total, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: tx(T.company),
            render: (_, r) => (r.partnerId ? <Link to={`${PARTNERS_BASE}/${r.partnerId}`}>{r.companyName ?? '-'}</Link> : (r.companyName ?? '-')),
          },
          { title: tx(T.uscc), dataIndex: 'uscc', render: (v: string | null) => v ?? '-' },
          { title: tx(T.account), dataIndex: 'accountName' },
          { title: tx(T.mainAccount), render: (_, r) => (r.isMainAccount === null ? '-' : tx(r.isMainAccount ? T.yes : T.no)) },
          {
            title: tx(T.hcpnStatus),
            render: (_, r) => (
              <Tag color={HCPN_COLORS[r.hcpnStatus]} data-testid="partner-hcpn-status-name">
                {bi(r.hcpnStatusName)}
              </Tag>
            ),
          },
          { title: tx(T.joinedAt), dataIndex: 'joinedAt', render: formatDate },
          {
            title: tx(T.paths),
            render: (_, r) =>
              r.paths.length ? (
                <Space size={[4, 4]} wrap>
                  {r.paths.map((p) => (
                    <Tag key={p.path} color={p.status === 'joined' ? 'blue' : 'default'}>
                      {bi(p.name)} · {p.stageName ? bi(p.stageName) : bi(p.statusName)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '-'
              ),
          },
          {
            title: tx(T.programs),
            render: (_, r) =>
              r.programs.length ? (
                <Space size={[4, 4]} wrap>
                  {r.programs.map((p) => (
                    <Tag key={p.key}>{bi(p.name)}</Tag>
                  ))}
                </Space>
              ) : (
                '-'
              ),
          },
          { title: tx(T.certifiedSolutions), dataIndex: 'certifiedSolutions', align: 'right' },
          { title: tx(T.labels), dataIndex: 'passedLabels', align: 'right' },
          {
            title: tx(T.operation),
            fixed: 'right',
            render: (_, r) =>
              r.partnerId ? (
                <Link to={`${PARTNERS_BASE}/${r.partnerId}`} data-testid={`partner-open-${r.partnerId}`}>
                  {tx(T.view)}
                </Link>
              ) : r.hcpnReviewId ? (
                <Link to={`/ops/reviews/${r.hcpnReviewId}`}>{tx(T.viewReview)}</Link>
              ) : (
                '-'
              ),
          },
        ]}
      />
    </Card>
  );
}
