import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { StatusTag, useFormFeedback, useTx } from '../paths/ui';
import { guideTime, KEYS, submitOnEnter, useActor, type Link, type ResellerInvitation } from './api';
import { EMAIL_RE, T } from './text';

const LINK_COLORS: Record<string, string> = { pending: 'in_review', active: 'joined', rejected: 'rejected', exiting: 'expiring', ended: 'ended' };
const INVITATION_COLORS: Record<string, string> = { pending: 'in_review', accepted: 'joined', failed: 'rejected', cancelled: 'ended' };
const TABS = ['resellers', 'applications', 'invitations'] as const;

/**
 * 销售 > 云经销商 > 云经销商管理 (guide ch. 11.1; spec 01 §3.9, R31, R36): 我的云经销商 with 邀请云经销商,
 * 云经销商合作申请 (the distributor's second approval, one by one or 批量审批) and 邀请记录 (重发邀请 /
 * 批量重发邀请).
 */
export function ResellerManagementPage() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'resellers';
  const setTab = (k: string) => setParams({ tab: k }, { replace: true });
  return (
    <Card title={tx(T.rmTitle)} data-testid="reseller-management">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'resellers', label: <span data-testid="tab-my-resellers">{tx(T.tabMyResellers)}</span>, children: <ResellersTab onRecords={() => setTab('invitations')} /> },
          { key: 'applications', label: <span data-testid="tab-reseller-applications">{tx(T.tabResellerApplications)}</span>, children: <ApplicationsTab /> },
          { key: 'invitations', label: <span data-testid="tab-invitation-records">{tx(T.tabInvitationRecords)}</span>, children: <InvitationsTab /> },
        ]}
      />
    </Card>
  );
}

function usePaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  return { page, pageSize, setPage, setPageSize };
}

function pagination(tx: ReturnType<typeof useTx>, p: ReturnType<typeof usePaging>, total: number) {
  return {
    current: p.page,
    pageSize: p.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n: number) => tx(T.total, { total: n }),
    onChange: (page: number, size: number) => {
      p.setPage(page);
      p.setPageSize(size);
    },
  };
}

const nameCell = (r: Link) => (
  <span>
    {r.resellerName}
    <br />
    <Typography.Text type="secondary">{r.resellerAccountName}</Typography.Text>
  </span>
);

