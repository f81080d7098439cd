import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { InvitationCheck, TargetType } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { ORG_KEYS } from './api';

interface Row {
  key: number;
  type: TargetType;
  value: string;
  check?: InvitationCheck;
  checking?: boolean;
  /** chosen account when a mobile/e-mail maps to several accounts */
  accountId?: string;
}

const MAX_ROWS = 5;
let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, type: 'accountName', value: '' });


/** 邀请成员: up to 5 rows of type + value, each 校验-ed, the commitment, then 发送邀请. */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [commitment, setCommitment] = useState(false);
  const [commitmentError, setCommitmentError] = useState(false);
  const [sending, setSending] = useState(false);
  const quota = useQuery({ queryKey: [...ORG_KEYS.invitations, 'quota'], queryFn: () => api.GET('/api/org/invitations/quota') });

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const check = async (row: Row) => {
    if (!row.value.trim()) return;
    update(row.key, { checking: true });
    try {
      const res = await api.POST('/api/org/invitations/check', { body: { targets: [{ type: row.type, value: row.value.trim() }] } });
      const result = res.results[0] ?? { ok: false, message: '' };
      update(row.key, { check: result, checking: false, accountId: result.accountId ?? (result.candidates?.length === 1 ? result.candidates[0]!.accountId : undefined) });
    } catch (err) {
      update(row.key, { checking: false });
      handleError(err);
    }
  };

  const needsChoice = (r: Row) => (r.check?.candidates?.length ?? 0) > 1 && !r.accountId;
  const ready = rows.length > 0 && rows.every((r) => r.check?.ok && !needsChoice(r));

  const send = async () => {
    if (!commitment) {
      setCommitmentError(true);
      return;
    }
    setSending(true);
    try {
      await api.POST('/api/org/invitations', { body: {
        targets: rows.map((r) => ({ type: r.type, value: r.value.trim(), ...(r.accountId ? { accountId: r.accountId } : {}) })),
        commitment: true,
      } });
      void message.success(t('specialists.inviteSent'));
      await qc.invalidateQueries({ queryKey: ORG_KEYS.invitations });
      onClose();
    } catch (err) {
      handleError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      width={820}
      title={t('specialists.invite')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!ready} loading={sending} onClick={send} data-testid="invite-send">
            {t('specialists.sendInvite')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon message={t('specialists.inviteIntro')} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} disabled={rows.length >= MAX_ROWS} onClick={() => setRows((rs) => [...rs, emptyRow()])} data-testid="invite-add-row">
          {t('specialists.addMember')}
        </Button>
        <Typography.Text type="secondary" data-testid="invite-quota">
          {t('specialists.quota', { count: quota.data?.remainingToday ?? '-' })}
        </Typography.Text>
      </Space>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="invite-rows"
        columns={[
          { title: t('specialists.seq'), width: 60, render: (_, __, i) => i + 1 },
          {
            title: t('specialists.targetValue'),
            render: (_, row, i) => (
              <Space.Compact style={{ width: '100%' }}>
                <Select<TargetType>
                  style={{ width: 120 }}
                  value={row.type}
                  data-testid={`invite-type-${i}`}
                  onChange={(type) => update(row.key, { type, check: undefined, accountId: undefined })}
                  options={[
                    { value: 'accountName', label: t('specialists.typeAccountName') },
                    { value: 'mobile', label: t('specialists.typeMobile') },
                    { value: 'email', label: t('specialists.typeEmail') },
                  ]}
                />
                <Input
                  value={row.value}
                  data-testid={`invite-value-${i}`}
                  aria-label={t('specialists.targetValue')}
                  onChange={(e) => update(row.key, { value: e.target.value, check: undefined, accountId: undefined })}
                  onPressEnter={() => void check(row)}
                />
              </Space.Compact>
            ),
          },
          {
            title: t('specialists.check'),
            width: 260,
            render: (_, row, i) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space>
                  <Button size="small" loading={row.checking} disabled={!row.value.trim()} onClick={() => void check(row)} data-testid={`invite-check-${i}`}>
                    {t('specialists.check')}
                  </Button>
                  {row.check &&
                    (row.check.ok ? (
                      <Typography.Text type="success" data-testid={`invite-check-result-${i}`}>
                        <CheckCircleFilled /> {row.check.message || t('specialists.checkPassed')}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="danger" data-testid={`invite-check-result-${i}`}>
                        <CloseCircleFilled /> {row.check.message}
                      </Typography.Text>
                    ))}
                </Space>
                {row.check?.ok && (row.check.candidates?.length ?? 0) > 1 && (
                  <Select
                    size="small"
                    style={{ width: '100%' }}
                    placeholder={t('specialists.chooseAccount')}
                    value={row.accountId}
                    data-testid={`invite-candidate-${i}`}
                    onChange={(accountId) => update(row.key, { accountId })}
                    options={row.check.candidates!.map((c) => ({ value: c.accountId, label: c.name ? `${c.accountName} (${c.name})` : c.accountName }))}
                  />
                )}
              </Space>
            ),
          },
          {
            title: t('common.operation'),
            width: 80,
            render: (_, row, i) => (
              <a onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((r) => r.key !== row.key) : [emptyRow()]))} data-testid={`invite-delete-${i}`}>
                {t('common.delete')}
              </a>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <Checkbox
          checked={commitment}
          onChange={(e) => {
            setCommitment(e.target.checked);
            setCommitmentError(false);
          }}
          data-testid="invite-commitment"
        >
          {t('specialists.commitment')}
        </Checkbox>
        {commitmentError && (
          <div>
            <Typography.Text type="danger">{t('specialists.commitmentRequired')}</Typography.Text>
          </div>
        )}
      </div>
      <Alert
        type="info"
        style={{ marginTop: 16 }}
        message={t('org.roleNotes')}
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>{t('specialists.inviteNote1')}</li>
            <li>{t('specialists.inviteNote2')}</li>
            <li>{t('specialists.inviteNote3')}</li>
          </ul>
        }
      />
    </Modal>
  );
}
