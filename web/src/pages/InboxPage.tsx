import { Badge, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { InboxItem, InboxPage as InboxPageData } from '../api/types';
import { useFeedback } from '../components/feedback';
import { formatTime } from '../components/format';
import { RichText } from '../components/RichText';

export const INBOX_KEY = ['inbox'] as const;

/** Unread count for the header badge. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => api.GET('/api/inbox', { params: { query: { unread: 'true', page: 1, pageSize: 1 } } }),
    select: (d) => d.unreadCount,
    enabled,
    refetchInterval: 60_000,
  });
}

/** 消息中心 (站内信), shared by the three portals. Expanding a message marks it read. */
export function InboxPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);

  const query = useQuery({
    queryKey: [...INBOX_KEY, { unreadOnly, page, pageSize }],
    queryFn: () => api.GET('/api/inbox', { params: { query: { unread: unreadOnly ? 'true' : undefined, page, pageSize } } }),
  });
  const invalidate = () => qc.invalidateQueries({ queryKey: INBOX_KEY });
  const markRead = useMutation({ mutationFn: (id: string) => api.POST('/api/inbox/{id}/read', { params: { path: { id } } }), onSuccess: invalidate, onError: (e) => handleError(e) });
  const markAll = useMutation({
    mutationFn: () => api.POST('/api/inbox/read-all'),
    onSuccess: () => {
      void message.success(t('common.operationSuccess'));
      return invalidate();
    },
    onError: (e) => handleError(e),
  });

  return (
    <Card
      title={
        <Space>
          {t('inbox.title')}
          <Badge count={query.data?.unreadCount ?? 0} data-testid="inbox-unread-count" />
        </Space>
      }
      extra={
        <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!query.data?.unreadCount} data-testid="inbox-read-all">
          {t('inbox.markAllRead')}
        </Button>
      }
    >
      <Segmented
        style={{ marginBottom: 16 }}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('inbox.allMessages') },
          { value: 'unread', label: t('inbox.unreadOnly') },
        ]}
        data-testid="inbox-filter"
      />
      <Table<InboxItem>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: t('inbox.empty') }}
        data-testid="inbox-table"
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (row) => <RichText text={row.body} />,
          onExpand: (expanded, row) => {
            if (expanded && !row.read) markRead.mutate(row.id);
          },
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
          {
            title: t('inbox.subject'),
            dataIndex: 'subject',
            render: (subject: string, row) => (
              <Typography.Text strong={!row.read} data-testid="inbox-subject">
                {!row.read && <Badge status="processing" />} {subject}
              </Typography.Text>
            ),
          },
          { title: t('common.status'), dataIndex: 'read', width: 100, render: (v: boolean) => (v ? t('inbox.read') : t('inbox.unread')) },
          { title: t('inbox.receivedAt'), dataIndex: 'createdAt', width: 200, render: formatTime },
        ]}
      />
    </Card>
  );
}
