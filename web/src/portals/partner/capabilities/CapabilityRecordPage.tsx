import { Alert, Button, Card, Descriptions, Form, Modal, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, fileUrl } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { DownloadLink, ReviewHistory, StatusTag, useFormFeedback, useTx } from '../paths/ui';
import { CAP_BASE, CAP_KEY, guideDate, reviewCommentsUrl, useLabels, type CapabilityDetail } from './api';
import { MATERIAL_FIELDS, MaterialItems, type MaterialValues } from './ApplyCapabilityPage';
import { T } from './text';

/**
 * 申请详情 (op 46): status, level-2 results, the review comment and 下载审核意见; while 审核材料待更新,
 * the 30-day deadline and 更新材料 with the full set of materials.
 */
export function CapabilityRecordPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const { id } = useParams();
  const [updating, setUpdating] = useState(false);
  const q = useQuery({ queryKey: [...CAP_KEY, 'record', id], queryFn: () => api.GET('/api/capabilities/applications/{id}', { params: { path: { id: id! } } }), enabled: !!id });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={q.error instanceof Error ? q.error.message : t('common.notFound')} />;
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={`${tx(T.recordTitle)} · ${r.level1Name}`}
        data-testid="capability-record"
        extra={
          <Space>
            {r.reviewComment && (
              <DownloadLink button url={reviewCommentsUrl(r.id)} testId="capability-download-comments">
                {tx(T.downloadComments)}
              </DownloadLink>
            )}
            {r.canUpdateMaterials && (
              <Button type="primary" onClick={() => setUpdating(true)} data-testid="capability-update-materials">
                {tx(T.updateMaterials)}
              </Button>
            )}
            <LinkButton to={`${CAP_BASE}?tab=records`}>{t('common.back')}</LinkButton>
          </Space>
        }
      >
        {r.status === 'materials_update' && r.updateDeadline && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="capability-update-deadline"
            message={tx(T.updateDeadline, { deadline: formatTime(r.updateDeadline) })}
            description={tx(T.updateRule)}
          />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={tx(T.level1)}>{r.level1Name}</Descriptions.Item>
          <Descriptions.Item label={tx(T.status)}>
            <StatusTag status={r.status} name={r.statusName} testId="capability-record-status" />
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.appliedAt)}>{guideDate(r.appliedAt)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.passedAt)}>{guideDate(r.passedAt)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.validity)}>{r.validity ?? '--'}</Descriptions.Item>
          {r.productName && <Descriptions.Item label={tx(T.productName)}>{r.productName}</Descriptions.Item>}
          <Descriptions.Item label={tx(T.form)}>{r.formFile ? <a href={fileUrl(r.formFile.id)}>{r.formFile.name}</a> : '-'}</Descriptions.Item>
          <Descriptions.Item label={tx(T.evidence)}>{r.evidenceFile ? <a href={fileUrl(r.evidenceFile.id)}>{r.evidenceFile.name}</a> : '-'}</Descriptions.Item>
          {r.reviewComment && (
            <Descriptions.Item label={tx(T.reviewComment)} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="capability-review-comment">
                {r.reviewComment}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={tx(T.level2Result)}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={r.level2}
          columns={[
            { key: 'name', title: tx(T.level2), dataIndex: 'name' },
            { key: 'result', title: tx(T.result), render: (_, x: CapabilityDetail['level2'][number]) => <StatusTag status={x.result === 'pending' ? 'reviewing' : x.result} name={x.resultName} /> },
          ]}
        />
      </Card>
      <Card title={tx(T.history)}>
        <ReviewHistory reviewId={r.reviewId} />
      </Card>
      {updating && <UpdateMaterialsModal record={r} onClose={() => setUpdating(false)} />}
    </Space>
  );
}

/** 更新材料: the full set again (R54), with the product name unchanged (R52). */
function UpdateMaterialsModal({ record, onClose }: { record: CapabilityDetail; onClose: () => void }) {
  const tx = useTx();
  const qc = useQueryClient();
  const [form] = Form.useForm<MaterialValues>();
  const { message, fail } = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const labels = useLabels();
  const needsProductName = !!labels.data?.items.find((l) => l.key === record.level1Label)?.needsProductName || !!record.productName;
  const submit = async (v: MaterialValues) => {
    setSaving(true);
    try {
      await api.POST('/api/capabilities/applications/{id}/materials', {
        params: { path: { id: record.id } },
        body: {
          formFileId: v.form[0]!.id,
          evidenceFileId: v.evidence[0]!.id,
          productName: needsProductName ? (record.productName ?? v.productName ?? null) : null,
          materialsDeclaration: !!v.materialsDeclaration,
        },
      });
      void message.success(tx(T.updated));
      await qc.invalidateQueries({ queryKey: CAP_KEY });
      onClose();
    } catch (err) {
      fail(err, form, MATERIAL_FIELDS);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={640} title={`${tx(T.updateMaterials)} · ${record.level1Name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={tx(T.submit)} okButtonProps={{ 'data-testid': 'capability-update-ok' }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.updateFull)} description={tx(T.updateRule)} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ form: [], evidence: [], productName: record.productName ?? undefined }}>
        <MaterialItems needsProductName={needsProductName} productNameLocked={!!record.productName} />
      </Form>
    </Modal>
  );
}
