import { Button, Card, Form, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ReviewItem, ReviewKind, ReviewStatus } from '../../api/types';
import { formatTime } from '../../components/format';
import { bi } from './text';

export const OPS_BASE = '/ops';

export function useReviewKinds() {
  return useQuery({
    queryKey: ['ops', 'review-kinds'],
    queryFn: async () => {
      const data = await api.GET('/api/ops/reviews/kinds');
      return data.items;
    },
    staleTime: Infinity,
  });
}

interface Filters {
  kind?: string;
  stage?: string;
  status?: ReviewStatus;
}

/** 审核中心: the one queue of every application the vendor reviews. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const kinds = useReviewKinds();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ status: 'in_review' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const kind = Form.useWatch('kind', form);
  const stages = kinds.data?.find((k) => k.kind === kind)?.stages ?? [];
  const query = useQuery({
    queryKey: ['ops', 'reviews', filters, page, pageSize],
    queryFn: () => api.GET('/api/ops/reviews', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('ops.reviews')}>
      <Form
        form={form}
        layout="inline"
        initialValues={filters}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="review-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="kind" label={t('ops.reviewKind')}>
          <Select allowClear style={{ width: 220 }} data-testid="review-kind" options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: bi(k.title) }))} onChange={() => form.setFieldValue('stage', undefined)} />
        </Form.Item>
        <Form.Item name="stage" label={t('ops.stage')}>
          <Select allowClear style={{ width: 160 }} disabled={!stages.length} options={stages.map((s) => ({ value: s.key, label: bi(s.name) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            data-testid="review-status"
            options={[
              { value: 'in_review', label: t('ops.inReview') },
              { value: 'approved', label: t('ops.approved') },
              { value: 'rejected', label: t('ops.rejected') },
              { value: 'returned', label: t('ops.returned') },
              { value: 'withdrawn', label: t('ops.withdrawn') },
            ]}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="review-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ kind: undefined, stage: undefined, status: undefined });
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Table<ReviewItem>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        data-testid="reviews-table"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('ops.reviewKind'), render: (_, r) => bi(r.kindTitle) },
          { title: t('ops.summary'), dataIndex: 'summary', render: (v: string | null) => v ?? '-' },
          { title: t('ops.applicant'), dataIndex: 'applicantName', render: (v: string | null) => v ?? '-' },
          { title: t('ops.stage'), render: (_, r) => (r.stageCount > 1 ? `${bi(r.stage.name)} (${r.stage.index + 1}/${r.stageCount})` : bi(r.stage.name)) },
          { title: t('common.status'), render: (_, r) => <Tag data-testid="review-status-name">{bi(r.statusName)}</Tag> },
          { title: t('ops.submittedAt'), dataIndex: 'submittedAt', render: formatTime },
          {
            title: t('common.operation'),
            render: (_, r) => (
              <Link to={`${OPS_BASE}/reviews/${r.id}`} data-testid={`review-open-${r.id}`}>
                {t('ops.handle')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
