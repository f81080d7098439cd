import { Alert, Button, Card, Col, Descriptions, Empty, Form, Modal, Radio, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UploadedFile } from '../../../api/client';
import { api } from '../../../api/client';
import { Chart } from '../../../components/Chart';
import { FileUpload } from '../../../components/FileUpload';
import { FileLinks, ReviewHistory, StatusTag, useFormFeedback, useTx, type Bi } from '../paths/ui';
import { guideTime, KEYS, useActor, type Assessment, type Metric } from './api';
import { PROOF_PURPOSE } from './ApplicationFields';
import { T } from './text';

const METRIC_NAMES: Record<string, Bi> = {
  annualPerformance: { zh: '年度业绩', en: 'Annual performance' },
  valueResellers: { zh: '价值云经销商数量', en: 'Value resellers' },
  certifications: { zh: '职业认证/开发者认证', en: 'Vocational / developer certifications' },
  professionalCertifications: { zh: '专业认证', en: 'Professional certifications' },
};

/** 年度业绩 in 万元 as the guide prints it; the counts as they are. */
const show = (m: { key: string }, v: string | null) => {
  if (v === null || v === '') return '--';
  if (m.key !== 'annualPerformance') return v;
  const n = Number(v);
  return Number.isFinite(n) ? `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万` : v;
};

/** How far a metric is towards its requirement (100 when met); null when no numeric requirement is set. */
function completion(m: Metric): number | null {
  if (m.levels) {
    const ratios = m.levels.filter((l) => l.requirement).map((l) => l.achieved / l.requirement!);
    return ratios.length ? Math.round(Math.min(1, ...ratios) * 100) : null;
  }
  const req = Number(m.requirement);
  if (m.requirement === null || !Number.isFinite(req) || req <= 0) return null;
  return Math.round(Math.min(1, Number(m.achieved) / req) * 100);
}

/**
 * 主页 > 积分卡 (op 18–19, spec 01 §2.15, R32–R35): the distributor's metrics with requirement, achieved,
 * 达标, refresh time (T+1 / T+2) and rule, a completion chart, national vs regional visibility, and the
 * annual assessment notices with 确认已知 and the irrevocable 选择处理.
 */
