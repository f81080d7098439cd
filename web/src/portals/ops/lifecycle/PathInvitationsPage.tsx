import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiBody, type ApiData } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { formatTime } from '../../../components/format';
import { useFormFeedback, useTx } from '../../partner/paths/ui';
import { INVITE_PATHS, PATH_NAMES, T } from './text';

type Body = ApiBody<'/api/ops/paths/invitations', 'post'>;
type Row = ApiData<'/api/ops/paths/invitations', 'get'>['items'][number];

/**
 * 发展路径邀请 (spec 01 R8, ops 10 and 12, the vendor side): the ecosystem manager invites an HCPN
 * account to the SI, learning or distributor path; the invitation e-mail carries the link "这里".
 */
export function PathInvitationsPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [form] = Form.useForm<Body>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['ops', 'path-invitations', page, pageSize],
    queryFn: () => api.GET('/api/ops/paths/invitations', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const allowed = !!me && (me.actor.roles.includes('ecosystem_manager') || me.actor.roles.includes('ops_admin'));

  const submit = async (v: Body) => {
    setSaving(true);
    try {
      const r = await api.POST('/api/ops/paths/invitations', { body: { account: v.account.trim(), path: v.path } });
      void message.success(r.email ? tx(T.sentTo, { email: r.email }) : tx(T.noEmail));
      setPage(1);
      await qc.invalidateQueries({ queryKey: ['ops', 'path-invitations'] });
      form.resetFields(['account']);
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={tx(T.inviteTitle)} data-testid="ops-path-invitations">
        <Typography.Paragraph type="secondary">{tx(T.inviteIntro)}</Typography.Paragraph>
        {!allowed && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(T.roleNote)} />}
        <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={submit}>
          <Form.Item name="account" label={tx(T.account)} extra={tx(T.accountHint)} rules={[{ required: true, whitespace: true, message: tx(T.accountRequired) }, { max: 128 }]}>
            <Input data-testid="invite-account" />
          </Form.Item>
          <Form.Item name="path" label={tx(T.path)} rules={[{ required: true, message: tx(T.pathRequired) }]}>
            <Select data-testid="invite-path" options={INVITE_PATHS.map(([value, name]) => ({ value, label: tx(name) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!allowed} data-testid="invite-send">
            {tx(T.send)}
          </Button>
        </Form>
      </Card>
      <Card title={tx(T.sentList)}>
        <Table<Row>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => (setPage(p), setPageSize(s)) }}
          data-testid="invite-sent"
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { key: 'account', title: tx(T.account), render: (_, r) => `${r.accountName}（${r.partnerName}）` },
            { key: 'path', title: tx(T.path), render: (_, r) => (PATH_NAMES[r.path] ? tx(PATH_NAMES[r.path]) : r.pathName) },
            { key: 'email', title: tx(T.email), render: (_, r) => r.email ?? '-' },
            { key: 'at', title: tx(T.sentAt), render: (_, r) => formatTime(r.createdAt) },
            {
              key: 'accepted',
              title: tx(T.acceptedState),
              render: (_, r) => (r.acceptedAt ? <Tag color="green">{tx(T.accepted)}</Tag> : <Tag>{tx(T.notAccepted)}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
