import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Result, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { StatusTag, useFormFeedback, useTx } from '../paths/ui';
import { guideTime, KEYS, PROGRAMS_BASE, useActor, useFormOptions, type ResellerInvitation } from './api';
import { T } from './text';

const LINK_COLORS: Record<string, string> = { pending: 'in_review', active: 'joined', rejected: 'rejected', exiting: 'expiring', ended: 'ended' };
const INVITATION_COLORS: Record<string, string> = { pending: 'in_review', accepted: 'joined', failed: 'rejected', cancelled: 'ended' };

/** The reseller's side (op 21): its distributor (one at a time, R36) and the distributors' invitations. */
export function MyDistributorTab() {
  const tx = useTx();
  const link = useQuery({ queryKey: [...KEYS.reseller, 'link'], queryFn: () => api.GET('/api/programs/reseller/distributor') });
  const invitations = useQuery({ queryKey: [...KEYS.reseller, 'invitations'], queryFn: () => api.GET('/api/programs/reseller/invitations') });
  const l = link.data?.link;
  const columns: TableColumnsType<ResellerInvitation> = [
    { key: 'distributor', title: tx(T.distributor), dataIndex: 'distributorName' },
    { key: 'region', title: tx(T.businessRegion), render: (_, r) => r.distributorRegion ?? '--' },
    { key: 'manager', title: tx(T.accountManager), render: (_, r) => r.accountManagerName ?? '--' },
    { key: 'sentAt', title: tx(T.invitedAt), render: (_, r) => guideTime(r.sentAt) },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={INVITATION_COLORS[r.status] ?? r.status} name={tx(r.statusName)} testId={`my-invitation-status-${r.id}`} /> },
    { key: 'reason', title: tx(T.failedReason), render: (_, r) => r.failedReason ?? '--' },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) => (
        <Link to={`${PROGRAMS_BASE}/distributor-invitations/${r.id}`} data-testid={`my-invitation-open-${r.id}`}>
          {tx(T.view)}
        </Link>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="my-distributor">
      <Card size="small" title={tx(T.myDistributorTitle)} loading={link.isLoading}>
        {l ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="my-distributor-link">
            <Descriptions.Item label={tx(T.distributor)}>{l.distributorName}</Descriptions.Item>
            <Descriptions.Item label={tx(T.businessRegion)}>{l.businessRegion}</Descriptions.Item>
            <Descriptions.Item label={tx(T.status)}>
              <StatusTag status={LINK_COLORS[l.status] ?? l.status} name={tx(l.statusName)} />
            </Descriptions.Item>
            <Descriptions.Item label={tx(T.source)}>{tx(l.source === 'invitation' ? T.sourceInvitation : T.sourceApplication)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.linkedAt)}>{guideTime(l.linkedAt)}</Descriptions.Item>
            {l.rejectReason && <Descriptions.Item label={tx(T.reviewComment)}>{l.rejectReason}</Descriptions.Item>}
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.noDistributor)} data-testid="my-distributor-empty" />
        )}
      </Card>
      <Card size="small" title={tx(T.invitationsTitle)}>
        <Table<ResellerInvitation>
          rowKey="id"
          loading={invitations.isFetching}
          dataSource={invitations.data?.items ?? []}
          columns={columns}
          data-testid="my-invitations"
          locale={{ emptyText: tx(T.emptyInvitations) }}
          pagination={{ pageSize: 10, showTotal: (total) => tx(T.total, { total }), hideOnSinglePage: true }}
        />
      </Card>
    </Space>
  );
}

/**
 * 接受华为云总经销商合作邀请 (op 21, L2360–2388): the e-mail's link. Choose the 业务开展地区, tick the notice,
 * "愿意" → linked to the distributor.
 */
export function AcceptInvitationPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const options = useFormOptions();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<{ businessRegion?: string; acceptNotice?: boolean }>();
  const [saving, setSaving] = useState(false);
  const [linked, setLinked] = useState(false);
  const q = useQuery({ queryKey: [...KEYS.reseller, 'invitation', id], queryFn: () => api.GET('/api/programs/reseller/invitations/{id}', { params: { path: { id } } }) });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : tx(T.acceptTitle)} />;
  const inv = q.data;
  const accept = async (v: { businessRegion?: string; acceptNotice?: boolean }) => {
    setSaving(true);
    try {
      await api.POST('/api/programs/reseller/invitations/{id}/accept', { params: { path: { id } }, body: { businessRegion: v.businessRegion ?? '', acceptNotice: !!v.acceptNotice } });
      void message.success(tx(T.accepted));
      setLinked(true);
      await qc.invalidateQueries({ queryKey: KEYS.all });
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  if (linked)
    return (
      <Result
        status="success"
        title={tx(T.accepted)}
        data-testid="invitation-accepted"
        extra={<Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=distributor`)}>{tx(T.myDistributorTitle)}</Button>}
      />
    );
  return (
    <Card title={tx(T.acceptTitle)} data-testid="accept-invitation">
      <Typography.Paragraph>{tx(T.acceptIntro, { name: inv.distributorName })}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tx(T.distributor)}>{inv.distributorName}</Descriptions.Item>
        <Descriptions.Item label={tx(T.businessRegion)}>{inv.distributorRegion ?? '--'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.invitedAt)}>{guideTime(inv.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.status)}>
          <StatusTag status={INVITATION_COLORS[inv.status] ?? inv.status} name={tx(inv.statusName)} testId="invitation-status" />
        </Descriptions.Item>
      </Descriptions>
      {inv.status === 'failed' && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={inv.failedReason ?? tx(inv.statusName)} />}
      {inv.status === 'pending' ? (
        <Form form={form} layout="vertical" initialValues={{ businessRegion: inv.distributorRegion ?? undefined }} onFinish={accept} style={{ maxWidth: 560 }}>
          <Form.Item name="businessRegion" label={tx(T.businessRegion)} extra={tx(T.businessRegionResellerHint)} rules={[{ required: true, message: tx(T.choose, { field: tx(T.businessRegion) }) }]}>
            <Select showSearch data-testid="accept-region" options={(options.data?.businessRegions ?? []).map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="acceptNotice" valuePropName="checked" rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error(tx(T.acceptNoticeRequired)); } }]}>
            <Checkbox data-testid="accept-notice">{tx(T.acceptNotice)}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!canWrite} data-testid="accept-willing">
              {tx(T.willing)}
            </Button>
            <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=distributor`)}>{tx(T.cancel)}</Button>
          </Space>
        </Form>
      ) : (
        <Button onClick={() => navigate(`${PROGRAMS_BASE}?tab=distributor`)}>{tx(T.myDistributorTitle)}</Button>
      )}
    </Card>
  );
}
