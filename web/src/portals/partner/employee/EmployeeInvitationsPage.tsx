import { Button, Card, Checkbox, Modal, Result, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import type { MyInvitation } from '../../../api/types';
import { useRefreshMe } from '../../../auth/session';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { PARTNER_BASE } from '../menu';

const KEY = ['me', 'invitations'];

/**
 * The employee's invitations (personal account, no partner tenant). `/me/invitations/:id` (the
 * link in the 站内信 / e-mail) opens the agreement at once.
 */
export function EmployeeInvitationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  const [params, setParams] = useSearchParams();
  const { message, handleError } = useFeedback();
  const [accepting, setAccepting] = useState<string | null>(null);
  const [agree, setAgree] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const query = useQuery({
    queryKey: KEY,
    queryFn: async () => (await api.GET('/api/me/invitations')).items,
  });

  const { id: linkedId } = useParams();
  useEffect(() => {
    const id = linkedId ?? params.get('accept');
    if (id) setAccepting(id);
  }, [linkedId, params]);

  const close = () => {
    setAccepting(null);
    setAgree(false);
    if (linkedId) navigate(`${PARTNER_BASE}/me/invitations`, { replace: true });
    else if (params.has('accept')) setParams({}, { replace: true });
  };

  const accept = async () => {
    if (!accepting) return;
    setSaving(true);
    try {
      await api.POST('/api/me/invitations/{id}/accept', { params: { path: { id: accepting } }, body: { agree: true } });
      void message.success(t('employee.accepted'));
      close();
      setDone(true);
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  if (done) {
    return (
      <Card>
        <Result
          status="success"
          title={<span data-testid="invitation-accepted">{t('employee.accepted')}</span>}
          extra={
            <Button
              type="primary"
              data-testid="goto-partner-center"
              onClick={async () => {
                await refreshMe();
                navigate(`${PARTNER_BASE}/home`);
              }}
            >
              {t('employee.goPartner')}
            </Button>
          }
        />
      </Card>
    );
  }

  const canAccept = (r: MyInvitation) => r.status === 'invited';
  return (
    <Card title={t('employee.invitations')}>
      <Table<MyInvitation>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        data-testid="my-invitations-table"
        columns={[
          { title: t('employee.partnerName'), dataIndex: 'partnerName' },
          { title: t('specialists.inviteStatus'), dataIndex: 'statusName', render: (s: string, r) => <Tag data-status={r.status}>{t(`specialists.statuses.${r.status}`, { defaultValue: s })}</Tag> },
          { title: t('specialists.invitedAt'), dataIndex: 'invitedAt', render: formatTime },
          { title: t('specialists.expiresAt'), dataIndex: 'expiresAt', render: formatTime },
          {
            title: t('common.operation'),
            render: (_, r) =>
              canAccept(r) ? (
                <a onClick={() => setAccepting(r.id)} data-testid={`accept-invitation-${r.id}`}>
                  {t('employee.accept')}
                </a>
              ) : (
                '-'
              ),
          },
        ]}
      />
      <Modal open={!!accepting} title={t('employee.acceptTitle')} onCancel={close} onOk={accept} okButtonProps={{ disabled: !agree, 'data-testid': 'accept-invitation-ok' }} confirmLoading={saving}>
        <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} data-testid="accept-agree">
          {t('employee.agree')}
        </Checkbox>
      </Modal>
    </Card>
  );
}
