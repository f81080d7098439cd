import { Card, Input, Layout, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { DemoMessage } from '../api/types';
import { formatTime } from '../components/format';
import { LangSwitch } from '../components/LangSwitch';

/** 演示收件箱: the SMS and e-mails the demo "sent", so codes can be read without a phone. */
export function DemoInboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const address = params.get('address') ?? '';
  const [draft, setDraft] = useState(address);
  const query = useQuery({
    queryKey: ['demo-inbox', address],
    queryFn: () => api.GET('/api/demo-inbox', { params: { query: { address } } }),
    enabled: address.length > 0, // the server needs an address
    refetchInterval: 5000,
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Link to="/" style={{ fontWeight: 600, color: '#c7000b' }}>
          {t('app.name')}
        </Link>
        <LangSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Card title={t('demoInbox.title')}>
          <Typography.Paragraph type="secondary">{t('demoInbox.desc')}</Typography.Paragraph>
          <Input.Search
            style={{ maxWidth: 360, marginBottom: 16 }}
            placeholder={t('demoInbox.address')}
            value={draft}
            allowClear
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => setParams(v ? { address: v } : {})}
            data-testid="demo-inbox-address"
          />
          <Table<DemoMessage>
            rowKey={(r) => r.id ?? `${r.createdAt}-${r.address}-${r.subject}`}
            loading={query.isFetching && !query.data}
            dataSource={query.data?.items ?? []}
            pagination={{ pageSize: 20 }}
            data-testid="demo-inbox-table"
            columns={[
              { title: t('demoInbox.sentAt'), dataIndex: 'createdAt', width: 180, render: formatTime },
              { title: t('demoInbox.channel'), dataIndex: 'channel', width: 90 },
              { title: t('demoInbox.address'), dataIndex: 'address', width: 200 },
              { title: t('demoInbox.subject'), dataIndex: 'subject', width: 200 },
              { title: t('demoInbox.body'), dataIndex: 'body', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }} data-testid="demo-inbox-body">{v}</span> },
            ]}
          />
        </Card>
      </Layout.Content>
    </Layout>
  );
}
