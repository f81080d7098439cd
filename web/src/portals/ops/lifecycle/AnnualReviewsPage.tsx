import { Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiData, type ApiQuery } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { StatusTag, useTx } from '../../partner/paths/ui';
import { ANNUAL_STATUSES, PATH_NAMES, T } from './text';

type Row = ApiData<'/api/ops/paths/annual-reviews', 'get'>['items'][number];
type Query = ApiQuery<'/api/ops/paths/annual-reviews'>;
type Filters = Pick<Query, 'year' | 'path' | 'status'>;

const tagStatus = (s: Row['status']) => (s === 'started' ? 'draft' : s === 'passed' ? 'passed' : s === 'failed' ? 'failed' : 'in_review');

/**
 * 年度复核 (spec 01 op 13, the vendor side): the year's reviews, including those not applied for; each
 * applied one opens in the review centre, where 复核通过 / 复核不通过 / 修改意见 are decided.
 */
export function AnnualReviewsPage({ base }: { base: string }) {
  const tx = useTx();
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['ops', 'annual-reviews', filters, page, pageSize],
    queryFn: () => api.GET('/api/ops/paths/annual-reviews', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={tx(T.annualTitle)} data-testid="ops-annual-reviews">
      <Typography.Paragraph type="secondary">{tx(T.annualIntro)}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters({ year: v.year ?? undefined, path: v.path, status: v.status });
          setPage(1);
        }}
      >
        <Form.Item name="year" label={tx(T.year)}>
          <InputNumber min={2000} max={2100} style={{ width: 110 }} data-testid="annual-filter-year" />
        </Form.Item>
        <Form.Item name="path" label={tx(T.path)}>
          <Select allowClear style={{ width: 220 }} options={(['service', 'si', 'learning'] as const).map((p) => ({ value: p, label: tx(PATH_NAMES[p]!) }))} data-testid="annual-filter-path" />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select allowClear style={{ width: 200 }} options={ANNUAL_STATUSES.map(([value, name]) => ({ value, label: tx(name) }))} data-testid="annual-filter-status" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Table<Row>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="annual-reviews-table"
        locale={{ emptyText: t('common.noData') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'partner', title: tx(T.partner), dataIndex: 'partnerName' },
          { key: 'year', title: tx(T.year), dataIndex: 'year' },
          { key: 'path', title: tx(T.path), dataIndex: 'pathName' },
          { key: 'stage', title: tx(T.stage), dataIndex: 'stageName' },
          { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={tagStatus(r.status)} name={r.statusName} /> },
          { key: 'applyDeadline', title: tx(T.applyDeadline), render: (_, r) => formatTime(new Date(new Date(r.applyDeadline).getTime() - 1000).toISOString()) },
          { key: 'submittedAt', title: tx(T.submittedAt), render: (_, r) => formatTime(r.submittedAt) },
          {
            key: 'op',
            title: t('common.operation'),
            render: (_, r) =>
              r.reviewId ? (
                <Link to={`${base}/reviews/${r.reviewId}`} data-testid={`annual-review-open-${r.id}`}>
                  {tx(T.handle)}
                </Link>
              ) : (
                <Typography.Text type="secondary">{tx(T.notApplied)}</Typography.Text>
              ),
          },
        ]}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.total, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </Card>
  );
}
