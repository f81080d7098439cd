import { Button, Drawer, Space, Table } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Specialist, SpecialistStatus } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { formatDate, formatTime } from '../../../components/format';
import { ORG_KEYS } from './api';
import { specialistStatusText } from './statusText';
import { CancelSpecialistModal, SpecialistDescriptions } from './SpecialistDialogs';
import { CANCEL_FROM, REVOKE_CANCEL_FROM } from './specialistRules';

/**
 * 项目专员列表: 账号名 · 姓名 · 注册手机 · 注册邮箱 · 所属路径/计划 · 状态 · 审核通过时间 ·
 * 开始日期 - 结束日期 · 最近更新时间 · 操作 (查看详情 / 撤销申请 / 取消项目专员).
 */
export function SpecialistListTab({ statusFilter }: { statusFilter?: SpecialistStatus }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [viewing, setViewing] = useState<Specialist | null>(null);
  const [cancelling, setCancelling] = useState<Specialist | null>(null);
  const query = useQuery({
    queryKey: [...ORG_KEYS.specialists, 'list', statusFilter, page, pageSize],
    queryFn: () => api.GET('/api/org/specialists', { params: { query: { status: statusFilter, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });

  const revokeCancel = (s: Specialist) =>
    modal.confirm({
      title: t('specialists.revokeCancel'),
      content: t('specialists.revokeCancelConfirm'),
      okButtonProps: { 'data-testid': 'revoke-cancel-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/org/specialists/{id}/revoke-cancel', { params: { path: { id: s.id } } });
          void message.success(t('specialists.revoked'));
          await qc.invalidateQueries({ queryKey: ORG_KEYS.specialists });
          await qc.invalidateQueries({ queryKey: ORG_KEYS.invitations });
        } catch (err) {
          handleError(err);
        }
      },
    });

  return (
    <>
      <Table<Specialist>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        data-testid="specialists-table"
        scroll={{ x: 'max-content' }}
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
          { title: t('org.accountName'), dataIndex: 'accountName' },
          { title: t('org.name'), dataIndex: 'name', render: (v: string | null) => v ?? '-' },
          { title: t('specialists.registeredMobile'), dataIndex: 'mobile' },
          { title: t('specialists.registeredEmail'), dataIndex: 'email', render: (v: string | null) => v ?? '-' },
          { title: t('specialists.path'), dataIndex: 'pathName' },
          {
            title: t('common.status'),
            dataIndex: 'statusName',
            render: (name: string, s) => (
              <span data-testid="specialist-status" data-status={s.status}>
                {specialistStatusText(t, s.status, name)}
              </span>
            ),
          },
          { title: t('specialists.approvedAt'), dataIndex: 'approvedAt', render: formatTime },
          { title: t('specialists.period'), render: (_, s) => `${formatDate(s.startDate)} - ${formatDate(s.endDate)}` },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
          {
            title: t('common.operation'),
            fixed: 'right',
            render: (_, s) => (
              <Space>
                <a onClick={() => setViewing(s)} data-testid={`specialist-detail-${s.accountName}`}>
                  {t('common.viewDetail')}
                </a>
                {REVOKE_CANCEL_FROM.includes(s.status) && (
                  <a onClick={() => revokeCancel(s)} data-testid={`specialist-revoke-${s.accountName}`}>
                    {t('specialists.revokeCancel')}
                  </a>
                )}
                {CANCEL_FROM.includes(s.status) && (
                  <a onClick={() => setCancelling(s)} data-testid={`specialist-cancel-${s.accountName}`}>
                    {t('specialists.cancel')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={!!viewing} width={560} title={t('common.viewDetail')} onClose={() => setViewing(null)} extra={<Button onClick={() => setViewing(null)}>{t('common.close')}</Button>}>
        {viewing && <SpecialistDescriptions specialist={viewing} />}
      </Drawer>
      {cancelling && <CancelSpecialistModal specialist={cancelling} onClose={() => setCancelling(null)} />}
    </>
  );
}
