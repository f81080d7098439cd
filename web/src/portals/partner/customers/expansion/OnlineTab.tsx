import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Popover, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatDate, formatTime } from '../../../../components/format';
import { KEYS, ROUTES, type Report } from '../api';
import { T, tx } from '../text';
import { emptyText, EyeTitle, StatusTag, TYPE_COLORS, useEyes, useRevealed, ActionLink } from '../ui';
import { EmailPreviewLink } from './EmailPreview';
import { ReportDialog } from './ReportDialog';

const STATUS_COLORS: Record<string, string> = { pending_review: 'processing', reported: 'success', associated: 'blue', expired: 'default', rejected: 'error' };
const STATUSES = ['pending_review', 'reported', 'associated', 'expired', 'rejected'] as const;
type Status = (typeof STATUSES)[number];

interface Filters {
  fullName?: string;
  mobile?: string;
  email?: string;
  status?: Status;
}

/**
 * 线上拓展 (ops 7–8, guide 8143–8312): the reported customers with 报备客户, 邀请 / 批量邀请 (e-mail, link valid
 * 7 days), 点击添加邮箱, 删除 / 批量删除 (never 待审核 or 已关联), 商机报备 and 流程引导; masked columns with the eye.
 */
export function OnlineTab({ reportName, onReportDone }: { reportName?: string; onReportDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [selected, setSelected] = useState<Report[]>([]);
  const [reporting, setReporting] = useState<boolean>(reportName !== undefined);
  const [inviting, setInviting] = useState<Report[] | null>(null);
  const [addingEmail, setAddingEmail] = useState<Report | null>(null);
  const eyes = useEyes<'fullName' | 'mobile' | 'email'>();

  const q = useQuery({
    queryKey: [...KEYS.reports, 'list', filters, page, pageSize],
    queryFn: () => api.GET('/api/customers/reports', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.items ?? [];
  const revealed = useRevealed('report', rows.map((r) => r.id), eyes.any);
  const shown = (r: Report, k: 'fullName' | 'mobile' | 'email') => (eyes.isOn(k) ? (revealed.get(r.id)?.[k] ?? r[k]) : r[k]);

  const remove = (targets: Report[]) => {
    if (!targets.length) return void message.warning(tx(T.chooseRows));
    if (targets.some((r) => !r.deletable)) return void message.warning(tx(T.deleteNotAllowed));
    modal.confirm({
      title: t('common.delete'),
      content: tx(T.deleteConfirm),
      okButtonProps: { danger: true, 'data-testid': 'report-delete-ok' } as ButtonProps,
      onOk: async () => {
        try {
          await api.POST('/api/customers/reports/delete', { body: { ids: targets.map((r) => r.id) } });
          void message.success(t('common.deleted'));
          setSelected([]);
          await qc.invalidateQueries({ queryKey: KEYS.reports });
        } catch (err) {
          handleError(err);
        }
      },
    });
  };

  const columns: TableColumnsType<Report> = [
    {
      key: 'fullName',
      title: <EyeTitle title={tx(T.fullName)} on={eyes.isOn('fullName')} onToggle={() => eyes.toggle('fullName')} testId="eye-report-fullName" />,
      render: (_, r) => <span data-testid={`report-name-${r.id}`}>{shown(r, 'fullName')}</span>,
    },
    {
      key: 'mobile',
      title: <EyeTitle title={tx(T.mobileNumber)} on={eyes.isOn('mobile')} onToggle={() => eyes.toggle('mobile')} testId="eye-report-mobile" />,
      render: (_, r) => shown(r, 'mobile'),
    },
    {
      key: 'email',
      title: <EyeTitle title={tx(T.email)} on={eyes.isOn('email')} onToggle={() => eyes.toggle('email')} testId="eye-report-email" />,
      render: (_, r) =>
        r.hasEmail ? (
          shown(r, 'email')
        ) : r.status === 'reported' || r.status === 'pending_review' ? (
          <ActionLink onClick={() => setAddingEmail(r)} data-testid={`report-add-email-${r.id}`}>
            {tx(T.addEmail)}
          </ActionLink>
        ) : (
          '-'
        ),
    },
    { key: 'type', title: tx(T.associationType), render: (_, r) => (r.associationType ? <Tag color={TYPE_COLORS[r.associationType]}>{r.associationTypeName}</Tag> : '-') },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, r) => (
        <Space size={4}>
          <StatusTag status={r.status} name={r.statusName} colors={STATUS_COLORS} testId={`report-status-${r.id}`} />
          {r.status === 'pending_review' && r.reviewDueAt && (
            <Tooltip title={`${tx(T.reviewDue)}：${formatDate(r.reviewDueAt)}`}>
              <QuestionCircleOutlined aria-label={tx(T.reviewDue)} />
            </Tooltip>
          )}
          {r.invalidReason && (
            <Tooltip title={T.invalidReasons[r.invalidReason] ? tx(T.invalidReasons[r.invalidReason]!) : r.invalidReason}>
              <QuestionCircleOutlined aria-label={r.invalidReason} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'by', title: tx(T.reportedBy), dataIndex: 'reportedByName', render: (v: string | null) => v ?? '-' },
    { key: 'at', title: tx(T.reportedAt), render: (_, r) => formatTime(r.reportedAt ?? r.createdAt) },
    { key: 'until', title: tx(T.validUntil), dataIndex: 'expiresAt', render: (v: string | null) => formatTime(v) },
    {
      key: 'op',
      title: t('common.operation'),
      fixed: 'right',
      render: (_, r) => (
        <Space data-testid={`report-actions-${r.id}`}>
          {r.status === 'reported' && r.hasEmail && (
            <ActionLink onClick={() => setInviting([r])} data-testid={`report-invite-${r.id}`}>
              {tx(T.invite)}
            </ActionLink>
          )}
          {r.deletable && (
            <ActionLink onClick={() => remove([r])} data-testid={`report-delete-${r.id}`}>
              {t('common.delete')}
            </ActionLink>
          )}
          {(r.status === 'reported' || r.status === 'associated') && <ActionLink onClick={() => navigate(ROUTES.opportunities)}>{tx(T.opportunityReport)}</ActionLink>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="report-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="fullName" label={tx(T.fullName)}>
          <Input allowClear style={{ width: 160 }} data-testid="report-filter-fullName" />
        </Form.Item>
        <Form.Item name="mobile" label={tx(T.mobileNumber)}>
          <Input allowClear style={{ width: 150 }} data-testid="report-filter-mobile" />
        </Form.Item>
        <Form.Item name="email" label={tx(T.mailbox)}>
          <Input allowClear style={{ width: 160 }} data-testid="report-filter-email" />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select allowClear style={{ width: 130 }} data-testid="report-filter-status" options={STATUSES.map((s) => ({ value: s, label: tx(T.reportStatuses[s]!) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="report-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              filterForm.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button type="primary" onClick={() => setReporting(true)} data-testid="report-customer">
          {tx(T.reportCustomer)}
        </Button>
        <Button onClick={() => (selected.length ? setInviting(selected) : void message.warning(tx(T.chooseRows)))} data-testid="report-batch-invite">
          {tx(T.batchInvite)}
        </Button>
        <Button onClick={() => remove(selected)} data-testid="report-batch-delete">
          {tx(T.batchDelete)}
        </Button>
        <Popover
          trigger="click"
          title={tx(T.processGuide)}
          content={
            <ol style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="process-guide">
              {T.processGuideSteps.map((s, i) => (
                <li key={i}>{tx(s)}</li>
              ))}
            </ol>
          }
        >
          <Button type="link" data-testid="process-guide-button">
            {tx(T.processGuide)}
          </Button>
        </Popover>
      </Space>
      <Table<Report>
        rowKey="id"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        data-testid="reports-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.reportsEmpty, 'reports-empty')}
        rowSelection={{ selectedRowKeys: selected.map((r) => r.id), onChange: (_, rs) => setSelected(rs), getCheckboxProps: (r) => ({ 'aria-label': r.fullName }) as object }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      {reporting && (
        <ReportDialog
          initialFullName={reportName}
          onClose={() => {
            setReporting(false);
            onReportDone?.();
          }}
        />
      )}
      {inviting && (
        <InviteDialog
          reports={inviting}
          onClose={(done) => {
            setInviting(null);
            if (done) setSelected([]);
          }}
        />
      )}
      {addingEmail && <AddEmailDialog report={addingEmail} onClose={() => setAddingEmail(null)} />}
    </>
  );
}

/** 邀请 / 批量邀请 (op 8): 关联类型, the customers with 是否符合邀请条件, 预览邮件内容 → 确认. */
function InviteDialog({ reports, onClose }: { reports: Report[]; onClose: (done: boolean) => void }) {
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [type, setType] = useState<'consulting' | 'resale'>('consulting');
  const [saving, setSaving] = useState(false);
  const eligible = (r: Report) => r.status === 'reported' && r.hasEmail;
  const ids = reports.filter(eligible).map((r) => r.id);
  const submit = async () => {
    if (!ids.length) return void message.warning(tx(T.eligibleNo));
    setSaving(true);
    try {
      await api.POST('/api/customers/reports/invite', { body: { reportIds: ids, associationType: type } });
      void message.success(tx(T.inviteSent));
      await qc.invalidateQueries({ queryKey: KEYS.reports });
      await qc.invalidateQueries({ queryKey: KEYS.records });
      onClose(true);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={680} title={tx(T.inviteTitle)} onCancel={() => onClose(false)} onOk={submit} confirmLoading={saving} okText={tx({ zh: '确认', en: 'Confirm' })} okButtonProps={{ 'data-testid': 'invite-ok', disabled: !ids.length }}>
      <Alert type="info" style={{ marginBottom: 16 }} title={<Space wrap>{tx(T.inviteLinkHint)}<EmailPreviewLink type={type} /></Space>} />
      <Form layout="vertical">
        <Form.Item label={tx(T.associationType)} required extra={tx(T.associationTypeDescs[type])}>
          <Radio.Group value={type} onChange={(e) => setType(e.target.value)} data-testid="invite-type">
            <Radio value="consulting" data-testid="invite-type-consulting">
              {tx(T.consulting)}
            </Radio>
            <Radio value="resale" data-testid="invite-type-resale">
              {tx(T.resale)}
            </Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
      <Table<Report>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={reports}
        data-testid="invite-table"
        columns={[
          { key: 'n', title: tx(T.customerName), dataIndex: 'fullName' },
          { key: 'e', title: tx(T.mailbox), render: (_, r) => r.email ?? '-' },
          { key: 'r', title: tx(T.remark), render: () => '--' },
          {
            key: 'ok',
            title: tx(T.eligible),
            render: (_, r) => (eligible(r) ? <Typography.Text type="success">● {tx(T.eligibleYes)}</Typography.Text> : <Typography.Text type="danger">● {tx(T.eligibleNo)}</Typography.Text>),
          },
        ]}
      />
    </Modal>
  );
}

/** 点击添加邮箱 (a reported customer without an e-mail gets one before its invitation). */
function AddEmailDialog({ report, onClose }: { report: Report; onClose: () => void }) {
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ email: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open title={tx(T.addEmailTitle)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'add-email-ok' }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.PATCH('/api/customers/reports/{id}', { params: { path: { id: report.id } }, body: { email: v.email.trim() } });
            void message.success(tx({ zh: '添加成功', en: 'Added' }));
            await qc.invalidateQueries({ queryKey: KEYS.reports });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="email" label={tx(T.email)} extra={tx(T.emailRule)} rules={[{ required: true, whitespace: true, message: tx(T.email) }]}>
          <Input maxLength={128} autoFocus data-testid="add-email-input" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