export function ScorecardPage() {
  const tx = useTx();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({
    queryKey: [...KEYS.scorecard, year],
    queryFn: () => api.GET('/api/programs/distributor/scorecard', { params: { query: { year } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="info" title={tx(T.scorecardTitle)} subTitle={q.error instanceof Error ? q.error.message : tx(T.notDistributor)} data-testid="scorecard-unavailable" />;
  const s = q.data;
  const chartData = s.metrics.map((m) => ({ name: tx(m.name), value: completion(m) }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <AssessmentNotices />
      <Card
        title={tx(T.scorecardTitle)}
        data-testid="scorecard"
        extra={
          <Space>
            <Typography.Text>{tx(T.year)}</Typography.Text>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              data-testid="scorecard-year"
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{tx(T.scorecardIntro)}</Typography.Paragraph>
        {s.distributorTypeName && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={tx(T.distributorType)}>
              <Tag color="blue" data-testid="scorecard-type">
                {tx(s.distributorTypeName)}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
        )}
        {!s.visible ? (
          <Alert type="info" showIcon message={s.notice ? tx(s.notice) : tx(T.notDistributor)} data-testid="scorecard-notice" />
        ) : (
          <Row gutter={[16, 16]}>
            {s.metrics.map((m) => (
              <Col xs={24} md={12} key={m.key}>
                <MetricCard m={m} />
              </Col>
            ))}
            <Col span={24}>
              <Card size="small" title={tx(T.chartTitle)}>
                <Chart
                  testId="scorecard-chart"
                  height={260}
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 40, right: 16, top: 16, bottom: 40 },
                    xAxis: { type: 'category', data: chartData.map((d) => d.name), axisLabel: { interval: 0 } },
                    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                    series: [{ type: 'bar', name: tx(T.completion), data: chartData.map((d) => d.value ?? 0), barMaxWidth: 48, label: { show: true, position: 'top', formatter: '{c}%' } }],
                  }}
                />
              </Card>
            </Col>
          </Row>
        )}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {tx(T.notes)}
        </Typography.Title>
        <ul data-testid="scorecard-notes">
          {s.notes.map((n, i) => (
            <li key={i}>{tx(n)}</li>
          ))}
        </ul>
      </Card>
    </Space>
  );
}

function MetricCard({ m }: { m: Metric }) {
  const tx = useTx();
  return (
    <Card
      size="small"
      title={tx(m.name)}
      data-testid={`metric-${m.key}`}
      extra={
        m.met === null ? (
          <Tag>{tx(T.metricNoReq)}</Tag>
        ) : (
          <Tag color={m.met ? 'success' : 'error'} data-testid={`metric-met-${m.key}`}>
            {tx(m.met ? T.metricMetYes : T.metricMetNo)}
          </Tag>
        )
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={tx(T.metricRequirement)}>{show(m, m.requirement)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.metricAchieved)}>
          <Typography.Text strong data-testid={`metric-achieved-${m.key}`}>
            {show(m, m.achieved)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.refresh)}>
          {m.refresh} · {tx(T.dataDate)} {m.dataDate}
        </Descriptions.Item>
        {m.rule && <Descriptions.Item label={tx(T.rule)}>{tx(m.rule)}</Descriptions.Item>}
      </Descriptions>
      {m.levels && (
        <Table
          size="small"
          rowKey="level"
          pagination={false}
          dataSource={m.levels}
          columns={[
            { key: 'level', title: tx(T.certLevel), render: (_, l) => tx(l.name) },
            { key: 'req', title: tx(T.metricRequirement), render: (_, l) => (l.requirement === null ? '--' : tx(T.people, { n: l.requirement })) },
            { key: 'achieved', title: tx(T.metricAchieved), render: (_, l) => tx(T.people, { n: l.achieved }) },
          ]}
        />
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// 年度考核结果 (R35, spec 01 §3.8)

const ASSESSMENT_COLORS: Record<string, string> = { published: 'in_review', acknowledged: 'approved', handling_review: 'in_review', handling_rejected: 'rejected', exiting: 'expiring', retained: 'rejected' };

function AssessmentNotices() {
  const tx = useTx();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const { message, handleError } = useFormFeedback();
  const q = useQuery({ queryKey: KEYS.assessments, queryFn: () => api.GET('/api/programs/distributor/assessments'), retry: false });
  const [handling, setHandling] = useState<Assessment | null>(null);
  const [detail, setDetail] = useState<Assessment | null>(null);
  const items = q.data?.items ?? [];
  const acknowledge = async (a: Assessment) => {
    try {
      await api.POST('/api/programs/distributor/assessments/{id}/acknowledge', { params: { path: { id: a.id } } });
      void message.success(tx(T.acknowledged));
      await qc.invalidateQueries({ queryKey: KEYS.assessments });
    } catch (err) {
      handleError(err);
    }
  };
  const columns: TableColumnsType<Assessment> = [
    { key: 'year', title: tx(T.year), dataIndex: 'year' },
    { key: 'result', title: tx(T.assessmentResult), render: (_, a) => <Tag color={a.passed ? 'success' : 'error'} data-testid={`assessment-result-${a.year}`}>{tx(a.resultName)}</Tag> },
    { key: 'status', title: tx(T.status), render: (_, a) => <StatusTag status={ASSESSMENT_COLORS[a.status] ?? a.status} name={tx(a.statusName)} testId={`assessment-status-${a.year}`} /> },
    { key: 'handling', title: tx(T.handling), render: (_, a) => (a.handlingName ? tx(a.handlingName) : '--') },
    { key: 'publishedAt', title: tx(T.publishedAt), render: (_, a) => guideTime(a.publishedAt) },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, a) => (
        <Space size={0} wrap>
          {a.actions.includes('acknowledge') && (
            <Button type="link" size="small" disabled={!canWrite} onClick={() => void acknowledge(a)} data-testid={`assessment-ack-${a.year}`}>
              {tx(T.acknowledge)}
            </Button>
          )}
          {a.actions.includes('choose-handling') && (
            <Button type="link" size="small" danger disabled={!canWrite} onClick={() => setHandling(a)} data-testid={`assessment-handle-${a.year}`}>
              {tx(T.chooseHandling)}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setDetail(a)} data-testid={`assessment-detail-${a.year}`}>
            {tx(T.viewDetail)}
          </Button>
        </Space>
      ),
    },
  ];
  const pending = items.find((a) => a.status === 'published');
  return (
    <Card title={tx(T.assessmentsTitle)} size="small" data-testid="assessments">
      {pending && (
        <Alert
          type={pending.passed ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={tx(T.assessmentNotice, { year: pending.year, result: tx(pending.resultName) })}
          description={tx(pending.passed ? T.assessmentPassedNote : T.assessmentFailedNote)}
          data-testid="assessment-notice"
        />
      )}
      <Table<Assessment>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={items}
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.emptyAssessments)} /> }}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
      />
      <HandlingDialog assessment={handling} onClose={() => setHandling(null)} />
      <AssessmentDetail assessment={detail} onClose={() => setDetail(null)} />
    </Card>
  );
}

/**
 * 选择处理: exit (退出中) or retain (不达标, with a performance improvement plan) + materials → 提交审核,
 * after a confirmation that says the choice cannot be undone once Huawei approves it.
 */
function HandlingDialog({ assessment, onClose }: { assessment: Assessment | null; onClose: () => void }) {
  const tx = useTx();
  const qc = useQueryClient();
  const { message, modal, fail } = useFormFeedback();
  const [form] = Form.useForm<{ handling?: 'exit' | 'retain'; materialFileIds?: UploadedFile[] }>();
  const [saving, setSaving] = useState(false);
  const choice = Form.useWatch('handling', form);
  const send = async (v: { handling?: 'exit' | 'retain'; materialFileIds?: UploadedFile[] }) => {
    setSaving(true);
    try {
      await api.POST('/api/programs/distributor/assessments/{id}/handling', {
        params: { path: { id: assessment!.id } },
        body: { handling: v.handling!, materialFileIds: (v.materialFileIds ?? []).map((f) => f.id) },
      });
      void message.success(tx(T.handlingSubmitted));
      await qc.invalidateQueries({ queryKey: KEYS.assessments });
      onClose();
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const confirm = (v: { handling?: 'exit' | 'retain'; materialFileIds?: UploadedFile[] }) =>
    modal.confirm({
      title: tx(T.confirmIrrevocable),
      content: <span data-testid="handling-irrevocable">{tx(T.confirmIrrevocableText, { handling: tx(v.handling === 'exit' ? T.handlingExit : T.handlingRetain) })}</span>,
      okText: tx(T.submitReview),
      cancelText: tx(T.cancel),
      okButtonProps: { danger: true, 'data-testid': 'handling-confirm-ok' } as ButtonProps,
      onOk: () => send(v),
    });
  return (
    <Modal
      open={!!assessment}
      title={`${tx(T.handlingTitle)} · ${assessment?.year ?? ''}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="handling-submit">
            {tx(T.submitReview)}
          </Button>
          <Button onClick={onClose}>{tx(T.cancel)}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={confirm} data-testid="handling-form" preserve={false}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.irrevocable)} />
        <Form.Item name="handling" label={tx(T.handling)} rules={[{ required: true, message: tx(T.handlingRequired) }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="handling-choice">
            <Radio value="exit" data-testid="handling-exit">
              {tx(T.handlingExit)}
            </Radio>
            <Radio value="retain" data-testid="handling-retain">
              {tx(T.handlingRetain)}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {choice === 'retain' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={tx(T.retainTemplate)} />}
        <Form.Item name="materialFileIds" label={tx(T.materials)} extra={tx(T.uploadNoteText)} rules={[{ required: true, type: 'array', min: 1, message: tx(choice === 'retain' ? T.retainTemplate : T.materialsRequired) }]}>
          <FileUpload purpose={PROOF_PURPOSE} maxCount={5} maxSizeMb={20} extensions={['jpg', 'jpeg', 'bmp', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'zip', 'rar']} testId="handling-materials" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 查看详情: the year's results, the handling and the vendor's review progress. */
function AssessmentDetail({ assessment: a, onClose }: { assessment: Assessment | null; onClose: () => void }) {
  const tx = useTx();
  return (
    <Modal open={!!a} title={a ? `${tx(T.assessmentsTitle)} · ${a.year}` : ''} onCancel={onClose} footer={<Button onClick={onClose}>{tx(T.ok)}</Button>} width={720}>
      {a && (
        <div data-testid="assessment-detail">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={tx(T.assessmentResult)}>{tx(a.resultName)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.status)}>{tx(a.statusName)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.handling)}>{a.handlingName ? tx(a.handlingName) : '--'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.materials)}>
              <FileLinks ids={a.materialFileIds} />
            </Descriptions.Item>
            {a.rejectReason && <Descriptions.Item label={tx(T.reviewComment)}>{a.rejectReason}</Descriptions.Item>}
            <Descriptions.Item label={tx(T.publishedAt)}>{guideTime(a.publishedAt)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={a.results}
            columns={[
              { key: 'metric', title: tx(T.metric), render: (_, r) => (METRIC_NAMES[r.key] ? tx(METRIC_NAMES[r.key]!) : r.key) },
              { key: 'req', title: tx(T.metricRequirement), render: (_, r) => show(r, r.requirement || null) },
              { key: 'achieved', title: tx(T.metricAchieved), render: (_, r) => show(r, r.achieved) },
              { key: 'met', title: tx(T.metricMet), render: (_, r) => <Tag color={r.met ? 'success' : 'error'}>{tx(r.met ? T.metricMetYes : T.metricMetNo)}</Tag> },
            ]}
          />
          {a.reviewId && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {tx(T.progress)}
              </Typography.Title>
              <ReviewHistory reviewId={a.reviewId} />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
