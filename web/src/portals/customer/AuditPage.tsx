import { Button, Card, Collapse, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiData, type ApiQuery } from '../../api/client';
import { formatTime } from '../../components/format';
import { EVENT_LEVELS, KEY_OPERATIONS, T } from './text';
import { useTx } from './ui';

type AuditEvent = ApiData<'/api/customer/audit-events', 'get'>['items'][number];
type AuditQuery = ApiQuery<'/api/customer/audit-events'>;
type FilterType = 'eventName' | 'resourceId' | 'resourceName';

interface Filters {
  resourceType?: AuditQuery['resourceType'];
  filterType?: FilterType;
  eventName?: AuditQuery['eventName'];
  filterValue?: string;
  user?: string;
  level?: AuditQuery['level'] | 'all';
  range?: [Dayjs, Dayjs] | null;
}

const EVENT_NAMES = [...new Set(KEY_OPERATIONS.map((o) => o.eventName))];
const RESOURCE_TYPES = [...new Set(KEY_OPERATIONS.map((o) => o.resourceType))];
const LEVEL_COLORS: Record<string, string> = { normal: 'blue', warning: 'orange', incident: 'red' };
/** 云审计服务管理控制台保存最近7天的操作记录 (L20471). */
const RETENTION_DAYS = 7;

/**
 * 云审计服务 > 事件列表 (guide 13.12, L20437–20501; spec 07 §5.6, C16): the customer's key operations
 * of table 13-1 from the last 7 days. Filters 事件类型 / 事件来源 / 资源类型 / 筛选类型 (事件名称, 资源ID,
 * 资源名称) / 操作用户 / 事件级别 / 时间范围; expand a row or 查看事件 for the event's structure.
 */
