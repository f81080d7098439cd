import { DownOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Descriptions, Dropdown, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { useCreateExport } from '../../../../pages/ExportsPage';
import { KEYS, ROUTES, type ExpansionRecord } from '../api';
import { T, tx } from '../text';
import { emptyText, EyeTitle, StatusTag, TYPE_COLORS, useEyes, useRevealed, ActionLink } from '../ui';

const STATUS_COLORS: Record<string, string> = { invited: 'processing', associated: 'success', failed: 'error', expired: 'default' };
const STATUSES = ['invited', 'associated', 'failed', 'expired'] as const;

interface Filters {
  fullName?: string;
  customerName?: string;
  accountName?: string;
  tag?: string;
  remark?: string;
  email?: string;
  status?: (typeof STATUSES)[number];
}
type Eye = 'fullName' | 'customerName' | 'mobile' | 'email';

/** A 关联失败 record's reason (the guide's text, stored verbatim) and the partner hint (8421–8452). */
export function FailureReason({ r }: { r: ExpansionRecord }) {
  if (r.status !== 'failed' || !r.failureReason) return null;
  return (
    <Tooltip
      title={
        <div data-testid={`record-failure-tip-${r.id}`}>
          <div>{r.failureReason}</div>
          {r.failureHint && (
            <div style={{ marginTop: 4 }}>
              {tx(T.partnerHint)}：{r.failureHint}
            </div>
          )}
        </div>
      }
    >
      <QuestionCircleOutlined aria-label={`${tx(T.failureReason)}: ${r.failureReason}`} tabIndex={0} data-testid={`record-failure-icon-${r.id}`} />
    </Tooltip>
  );
}

/**
 * 拓展记录 (op 10, guide 8417–8514): invited customers with their state; 关联失败 with the reason and the
 * partner hint (hover the "?" or expand the row); 重发邀请 on 已失效, single or batch; 导出 > 全部导出.
 */
export function RecordsTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const createExport = useCreateExport();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [selected, setSelected] = useState<ExpansionRecord[]>([]);
  const eyes = useEyes<Eye>();

  const q = useQuery({
    queryKey: [...KEYS.records, 'list', filters, page, pageSize],
    queryFn: () => api.GET('/api/customers/expansion-records', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.items ?? [];
  const revealed = useRevealed('record', rows.map((r) => r.id), eyes.any);
  const shown = (r: ExpansionRecord, k: Eye) => (eyes.isOn(k) ? (revealed.get(r.id)?.[k] ?? r[k]) : r[k]) ?? '-';

  const resend = (targets: ExpansionRecord[]) => {
    if (!targets.length) return void message.warning(tx(T.chooseRows));
    if (targets.some((r) => r.status !== 'expired')) return void message.warning(tx(T.resendOnlyExpired));
    modal.confirm({
      title: tx(T.resendTitle),
      width: 560,
      content: (
        <>
          <Typography.Paragraph>{tx(T.resendConfirm)}</Typography.Paragraph>
          <ul data-testid="resend-list">
            {targets.map((r) => (
              <li key={r.id}>
                {r.fullName ?? r.customerName ?? '-'} {r.email ? `(${r.email})` : ''}
              </li>
            ))}
          </ul>
        </>
      ),
      okButtonProps: { 'data-testid': 'resend-ok' } as ButtonProps,
      onOk: async () => {
        try {
          await api.POST('/api/customers/expansion-records/resend', { body: { recordIds: targets.map((r) => r.id) } });
          void message.success(tx(T.resent));
          setSelected([]);
          await qc.invalidateQueries({ queryKey: KEYS.records });
        } catch (err) {
          handleError(err);
        }
      },
    });
  };

  const eye = (k: Eye, title: string) => <EyeTitle title={title} on={eyes.isOn(k)} onToggle={() => eyes.toggle(k)} testId={`eye-record-${k}`} />;
  const columns: TableColumnsType<ExpansionRecord> = [
    { key: 'fullName', title: eye('fullName', tx(T.fullName)), render: (_, r) => shown(r, 'fullName') },
    { key: 'customerName', title: eye('customerName', tx(T.customerName)), render: (_, r) => shown(r, 'customerName') },
    { key: 'accountName', title: tx(T.customerAccountName), render: (_, r) => r.accountName ?? '-' },
    { key: 'mobile', title: eye('mobile', tx(T.mobileNumber)), render: (_, r) => shown(r, 'mobile') },
    { key: 'email', title: eye('email', tx(T.mailbox)), render: (_, r) => shown(r, 'email') },
    { key: 'channel', title: tx(T.channel), dataIndex: 'channelName' },
    { key: 'type', title: tx(T.associationType), render: (_, r) => <Tag color={TYPE_COLORS[r.associationType]}>{r.associationTypeName}</Tag> },
    { key: 'tag', title: tx(T.tagOrManager), render: (_, r) => r.tag ?? '--' },
    { key: 'remark', title: tx(T.remark), render: (_, r) => r.remark ?? '--' },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, r) => (
        <Space size={4}>
          <StatusTag status={r.status} name={r.statusName} colors={STATUS_COLORS} testId={`record-status-${r.id}`} />
          <FailureReason r={r} />
        </Space>
      ),
    },
    { key: 'at', title: tx(T.invitedAt), render: (_, r) => formatTime(r.invitedAt) },
    {
      key: 'op',
      title: t('common.operation'),
      fixed: 'right',
      render: (_, r) =>
        r.status === 'expired' ? (
          <ActionLink onClick={() => resend([r])} data-testid={`record-resend-${r.id}`}>
            {tx(T.resend)}
          </ActionLink>
        ) : (
          '-'
        ),
    },
  ];

  return (
    <>
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="record-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="fullName" label={tx(T.fullName)}>
          <Input allowClear style={{ width: 150 }} data-testid="record-filter-fullName" />
        </Form.Item>
        <Form.Item name="customerName" label={tx(T.customerName)}>
          <Input allowClear style={{ width: 150 }} data-testid="record-filter-customerName" />
        </Form.Item>
        <Form.Item name="accountName" label={tx(T.customerAccountName)}>
          <Input allowClear style={{ width: 150 }} data-testid="record-filter-accountName" />
        </Form.Item>
        <Form.Item name="tag" label={tx(T.tagOrManager)}>
          <Input allowClear style={{ width: 150 }} data-testid="record-filter-tag" />
        </Form.Item>
        <Form.Item name="remark" label={tx(T.remark)}>
          <Input allowClear style={{ width: 130 }} data-testid="record-filter-remark" />
        </Form.Item>
        <Form.Item name="email" label={tx(T.mailbox)}>
          <Input allowClear style={{ width: 150 }} data-testid="record-filter-email" />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select allowClear style={{ width: 120 }} data-testid="record-filter-status" options={STATUSES.map((s) => ({ value: s, label: tx(T.recordStatuses[s]!) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="record-search">
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
        <Button onClick={() => resend(selected)} data-testid="record-batch-resend">
          {tx(T.resend)}
        </Button>
        <Dropdown
          menu={{
            items: [
              { key: 'all', label: <span data-testid="record-export-all">{tx(T.exportAll)}</span>, onClick: () => void createExport({ kind: 'customers.expansion-records' }) },
              { key: 'records', label: <span data-testid="record-export-records">{t('exports.viewRecords')}</span>, onClick: () => navigate(ROUTES.exports) },
            ],
          }}
        >
          <Button data-testid="record-export-menu">
            {t('exports.export')} <DownOutlined />
          </Button>
        </Dropdown>
        <Typography.Text type="secondary">{tx(T.recordEmailNote)}</Typography.Text>
      </Space>
      <Table<ExpansionRecord>
        rowKey="id"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        data-testid="records-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.recordsEmpty, 'records-empty')}
        rowSelection={{ selectedRowKeys: selected.map((r) => r.id), onChange: (_, rs) => setSelected(rs) }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              data-testid={`record-detail-${r.id}`}
              items={[
                { key: 'ch', label: tx(T.channel), children: r.channelName },
                { key: 'in', label: tx(T.invitedAt), children: formatTime(r.invitedAt) },
                { key: 'ex', label: tx(T.expiresAt), children: formatTime(r.expiresAt) },
                { key: 'as', label: tx(T.associatedAt), children: formatTime(r.associatedAt) },
                ...(r.status === 'failed'
                  ? [
                      { key: 'fa', label: tx(T.failedAt), children: formatTime(r.failedAt) },
                      { key: 'fr', label: tx(T.failureReason), children: <span data-testid={`record-failure-reason-${r.id}`}>{r.failureReason ?? '-'}</span> },
                      { key: 'fh', label: tx(T.partnerHint), children: <span data-testid={`record-failure-hint-${r.id}`}>{r.failureHint ?? '--'}</span> },
                    ]
                  : []),
              ]}
            />
          ),
        }}
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
    </>
  );
}

