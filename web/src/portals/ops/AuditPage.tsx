import { Button, Card, DatePicker, Form, Input, Space, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { formatTime } from '../../components/format';

interface FilterValues {
  action?: string;
  partnerId?: string;
  range?: [Dayjs, Dayjs];
}

/** 审计日志: who did what, when, from where, with before/after. */
export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useQuery({
    queryKey: ['ops', 'audit', filters, page, pageSize],
    queryFn: () => api.GET('/api/ops/audit', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('ops.audit')}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="audit-filters"
        onFinish={(v) => {
          setFilters({ action: v.action || undefined, partnerId: v.partnerId || undefined, from: v.range?.[0]?.startOf('day').toISOString(), to: v.range?.[1]?.endOf('day').toISOString() });
          setPage(1);
        }}
      >
        <Form.Item name="action" label={t('ops.action')}>
          <Input allowClear style={{ width: 180 }} data-testid="audit-action" />
        </Form.Item>
        <Form.Item name="partnerId" label={t('ops.partnerId')}>
          <Input allowClear style={{ width: 240 }} data-testid="audit-partnerId" />
        </Form.Item>
        <Form.Item name="range" label={t('ops.timeRange')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
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
      <Table<AuditEntry>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        data-testid="audit-table"
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null,
          expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>,
        }}
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
          { title: t('common.createdAt'), dataIndex: 'at', render: formatTime },
          { title: t('ops.actor'), render: (_, r) => r.actorName ?? r.actorKind ?? '-' },
          { title: t('ops.action'), dataIndex: 'action' },
          { title: t('ops.partnerId'), render: (_, r) => r.partnerId ?? '-' },
          { title: t('ops.target'), render: (_, r) => `${r.objectType}${r.objectId ? ' · ' + r.objectId : ''}` },
          { title: t('ops.ip'), dataIndex: 'ip', render: (v?: string) => v ?? '-' },
        ]}
      />
    </Card>
  );
}
