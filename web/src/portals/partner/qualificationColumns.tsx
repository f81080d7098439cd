import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Certificate, Project, Training } from '../../api/types';
import { fileUrl } from '../../api/client';
import { formatDate, formatTime } from '../../components/format';

/** Column sets of 成员个人资质信息, shared by the admin's 查看详情 and the employee's own pages. */
export const certificateColumns = (t: TFunction): TableColumnsType<Certificate> => [
  { title: t('employee.certName'), dataIndex: 'name' },
  { title: t('employee.certType'), dataIndex: 'typeName' },
  { title: t('employee.certNumber'), dataIndex: 'number', render: (v?: string) => v || '-' },
  { title: t('employee.validFrom'), dataIndex: 'validFrom', render: formatDate },
  { title: t('employee.validTo'), dataIndex: 'validTo', render: formatDate },
  { title: t('common.status'), dataIndex: 'statusName', render: (v: string, c) => <span title={c.rejectReason ?? undefined}>{v}</span> },
  {
    title: t('employee.certFile'),
    dataIndex: 'fileId',
    render: (id?: string | null) => (id ? <a href={fileUrl(id)} target="_blank" rel="noreferrer">{t('common.download')}</a> : '-'),
  },
];

export const trainingColumns = (t: TFunction): TableColumnsType<Training> => [
  { title: t('employee.trainingName'), dataIndex: 'name' },
  { title: t('employee.trainingKind'), dataIndex: 'kind' },
  { title: t('employee.trainingScore'), render: (_, r) => r.score ?? r.result ?? '-' },
  { title: t('employee.trainingAt'), dataIndex: 'completedAt', render: formatTime },
];

export const projectColumns = (t: TFunction): TableColumnsType<Project> => [
  { title: t('employee.projectName'), dataIndex: 'name' },
  { title: t('employee.projectStart'), dataIndex: 'deliveryStart', render: formatDate },
  { title: t('employee.projectEnd'), dataIndex: 'deliveryEnd', render: formatDate },
  { title: t('employee.projectRole'), dataIndex: 'role' },
  {
    title: t('employee.projectSource'),
    dataIndex: 'source',
    render: (s: Project['source']) => (s === 'vendor' ? t('employee.sourceHuawei') : t('employee.sourceMember')),
  },
];
