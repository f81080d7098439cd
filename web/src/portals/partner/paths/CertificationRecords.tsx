import { Descriptions, Drawer, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../components/format';
import { useCertifications, type Certification, type PathType } from './api';
import { T } from './text';
import { FileLinks, ReviewHistory, StatusTag, useTx } from './ui';

/** 认证记录: the path's certification applications, their status, reason, materials and review history. */
export function CertificationRecords({ path, canResubmit, onResubmit }: { path: PathType; canResubmit: boolean; onResubmit: (c: Certification) => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const q = useCertifications(path);
  const [open, setOpen] = useState<Certification | null>(null);
  const columns: TableColumnsType<Certification> = [
    { key: 'stage', title: tx(T.stage), dataIndex: 'targetStageName' },
    { key: 'status', title: tx(T.status), render: (_, c) => <StatusTag status={c.status} name={c.statusName} testId={`cert-status-${c.targetStage}`} /> },
    { key: 'submittedAt', title: tx(T.submittedAt), render: (_, c) => formatTime(c.submittedAt) },
    { key: 'decidedAt', title: tx(T.decidedAt), render: (_, c) => formatTime(c.decidedAt) },
    { key: 'reason', title: tx(T.failureReason), render: (_, c) => c.failureReason ?? '-' },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, c) => (
        <Space>
          <a onClick={() => setOpen(c)} data-testid={`cert-detail-${c.targetStage}`}>
            {t('common.viewDetail')}
          </a>
          {canResubmit && c.status === 'failed' && (
            <a onClick={() => onResubmit(c)} data-testid={`cert-resubmit-${c.targetStage}`}>
              {tx(T.applyFix)}
            </a>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<Certification>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="path-cert-records"
        locale={{ emptyText: t('common.noData') }}
      />
      <Drawer open={!!open} width={560} title={tx(T.recordDetail)} onClose={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={tx(T.stage)}>{open.targetStageName}</Descriptions.Item>
              <Descriptions.Item label={tx(T.status)}>
                <StatusTag status={open.status} name={open.statusName} />
              </Descriptions.Item>
              <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(open.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={tx(T.decidedAt)}>{formatTime(open.decidedAt)}</Descriptions.Item>
              {open.failureReason && <Descriptions.Item label={tx(T.failureReason)}>{open.failureReason}</Descriptions.Item>}
              <Descriptions.Item label={tx(T.materials)}>
                <FileLinks ids={open.materials.materials} />
              </Descriptions.Item>
              <Descriptions.Item label={tx(T.cases)}>
                <FileLinks ids={open.materials.cases} />
              </Descriptions.Item>
              <Descriptions.Item label={tx(T.businessPlan)}>
                <FileLinks ids={open.materials.businessPlan ? [open.materials.businessPlan] : []} />
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{tx(T.history)}</Typography.Title>
            <ReviewHistory reviewId={open.reviewId} />
          </Space>
        )}
      </Drawer>
    </>
  );
}
