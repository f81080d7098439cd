import { Button, Descriptions, Input, Modal, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fileUrl } from '../../../api/client';
import type { Invitation, Qualification } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { certificateColumns, projectColumns, trainingColumns } from '../qualificationColumns';
import { ORG_KEYS } from './api';
import { inviteeLabel } from './specialistRules';

/** 查看详情 of a bound member: employment, certificates, training, projects; the admin may edit the work base. */
export function QualificationModal({ invitation, onClose }: { invitation: Invitation; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const key = [...ORG_KEYS.invitations, invitation.id, 'qualification'];
  const query = useQuery({ queryKey: key, queryFn: () => api.GET('/api/org/invitations/{id}/qualification', { params: { path: { id: invitation.id } } }) });
  const [editing, setEditing] = useState(false);
  const [workBase, setWorkBase] = useState('');
  const [saving, setSaving] = useState(false);
  const q = query.data;
  const currentWorkBase = q?.employment?.workBase ?? '';

  const saveWorkBase = async () => {
    setSaving(true);
    try {
      await api.PUT('/api/org/invitations/{id}/work-base', { params: { path: { id: invitation.id } }, body: { workBase } });
      void message.success(t('common.modified'));
      setEditing(false);
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open width={900} title={`${t('specialists.qualification')} — ${inviteeLabel(invitation)}`} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      {query.isLoading ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            {
              key: 'employment',
              label: t('specialists.employment'),
              children: (
                <Descriptions column={1} bordered size="small" data-testid="qualification-employment">
                  <Descriptions.Item label={t('specialists.employer')}>{q?.employment?.employer ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('specialists.workBase')}>
                    {editing ? (
                      <Space.Compact>
                        <Input value={workBase} onChange={(e) => setWorkBase(e.target.value)} onPressEnter={saveWorkBase} data-testid="work-base-input" />
                        <Button type="primary" loading={saving} onClick={saveWorkBase} data-testid="work-base-save">
                          {t('common.save')}
                        </Button>
                        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
                      </Space.Compact>
                    ) : (
                      <Space>
                        {currentWorkBase || '-'}
                        <a
                          onClick={() => {
                            setWorkBase(currentWorkBase);
                            setEditing(true);
                          }}
                          data-testid="work-base-edit"
                        >
                          {t('specialists.editWorkBase')}
                        </a>
                      </Space>
                    )}
                    <div>
                      <Typography.Text type="secondary">{t('specialists.workBaseHint')}</Typography.Text>
                    </div>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('employee.proof')}>
                    {q?.employment?.proofFileId ? (
                      <a href={fileUrl(q.employment.proofFileId)} target="_blank" rel="noreferrer">
                        {t('common.download')}
                      </a>
                    ) : (
                      '-'
                    )}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            { key: 'certificates', label: t('specialists.certificates'), children: <Table rowKey="id" size="small" dataSource={q?.certificates ?? []} columns={certificateColumns(t)} /> },
            { key: 'trainings', label: t('specialists.trainings'), children: <Table rowKey="id" size="small" dataSource={q?.trainings ?? []} columns={trainingColumns(t)} /> },
            { key: 'projects', label: t('specialists.projects'), children: <Table rowKey="id" size="small" dataSource={q?.projects ?? []} columns={projectColumns(t)} /> },
          ]}
        />
      )}
    </Modal>
  );
}
