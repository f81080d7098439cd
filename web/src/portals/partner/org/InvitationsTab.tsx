import { Button, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Invitation, InvitationStatus } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { ORG_KEYS } from './api';
import { invitationStatusText } from './statusText';
import { InviteDialog } from './InviteDialog';
import { QualificationModal } from './QualificationModal';
import { ApplyModal } from './SpecialistDialogs';
import { APPLY_FROM, HAS_MEMBER, INVITATION_STATUSES, inviteeLabel, RESEND_FROM, UNBIND_FROM, WITHDRAW_FROM } from './specialistRules';

type Dialog = { kind: 'invite' } | { kind: 'qualification'; invitation: Invitation } | { kind: 'apply'; invitations: Invitation[] } | null;

const STATUS_COLORS: Partial<Record<InvitationStatus, string>> = {
  invited: 'processing',
  bound: 'success',
  applying: 'warning',
  apply_rejected: 'error',
  cancel_approved: 'default',
  cancelled_by_vendor: 'default',
};

/** 邀请列表: invitations with their status, 邀请成员, 再次邀请, 解除绑定, 查看详情, (batch) 申请项目专员. */
export function InvitationsTab({ statusFilter, onStatusFilter }: { statusFilter?: InvitationStatus; onStatusFilter: (s?: InvitationStatus) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [selected, setSelected] = useState<Invitation[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);

  const query = useQuery({
    queryKey: [...ORG_KEYS.invitations, 'list', statusFilter, page, pageSize],
    queryFn: () => api.GET('/api/org/invitations', { params: { query: { status: statusFilter, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: ORG_KEYS.invitations }), qc.invalidateQueries({ queryKey: ORG_KEYS.specialists })]);

  const resend = async (inv: Invitation) => {
    try {
      await api.POST('/api/org/invitations/{id}/resend', { params: { path: { id: inv.id } } });
      void message.success(t('specialists.resent'));
      await invalidate();
    } catch (err) {
      handleError(err);
    }
  };
  const withdraw = (inv: Invitation) =>
    modal.confirm({
      title: t('specialists.withdraw'),
      content: t('specialists.withdrawConfirm'),
      okButtonProps: { 'data-testid': 'withdraw-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/org/specialists/applications/{invitationId}/withdraw', { params: { path: { invitationId: inv.id } } });
          void message.success(t('specialists.withdrawn'));
          await invalidate();
        } catch (err) {
          handleError(err);
        }
      },
    });
  const unbind = (inv: Invitation) =>
    modal.confirm({
      title: t('specialists.unbindTitle'),
      content: t('specialists.unbindConfirm'),
      okText: t('specialists.unbindOk'),
      okButtonProps: { danger: true, 'data-testid': 'unbind-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/org/invitations/{id}/unbind', { params: { path: { id: inv.id } } });
          void message.success(t('specialists.unbindDone'));
          await invalidate();
        } catch (err) {
          handleError(err);
        }
      },
    });

  const who = (inv: Invitation) => inv.member?.accountName ?? inv.targetValue;

  return (
    <>
      <Space style={{ marginBottom: 16, flexWrap: 'wrap' }}>
        <Button type="primary" onClick={() => setDialog({ kind: 'invite' })} data-testid="invite-members">
          {t('specialists.invite')}
        </Button>
        <Button disabled={selected.length === 0} onClick={() => setDialog({ kind: 'apply', invitations: selected })} data-testid="batch-apply">
          {t('specialists.batchApply')}
        </Button>
        <Select
          allowClear
          placeholder={t('specialists.inviteStatus')}
          style={{ width: 220 }}
          value={statusFilter}
          data-testid="invitation-status-filter"
          onChange={(v?: InvitationStatus) => {
            onStatusFilter(v);
            setPage(1);
          }}
          options={INVITATION_STATUSES.map((s) => ({ value: s, label: t(`specialists.statuses.${s}`) }))}
        />
      </Space>
      <Table<Invitation>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        data-testid="invitations-table"
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selected.map((s) => s.id),
          onChange: (_, rows) => setSelected(rows),
          getCheckboxProps: (r) => ({ disabled: !APPLY_FROM.includes(r.status) }),
        }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('specialists.invitee'),
            render: (_, r) => (
              <span data-testid={`invitation-${r.targetValue}`}>{inviteeLabel(r)}</span>
            ),
          },
          { title: t('org.mobile'), render: (_, r) => r.member?.mobile ?? '-' },
          { title: t('org.email'), render: (_, r) => r.member?.email ?? '-' },
          {
            title: t('specialists.inviteStatus'),
            dataIndex: 'status',
            render: (s: InvitationStatus, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLORS[s] ?? 'default'} data-testid="invitation-status" data-status={s} title={r.applyRejectReason ?? undefined}>
                  {invitationStatusText(t, s, r.statusName)}
                </Tag>
                {/* a live specialist is shown beside the binding (its own status is on 项目专员列表) */}
                {r.specialist && <Tag color="blue" data-testid="invitation-specialist">{t('specialists.isSpecialist')}</Tag>}
              </Space>
            ),
          },
          { title: t('specialists.invitedAt'), dataIndex: 'invitedAt', render: formatTime },
          { title: t('specialists.expiresAt'), dataIndex: 'expiresAt', render: formatTime },
          { title: t('specialists.boundAt'), dataIndex: 'boundAt', render: formatTime },
          {
            title: t('common.operation'),
            fixed: 'right',
            render: (_, r) => (
              <Space>
                {HAS_MEMBER.includes(r.status) && (
                  <a onClick={() => setDialog({ kind: 'qualification', invitation: r })} data-testid={`invitation-detail-${who(r)}`}>
                    {t('common.viewDetail')}
                  </a>
                )}
                {APPLY_FROM.includes(r.status) && !r.specialist && (
                  <a onClick={() => setDialog({ kind: 'apply', invitations: [r] })} data-testid={`invitation-apply-${who(r)}`}>
                    {t('specialists.apply')}
                  </a>
                )}
                {WITHDRAW_FROM.includes(r.status) && (
                  <a onClick={() => withdraw(r)} data-testid={`invitation-withdraw-${who(r)}`}>
                    {t('specialists.withdraw')}
                  </a>
                )}
                {RESEND_FROM.includes(r.status) && (
                  <a onClick={() => void resend(r)} data-testid={`invitation-resend-${who(r)}`}>
                    {t('specialists.resend')}
                  </a>
                )}
                {UNBIND_FROM.includes(r.status) && !r.specialist && (
                  <a onClick={() => unbind(r)} data-testid={`invitation-unbind-${who(r)}`}>
                    {t('specialists.unbind')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'invite' && <InviteDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'qualification' && <QualificationModal invitation={dialog.invitation} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'apply' && (
        <ApplyModal
          invitations={dialog.invitations}
          onClose={() => {
            setDialog(null);
            setSelected([]);
          }}
        />
      )}
    </>
  );
}
