import { Button, Card, Descriptions, Empty, Form, Input, List, Modal, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isValidElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, fileUrl } from '../../api/client';
import type { ReviewDetail } from '../../api/types';
import { useFeedback } from '../../components/feedback';
import { formatTime } from '../../components/format';
import { OPS_BASE } from './ReviewsPage';
import { bi } from './text';
import { lifecycleEntries } from './lifecycle/reviewData';
import { programEntries } from './programs/reviewData';
import { companyEntries } from './company/reviewData';

const ACTION_KEYS = ['save_draft', 'submit', 'resubmit', 'approve_stage', 'approve', 'reject', 'return', 'withdraw', 'comment'] as const;

type Action = 'approve' | 'reject' | 'return';

function renderValue(v: unknown): React.ReactNode {
  if (v === null || v === undefined || v === '') return '-';
  if (isValidElement(v)) return v;
  if (typeof v === 'object') return <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v, null, 2)}</pre>;
  return String(v);
}

/** One application: data, attachments, history; 通过 / 驳回 (reason required) / 退回修改. */
export function ReviewDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [action, setAction] = useState<Action | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ comment?: string; reason?: string }>();
  const query = useQuery({ queryKey: ['ops', 'reviews', 'one', id], queryFn: () => api.GET('/api/ops/reviews/{id}', { params: { path: { id: id! } } }), enabled: !!id });

  if (query.isLoading) return <Skeleton active />;
  if (!query.data) return <Result status="404" title={query.error instanceof Error ? query.error.message : t('common.notFound')} />;
  const r = query.data;
  // the partner-lifecycle kinds label their data in the guide's words (lifecycle/reviewData.tsx)
  const entries: { key: string; label: string; value: unknown }[] = lifecycleEntries(r.kind, r.data) ?? programEntries(r.kind, r.data) ?? companyEntries(r.kind, r.data) ?? (Array.isArray(r.data)
    ? r.data.map((e) => ({ key: e.key, label: e.label ?? e.key, value: e.value }))
    : Object.entries(r.data ?? {}).map(([key, value]) => ({ key, label: key, value })));

  const submit = async ({ comment, reason }: { comment?: string; reason?: string }) => {
    if (!action) return;
    setSaving(true);
    try {
      // Field names match the API body so its field errors land on the input.
      // `version` is what the reviewer saw: a decision on a changed application is refused (409).
      const path = { id: r.id };
      if (action === 'approve') await api.POST('/api/ops/reviews/{id}/approve', { params: { path }, body: { comment: comment || undefined, version: r.version } });
      else await api.POST(action === 'reject' ? '/api/ops/reviews/{id}/reject' : '/api/ops/reviews/{id}/return', { params: { path }, body: { reason: reason ?? '', version: r.version } });
      void message.success(action === 'approve' ? t('ops.approved') : action === 'reject' ? t('ops.rejected') : t('ops.returned'));
      setAction(null);
      await qc.invalidateQueries({ queryKey: ['ops', 'reviews'] });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  // Clear the previous text before opening, never after (typing may already have begun).
  const openAction = (a: Action) => {
    form.resetFields();
    setAction(a);
  };
  const titles: Record<Action, string> = { approve: t('ops.approve'), reject: t('ops.reject'), return: t('ops.returnForEdit') };
  const can = (a: Action) => r.actions.includes(a);
  const actionLabel = (a: string) => ((ACTION_KEYS as readonly string[]).includes(a) ? t(`ops.event.${a as (typeof ACTION_KEYS)[number]}`) : a);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={`${t('ops.reviewDetail')} — ${bi(r.kindTitle)}`}
        extra={
          <Space>
            {can('approve') && (
              <Button type="primary" onClick={() => openAction('approve')} data-testid="review-approve">
                {t('ops.approve')}
              </Button>
            )}
            {can('reject') && (
              <Button danger onClick={() => openAction('reject')} data-testid="review-reject">
                {t('ops.reject')}
              </Button>
            )}
            {can('return') && (
              <Button onClick={() => openAction('return')} data-testid="review-return">
                {t('ops.returnForEdit')}
              </Button>
            )}
            <Button onClick={() => navigate(`${OPS_BASE}/reviews`)}>{t('common.back')}</Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small" data-testid="review-summary">
          <Descriptions.Item label={t('ops.summary')}>{r.summary ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('ops.applicant')}>{r.applicantName ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('ops.submittedAt')}>{formatTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('ops.stage')}>{bi(r.stage.name)}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <Tag data-testid="review-detail-status" data-status={r.status}>
              {bi(r.statusName)}
            </Tag>
          </Descriptions.Item>
          {r.rejectReason && <Descriptions.Item label={t('ops.reason')}>{r.rejectReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('ops.data')}>
        {entries.length ? (
          <Descriptions bordered column={1} size="small" data-testid="review-data">
            {entries.map((e) => (
              <Descriptions.Item key={e.key} label={e.label}>
                {renderValue(e.value)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Empty />
        )}
      </Card>
      <Card title={t('ops.attachments')}>
        <List
          dataSource={r.attachments ?? []}
          locale={{ emptyText: t('common.noData') }}
          renderItem={(f) => (
            <List.Item>
              <a href={fileUrl(f.fileId)} target="_blank" rel="noreferrer">
                {f.label ?? f.fileId}
              </a>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('ops.history')}>
        {r.history?.length ? (
          <Timeline
            data-testid="review-history"
            items={r.history.map((h) => ({
              children: (
                <>
                  <Typography.Text strong>{actionLabel(h.action)}</Typography.Text> {h.stage && <Tag>{bi(h.stage.name)}</Tag>}
                  <div>
                    <Typography.Text type="secondary">
                      {h.actorName ?? h.actorKind} · {formatTime(h.at)}
                    </Typography.Text>
                  </div>
                  {h.comment && <div>{h.comment}</div>}
                </>
              ),
            }))}
          />
        ) : (
          <Empty />
        )}
      </Card>
      <Modal
        open={!!action}
        forceRender
        title={action ? titles[action] : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ danger: action === 'reject', 'data-testid': 'review-action-ok' }}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            key={action === 'approve' ? 'comment' : 'reason'}
            name={action === 'approve' ? 'comment' : 'reason'}
            label={action === 'approve' ? t('ops.comment') : t('ops.reason')}
            rules={action === 'approve' ? [{ max: 1000 }] : [{ required: true, whitespace: true, message: t('ops.reasonRequired') }, { max: 1000 }]}
          >
            <Input.TextArea rows={4} showCount maxLength={1000} data-testid="review-action-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
