import { Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatTime } from '../../../components/format';
import { PARTNER_BASE } from '../menu';
import { useMember } from './api';
import { MemberDialogs, useDeleteMember, type MemberDialog } from './MemberDialogs';

/** 人员详情. */
export function MemberDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const member = useMember(id);
  const deleteMember = useDeleteMember();
  const [dialog, setDialog] = useState<MemberDialog>(null);
  const listPath = `${PARTNER_BASE}/org/members`;
  if (member.isLoading) return <Skeleton active />;
  if (!member.data) return <Result status="404" title={member.error instanceof Error ? member.error.message : t('common.notFound')} />;
  const m = member.data;
  return (
    <Card
      title={t('org.memberDetail')}
      extra={
        <Space>
          <Button onClick={() => setDialog({ kind: 'edit', member: m })} data-testid="detail-edit">
            {t('org.editMember')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'roles', member: m })} data-testid="detail-roles">
            {t('org.assignRoles')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'password', member: m })} data-testid="detail-reset-password">
            {t('org.resetPassword')}
          </Button>
          <Button danger onClick={() => deleteMember(m, () => navigate(listPath))} data-testid="detail-delete">
            {t('common.delete')}
          </Button>
          <Button onClick={() => navigate(listPath)}>{t('common.back')}</Button>
        </Space>
      }
    >
      <Descriptions bordered column={{ xs: 1, md: 2 }} data-testid="member-detail">
        <Descriptions.Item label={t('org.accountName')}>{m.accountName}</Descriptions.Item>
        <Descriptions.Item label={t('org.name')}>{m.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.mobile')}>{m.mobile}</Descriptions.Item>
        <Descriptions.Item label={t('org.email')}>{m.email}</Descriptions.Item>
        <Descriptions.Item label={t('org.landline')}>{m.landline || '-'}</Descriptions.Item>
        <Descriptions.Item label={t('org.status')}>
          <Tag color={m.status === 'locked' ? 'red' : 'green'}>{m.status === 'locked' ? t('org.statusLocked') : t('org.statusNormal')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.role')}>
          {m.roles.map((r) => (
            <Tag key={r.id}>{r.name}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.supervisor')}>{m.supervisor?.name ?? '-'}</Descriptions.Item>
        {m.createdAt && <Descriptions.Item label={t('common.createdAt')}>{formatTime(m.createdAt)}</Descriptions.Item>}
      </Descriptions>
      <MemberDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}