export function AuditPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [viewing, setViewing] = useState<AuditEvent | null>(null);
  const filterType = Form.useWatch('filterType', form) ?? 'eventName';
  const q = useQuery({
    queryKey: ['customer', 'audit-events', query, page, pageSize],
    queryFn: () => api.GET('/api/customer/audit-events', { params: { query: { ...query, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });

  const apply = (v: Filters) => {
    const type = v.filterType ?? 'eventName';
    const value = v.filterValue?.trim() || undefined;
    setQuery({
      resourceType: v.resourceType,
      eventName: type === 'eventName' ? v.eventName : undefined,
      resourceId: type === 'resourceId' ? value : undefined,
      resourceName: type === 'resourceName' ? value : undefined,
      user: v.user?.trim() || undefined,
      level: v.level && v.level !== 'all' ? v.level : undefined,
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });
    setPage(1);
  };

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'eventName', title: tx(T.audit.eventName), render: (_, e) => <span data-testid="audit-event-name">{e.eventName}</span> },
    { key: 'resourceType', title: tx(T.audit.resourceType), dataIndex: 'resourceType' },
    { key: 'eventSource', title: tx(T.audit.eventSource), dataIndex: 'eventSource' },
    { key: 'resourceId', title: tx(T.audit.resourceId), render: (_, e) => e.resourceId ?? '-' },
    { key: 'resourceName', title: tx(T.audit.resourceName), render: (_, e) => e.resourceName ?? '-' },
    { key: 'level', title: tx(T.audit.level), render: (_, e) => <Tag color={LEVEL_COLORS[e.level]}>{e.level}</Tag> },
    { key: 'user', title: tx(T.audit.user), render: (_, e) => e.user ?? '-' },
    { key: 'recordedAt', title: tx(T.audit.recordedAt), render: (_, e) => formatTime(e.recordedAt) },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => setViewing(e)} data-testid="audit-view">
          {tx(T.audit.view)}
        </Button>
      ),
    },
  ];

  const now = dayjs();
  return (
    <Card title={`${tx(T.nav.audit)} › ${tx(T.audit.title)}`} data-testid="audit-page">
      <Typography.Paragraph type="secondary">{tx(T.audit.intro)}</Typography.Paragraph>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'ops',
            label: tx(T.audit.keyOps),
            children: (
              <Table
                size="small"
                pagination={false}
                rowKey={(o) => `${o.resourceType}-${o.eventName}-${o.operation.zh}`}
                dataSource={[...KEY_OPERATIONS]}
                data-testid="audit-key-operations"
                columns={[
                  { title: tx(T.audit.operation), render: (_, o) => tx(o.operation) },
                  { title: tx(T.audit.resourceType), dataIndex: 'resourceType' },
                  { title: tx(T.audit.eventName), dataIndex: 'eventName' },
                ]}
              />
            ),
          },
        ]}
      />
      <Form form={form} layout="inline" style={{ rowGap: 8, marginBottom: 16 }} onFinish={apply} initialValues={{ filterType: 'eventName', level: 'all' }} data-testid="audit-filters">
        <Form.Item label={tx(T.audit.eventType)}>
          <Select style={{ width: 120 }} value="management" options={[{ value: 'management', label: tx(T.audit.eventTypeMgmt) }]} />
        </Form.Item>
        <Form.Item label={tx(T.audit.eventSource)}>
          <Select style={{ width: 100 }} value="CSB" options={[{ value: 'CSB', label: 'CSB' }]} />
        </Form.Item>
        <Form.Item name="resourceType" label={tx(T.audit.resourceType)}>
          <Select allowClear style={{ width: 160 }} data-testid="audit-filter-resource-type" options={RESOURCE_TYPES.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item label={tx(T.audit.filterType)}>
          <Space.Compact>
            <Form.Item name="filterType" noStyle>
              <Select
                style={{ width: 120 }}
                data-testid="audit-filter-type"
                options={[
                  { value: 'eventName', label: tx(T.audit.eventName) },
                  { value: 'resourceId', label: tx(T.audit.resourceId) },
                  { value: 'resourceName', label: tx(T.audit.resourceName) },
                ]}
              />
            </Form.Item>
            {filterType === 'eventName' ? (
              <Form.Item name="eventName" noStyle>
                <Select allowClear style={{ width: 280 }} placeholder={tx(T.audit.valuePlaceholder)} data-testid="audit-filter-event-name" options={EVENT_NAMES.map((n) => ({ value: n, label: n }))} />
              </Form.Item>
            ) : (
              <Form.Item name="filterValue" noStyle>
                <Input allowClear style={{ width: 240 }} placeholder={tx(T.audit.valuePlaceholder)} data-testid="audit-filter-value" />
              </Form.Item>
            )}
          </Space.Compact>
        </Form.Item>
        <Form.Item name="user" label={tx(T.audit.user)}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-filter-user" />
        </Form.Item>
        <Form.Item name="level" label={tx(T.audit.level)}>
          <Select
            style={{ width: 140 }}
            data-testid="audit-filter-level"
            options={[{ value: 'all', label: tx(T.audit.allLevels) }, ...EVENT_LEVELS.map((l) => ({ value: l, label: l }))]}
          />
        </Form.Item>
        <Form.Item name="range" label={tx(T.audit.timeRange)}>
          <DatePicker.RangePicker
            showTime
            disabledDate={(d) => d.isAfter(now.endOf('day')) || d.isBefore(now.subtract(RETENTION_DAYS, 'day').startOf('day'))}
            data-testid="audit-filter-range"
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setQuery({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Table<AuditEvent>
        rowKey="eventId"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        locale={{ emptyText: <span data-testid="audit-empty">{tx(T.audit.empty)}</span> }}
        expandable={{
          expandedRowRender: (e) => (
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={tx(T.audit.eventId)}>{e.eventId}</Descriptions.Item>
              <Descriptions.Item label={tx(T.audit.sourceIp)}>{e.sourceIp ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={tx(T.audit.occurredAt)}>{formatTime(e.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label={tx(T.audit.remark)}>{e.remark ?? '--'}</Descriptions.Item>
            </Descriptions>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <Modal open={!!viewing} title={tx(T.audit.view)} footer={null} width={720} onCancel={() => setViewing(null)} destroyOnHidden>
        <pre data-testid="audit-event-json" style={{ maxHeight: 480, overflow: 'auto', background: '#fafafa', padding: 12, fontSize: 12 }}>
          {viewing ? JSON.stringify(viewing, null, 2) : ''}
        </pre>
      </Modal>
    </Card>
  );
}
