import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ApiData } from '../../api/client';
import { formatTime } from '../../components/format';
import { T } from './text';
import { CUSTOMER_BASE, useTx } from './ui';

type AssociationEvent = ApiData<'/api/customer/association-events', 'get'>['items'][number];

const STATUS_COLORS: Record<string, string> = { pending: 'orange', completed: 'green', rejected: 'red', cancelled: 'default' };

/** 我的合作伙伴 > 操作日志 (guide 13.2 步骤3 说明): the customer's association, switch and unbind events, paged. */
export function EventsPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: ['customer', 'association-events', page, pageSize],
    queryFn: () => api.GET('/api/customer/association-events', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<AssociationEvent> = [
    { key: 'partner', title: tx(T.events.partnerName), render: (_, e) => e.partnerName ?? '-' },
    { key: 'associationType', title: tx(T.events.associationType), dataIndex: 'associationTypeName' },
    { key: 'type', title: tx(T.events.type), render: (_, e) => <span data-testid="event-type">{e.typeName}</span> },
    { key: 'initiator', title: tx(T.events.initiator), dataIndex: 'initiatorName' },
    {
      key: 'status',
      title: tx(T.events.status),
      render: (_, e) => (
        <Tag color={STATUS_COLORS[e.status] ?? 'default'} data-testid="event-status">
          {e.statusName}
        </Tag>
      ),
    },
    { key: 'appliedAt', title: tx(T.events.appliedAt), render: (_, e) => formatTime(e.appliedAt) },
    { key: 'decidedAt', title: tx(T.events.decidedAt), render: (_, e) => formatTime(e.decidedAt) },
    { key: 'rejectReason', title: tx(T.events.rejectReason), render: (_, e) => e.rejectReason ?? '-' },
  ];
  return (
    <Card title={tx(T.events.title)} data-testid="association-events-page" extra={<Button onClick={() => navigate(`${CUSTOMER_BASE}/partners`)}>{t('common.back')}</Button>}>
      <Typography.Paragraph type="secondary">{tx(T.events.desc)}</Typography.Paragraph>
      <Table<AssociationEvent>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="association-events-table"
        locale={{ emptyText: t('common.noData') }}
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
    </Card>
  );
}