/** 我的云经销商: linked resellers (正常 / 退出中). */
function ResellersTab({ onRecords }: { onRecords: () => void }) {
  const tx = useTx();
  const { canWrite } = useActor();
  const p = usePaging();
  const [inviting, setInviting] = useState(false);
  const q = useQuery({
    queryKey: [...KEYS.distributor, 'resellers', p.page, p.pageSize],
    queryFn: () => api.GET('/api/programs/distributor/resellers', { params: { query: { page: p.page, pageSize: p.pageSize } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const columns: TableColumnsType<Link> = [
    { key: 'name', title: tx(T.resellerName), render: (_, r) => nameCell(r) },
    { key: 'region', title: tx(T.businessRegion), dataIndex: 'businessRegion' },
    { key: 'linkedAt', title: tx(T.linkedAt), render: (_, r) => guideTime(r.linkedAt) },
    { key: 'source', title: tx(T.source), render: (_, r) => tx(r.source === 'invitation' ? T.sourceInvitation : T.sourceApplication) },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={LINK_COLORS[r.status] ?? r.status} name={tx(r.statusName)} /> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" disabled={!canWrite} onClick={() => setInviting(true)} data-testid="invite-reseller">
          {tx(T.inviteReseller)}
        </Button>
        <Button onClick={onRecords} data-testid="view-invitation-records">
          {tx(T.viewInvitations)}
        </Button>
      </Space>
      {q.error && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={(q.error as Error).message} />}
      <Table<Link>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="my-resellers"
        locale={{ emptyText: tx(T.emptyResellers) }}
        pagination={pagination(tx, p, q.data?.total ?? 0)}
      />
      <InviteDialog open={inviting} onClose={() => setInviting(false)} />
    </>
  );
}

/** 邀请云经销商: 邀请邮箱, 云经销商账号, 客户经理姓名 → 确定. */
function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const tx = useTx();
  const qc = useQueryClient();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<{ email: string; resellerAccount: string; accountManagerName?: string }>();
  const [saving, setSaving] = useState(false);
  const send = async (v: { email: string; resellerAccount: string; accountManagerName?: string }) => {
    setSaving(true);
    try {
      await api.POST('/api/programs/distributor/reseller-invitations', { body: { email: v.email.trim(), resellerAccount: v.resellerAccount.trim(), accountManagerName: v.accountManagerName?.trim() || null } });
      void message.success(tx(T.inviteSent));
      await qc.invalidateQueries({ queryKey: KEYS.distributor });
      form.resetFields();
      onClose();
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={tx(T.inviteReseller)} onCancel={onClose} onOk={() => form.submit()} okText={tx(T.ok)} cancelText={tx(T.cancel)} confirmLoading={saving} okButtonProps={{ 'data-testid': 'invite-ok' }} forceRender>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={tx(T.inviteNotes)} />
      <Typography.Paragraph>{tx(T.inviteIntro)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={send} onKeyDown={submitOnEnter(form)} data-testid="invite-form">
        <Form.Item name="email" label={tx(T.inviteEmail)} rules={[{ required: true, message: tx(T.required, { field: tx(T.inviteEmail) }) }, { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 100 }]}>
          <Input autoFocus data-testid="invite-email" />
        </Form.Item>
        <Form.Item name="resellerAccount" label={tx(T.resellerAccount)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.resellerAccount) }) }, { max: 64 }]}>
          <Input data-testid="invite-account" />
        </Form.Item>
        <Form.Item name="accountManagerName" label={tx(T.accountManager)} rules={[{ max: 50 }]}>
          <Input data-testid="invite-manager" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AppStatus = 'pending' | 'approved' | 'rejected';

/** 云经销商合作申请: 审核 (通过 / 不通过 with 审核意见) or 批量审批 → "审批成功". */
function ApplicationsTab() {
  const tx = useTx();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const { message, modal, handleError, fail } = useFormFeedback();
  const p = usePaging();
  const [status, setStatus] = useState<AppStatus | undefined>('pending');
  const [selected, setSelected] = useState<string[]>([]);
  const [reviewing, setReviewing] = useState<Link | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ decision: 'approve' | 'reject'; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  const q = useQuery({
    queryKey: [...KEYS.distributor, 'applications', status, p.page, p.pageSize],
    queryFn: () => api.GET('/api/programs/distributor/reseller-applications', { params: { query: { status, page: p.page, pageSize: p.pageSize } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const refresh = async () => {
    setSelected([]);
    await qc.invalidateQueries({ queryKey: KEYS.distributor });
  };
  const approve = async (ids: string[]) => {
    await api.POST('/api/programs/distributor/reseller-applications/approve', { body: { ids } });
    void message.success(tx(T.approvedOk));
    await refresh();
  };
  const batch = () =>
    modal.confirm({
      title: tx(T.batchApprove),
      content: tx(T.batchApproveConfirm, { n: selected.length }),
      okText: tx(T.confirm),
      cancelText: tx(T.cancel),
      onOk: () => approve(selected).catch(handleError),
    });
  const decide = async (v: { decision: 'approve' | 'reject'; reason?: string }) => {
    if (!reviewing) return;
    setSaving(true);
    try {
      if (v.decision === 'approve') await approve([reviewing.id]);
      else {
        await api.POST('/api/programs/distributor/reseller-applications/{id}/reject', { params: { path: { id: reviewing.id } }, body: { reason: v.reason?.trim() ?? '' } });
        void message.success(tx(T.approvedOk));
        await refresh();
      }
      setReviewing(null);
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<Link> = [
    { key: 'name', title: tx(T.resellerName), render: (_, r) => nameCell(r) },
    { key: 'region', title: tx(T.businessRegion), dataIndex: 'businessRegion' },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={LINK_COLORS[r.status] ?? r.status} name={tx(r.statusName)} testId={`reseller-app-status-${r.resellerAccountName}`} /> },
    { key: 'comment', title: tx(T.reviewComment), render: (_, r) => r.rejectReason ?? '--' },
    { key: 'createdAt', title: tx(T.appliedAt), render: (_, r) => guideTime(r.createdAt) },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) =>
        r.status === 'pending' && canWrite ? (
          <Button
            type="link"
            size="small"
            onClick={() => {
              form.resetFields();
              setReviewing(r);
            }}
            data-testid={`reseller-app-review-${r.resellerAccountName}`}
          >
            {tx(T.review)}
          </Button>
        ) : (
          '--'
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={tx(T.allStatuses)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            p.setPage(1);
            setSelected([]);
          }}
          options={[
            { value: 'pending', label: tx(T.statusPending) },
            { value: 'approved', label: tx(T.statusApproved) },
            { value: 'rejected', label: tx(T.statusRejected) },
          ]}
          data-testid="reseller-app-filter"
        />
        <Button disabled={!canWrite || selected.length === 0} onClick={batch} data-testid="reseller-app-batch">
          {tx(T.batchApprove)}
        </Button>
      </Space>
      {q.error && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={(q.error as Error).message} />}
      <Table<Link>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="reseller-applications"
        locale={{ emptyText: tx(T.emptyApplications) }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }) }}
        pagination={pagination(tx, p, q.data?.total ?? 0)}
      />
      <Modal
        open={!!reviewing}
        title={tx(T.reviewTitle)}
        onCancel={() => setReviewing(null)}
        onOk={() => form.submit()}
        okText={tx(T.confirm)}
        cancelText={tx(T.cancel)}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'reseller-app-ok' }}
        forceRender
      >
        {reviewing && (
          <Typography.Paragraph>
            {reviewing.resellerName}（{reviewing.resellerAccountName}） · {reviewing.businessRegion}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={decide} initialValues={{ decision: 'approve' }}>
          <Form.Item name="decision" label={tx(T.reviewResult)} rules={[{ required: true }]}>
            <Radio.Group data-testid="reseller-app-decision">
              <Radio value="approve">{tx(T.approve)}</Radio>
              <Radio value="reject" data-testid="reseller-app-reject">
                {tx(T.reject)}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {decision === 'reject' && (
            <Form.Item name="reason" label={tx(T.reasonLabel)} rules={[{ required: true, whitespace: true, message: tx(T.reasonRequired) }, { max: 500 }]}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="reseller-app-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** 邀请记录: 重发邀请 one by one or 批量重发邀请. */
function InvitationsTab() {
  const tx = useTx();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const { message, handleError } = useFormFeedback();
  const p = usePaging();
  const [selected, setSelected] = useState<string[]>([]);
  const q = useQuery({
    queryKey: [...KEYS.distributor, 'invitations', p.page, p.pageSize],
    queryFn: () => api.GET('/api/programs/distributor/reseller-invitations', { params: { query: { page: p.page, pageSize: p.pageSize } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const resend = async (ids: string[]) => {
    try {
      await api.POST('/api/programs/distributor/reseller-invitations/resend', { body: { ids } });
      void message.success(tx(T.resent));
      setSelected([]);
      await qc.invalidateQueries({ queryKey: KEYS.distributor });
    } catch (err) {
      handleError(err);
    }
  };
  const columns: TableColumnsType<ResellerInvitation> = [
    { key: 'reseller', title: tx(T.resellerName), dataIndex: 'resellerName' },
    { key: 'email', title: tx(T.inviteEmail), dataIndex: 'email' },
    { key: 'manager', title: tx(T.accountManager), render: (_, r) => r.accountManagerName ?? '--' },
    { key: 'sentAt', title: tx(T.invitedAt), render: (_, r) => guideTime(r.sentAt) },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={INVITATION_COLORS[r.status] ?? r.status} name={tx(r.statusName)} /> },
    { key: 'reason', title: tx(T.failedReason), render: (_, r) => r.failedReason ?? '--' },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) =>
        r.status === 'pending' && canWrite ? (
          <Button type="link" size="small" onClick={() => void resend([r.id])} data-testid={`invitation-resend-${r.id}`}>
            {tx(T.resend)}
          </Button>
        ) : (
          '--'
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button disabled={!canWrite || selected.length === 0} onClick={() => void resend(selected)} data-testid="invitation-batch-resend">
          {tx(T.batchResend)}
        </Button>
      </Space>
      {q.error && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={(q.error as Error).message} />}
      <Table<ResellerInvitation>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="invitation-records"
        locale={{ emptyText: tx(T.emptyInvitationRecords) }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }) }}
        pagination={pagination(tx, p, q.data?.total ?? 0)}
      />
    </>
  );
}
