import { Alert, Button, Card, Descriptions, Form, Modal, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type UploadedFile } from '../../../api/client';
import { FileUpload } from '../../../components/FileUpload';
import { formatTime } from '../../../components/format';
import { useAnnualReviews, useInvalidatePaths, type AnnualReview, type PathType } from './api';
import { MATERIAL_TYPES, T } from './text';
import { FileLinks, fileRefs, ReviewHistory, StatusTag, useFormFeedback, useTx } from './ui';

/** Deadlines are exclusive instants; users read the last moment before them (…12/31 23:59:59). */
const lastMoment = (iso: string) => formatTime(new Date(new Date(iso).getTime() - 1000).toISOString());

/**
 * 伙伴发展路径认证年度复核 on the path's page (spec 01 op 13, §3.4): the review's status and dates,
 * 申请复核 with materials, 查看修改意见 → 修改材料 before the deadline, the result and any rollback.
 */
export function AnnualReviewCard({ review, admin }: { review: AnnualReview; admin: boolean }) {
  const tx = useTx();
  const [dialog, setDialog] = useState<'apply' | 'modify' | null>(null);
  const [opinionOpen, setOpinionOpen] = useState(false);
  return (
    <Card
      size="small"
      type="inner"
      title={`${review.year} ${tx(T.annualTitle)}`}
      extra={<StatusTag status={review.status === 'started' ? 'draft' : review.status === 'reviewing' || review.status === 'modification_requested' ? 'in_review' : review.status} name={review.statusName} testId="annual-review-status" />}
      data-testid="annual-review"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{tx(T.annualIntro)}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={tx(T.reviewedStage)}>{review.stageName}</Descriptions.Item>
        <Descriptions.Item label={tx(T.applyDeadline)}>{lastMoment(review.applyDeadline)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.modificationDeadline)}>{lastMoment(review.modificationDeadline)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.resultsBy)}>{formatTime(review.resultsBy)}</Descriptions.Item>
        {review.resultOpinion && <Descriptions.Item label={tx(T.resultOpinion)}>{review.resultOpinion}</Descriptions.Item>}
        {review.rolledBackToName && <Descriptions.Item label={tx(T.reviewedStage)}>{tx(T.rolledBack, { stage: review.rolledBackToName })}</Descriptions.Item>}
      </Descriptions>
      {admin && (
        <Space>
          {review.canApply && (
            <Button type="primary" onClick={() => setDialog('apply')} data-testid="annual-review-apply">
              {tx(T.applyReview)}
            </Button>
          )}
          {review.modificationOpinion && (
            <Button onClick={() => setOpinionOpen(true)} data-testid="annual-review-opinion">
              {tx(T.viewOpinion)}
            </Button>
          )}
          {review.canModify && (
            <Button type="primary" onClick={() => setDialog('modify')} data-testid="annual-review-modify">
              {tx(T.modifyMaterials)}
            </Button>
          )}
        </Space>
      )}
      <Modal open={opinionOpen} title={tx(T.modificationOpinion)} footer={null} onCancel={() => setOpinionOpen(false)}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{review.modificationOpinion}</Typography.Paragraph>
        <Typography.Text type="secondary">
          {tx(T.modificationDeadline)}：{lastMoment(review.modificationDeadline)}
        </Typography.Text>
      </Modal>
      {dialog && <AnnualReviewMaterials review={review} mode={dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}

/** 申请复核 / 修改材料: upload the 复核材料 → 提交审核 (复核中). */
function AnnualReviewMaterials({ review, mode, onClose }: { review: AnnualReview; mode: 'apply' | 'modify'; onClose: () => void }) {
  const tx = useTx();
  const [form] = Form.useForm<{ materials: UploadedFile[] }>();
  const invalidate = useInvalidatePaths();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const [unmet, setUnmet] = useState<{ key: string; name: { zh: string; en: string } | string; progress: string }[]>([]);
  // 修改材料 starts from what was submitted
  const refs = useQuery({ queryKey: ['file-refs', 'annual', review.id], queryFn: () => fileRefs(review.materials), enabled: mode === 'modify' });
  const submit = async ({ materials }: { materials: UploadedFile[] }) => {
    setSaving(true);
    setUnmet([]);
    try {
      const body = { materials: materials.map((f) => f.id) };
      if (mode === 'apply') await api.POST('/api/paths/annual-reviews/{id}/apply', { params: { path: { id: review.id } }, body });
      else await api.POST('/api/paths/annual-reviews/{id}/materials', { params: { path: { id: review.id } }, body });
      void message.success(mode === 'apply' ? tx(T.reviewApplied) : tx(T.reviewModified));
      await invalidate();
      onClose();
    } catch (err) {
      const list = (err as { params?: { unmet?: typeof unmet } }).params?.unmet;
      if (Array.isArray(list)) setUnmet(list);
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={600}
      title={`${mode === 'apply' ? tx(T.applyReview) : tx(T.modifyMaterials)} · ${review.pathName} · ${review.stageName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tx(T.submitReview)}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'annual-review-ok', disabled: mode === 'modify' && refs.isLoading }}
    >
      {review.modificationOpinion && mode === 'modify' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${tx(T.modificationOpinion)}：${review.modificationOpinion}`} />}
      {unmet.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="annual-review-unmet"
          message={tx(T.requirementsUnmet)}
          description={
            <ul style={{ paddingLeft: 20, margin: 0 }}>
              {unmet.map((u) => (
                <li key={u.key}>
                  {typeof u.name === 'string' ? u.name : tx(u.name)} {u.progress}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {(mode === 'apply' || refs.data) && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ materials: refs.data ?? [] }}>
          <Form.Item
            name="materials"
            label={tx(T.reviewMaterials)}
            extra={tx(T.materialsHint)}
            rules={[{ required: true, type: 'array', min: 1, message: tx(T.requiredUpload, { field: tx(T.reviewMaterials) }) }]}
          >
            <FileUpload purpose="attachment" maxCount={20} maxSizeMb={50} extensions={MATERIAL_TYPES} testId="annual-review-materials" messages={{ badType: tx(T.materialsHint), tooLarge: tx(T.materialsHint) }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** 认证记录 › 复核记录: every annual review of the path with its progress, materials and result. */
export function AnnualReviewRecords({ path }: { path: PathType }) {
  const tx = useTx();
  const { t } = useTranslation();
  const q = useAnnualReviews(path);
  const [open, setOpen] = useState<AnnualReview | null>(null);
  const items = q.data?.items ?? [];
  if (!q.isLoading && items.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {tx(T.annualRecords)}
      </Typography.Title>
      <Table<AnnualReview>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        pagination={false}
        dataSource={items}
        data-testid="annual-review-records"
        locale={{ emptyText: t('common.noData') }}
        columns={[
          { key: 'year', title: tx(T.year), dataIndex: 'year' },
          { key: 'stage', title: tx(T.reviewedStage), dataIndex: 'stageName' },
          { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={r.status === 'passed' ? 'passed' : r.status === 'failed' ? 'failed' : 'in_review'} name={r.statusName} /> },
          { key: 'submittedAt', title: tx(T.submittedAt), render: (_, r) => formatTime(r.submittedAt) },
          { key: 'decidedAt', title: tx(T.decidedAt), render: (_, r) => formatTime(r.decidedAt) },
          { key: 'op', title: t('common.operation'), render: (_, r) => <a onClick={() => setOpen(r)}>{t('common.viewDetail')}</a> },
        ]}
      />
      <Modal open={!!open} width={640} footer={null} title={open ? `${open.year} ${tx(T.annualTitle)}` : ''} onCancel={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={tx(T.reviewedStage)}>{open.stageName}</Descriptions.Item>
              <Descriptions.Item label={tx(T.status)}>{open.statusName}</Descriptions.Item>
              <Descriptions.Item label={tx(T.reviewMaterials)}>
                <FileLinks ids={open.materials} />
              </Descriptions.Item>
              {open.modificationOpinion && <Descriptions.Item label={tx(T.modificationOpinion)}>{open.modificationOpinion}</Descriptions.Item>}
              {open.resultOpinion && <Descriptions.Item label={tx(T.resultOpinion)}>{open.resultOpinion}</Descriptions.Item>}
              {open.rolledBackToName && <Descriptions.Item label={tx(T.reviewedStage)}>{tx(T.rolledBack, { stage: open.rolledBackToName })}</Descriptions.Item>}
            </Descriptions>
            <Typography.Title level={5}>{tx(T.history)}</Typography.Title>
            <ReviewHistory reviewId={open.reviewId} />
          </Space>
        )}
      </Modal>
    </>
  );
}
