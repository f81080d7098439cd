import { DownOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Dropdown, Form, Input, Modal, Select, Space, Spin, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { formatTime } from '../../../../components/format';
import { useCreateExport } from '../../../../pages/ExportsPage';
import { KEYS, ROUTES, usePartnerKind, type Adjustment } from '../api';
import { T, tx } from '../text';
import { DateRangeField, emptyText, EyeTitle, Money, rangeToIso, ActionLink } from '../ui';

const KINDS = ['allocation', 'recall', 'unbind_recall', 'switch_recall'] as const;
const SCENARIOS = ['ordinary', 'earmarked'] as const;

interface Filters {
  serialNo?: string;
  customer?: string;
  kind?: (typeof KINDS)[number];
  scenario?: (typeof SCENARIOS)[number];
  time?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * 调账记录 (op 17, guide 9019–9053, L18621): 流水号 (AD… / UR…), 客户名称, 账号名, 类型 (拨款(普通) /
 * 解除关联回收 …), 调整金额, 调整时间, 备注, 详情; the eye on 客户名称; 导出 > 导出当前记录 / 查看导出记录. A
 * distributor also sees its resellers' records on 云经销商的客户 (read-only).
 */
export function AdjustmentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const kind = usePartnerKind();
  const createExport = useCreateExport();
  const [params, setParams] = useSearchParams();
  const tab = kind === 'distributor' && params.get('tab') === 'resellers' ? 'resellers' : 'mine';
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [reveal, setReveal] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);

  const { time, ...rest } = filters;
  const range = rangeToIso(time);
  const filter = { ...rest, from: range.from, to: range.to };
  const q = useQuery({
    queryKey: [...KEYS.adjustments, tab, filter, page, pageSize, reveal],
    queryFn: () => api.GET('/api/customers/funds/adjustments', { params: { query: { ...filter, tab, page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: [...KEYS.adjustments, 'one', detailId, reveal],
    queryFn: () => api.GET('/api/customers/funds/adjustments/{id}', { params: { path: { id: detailId! }, query: { reveal: reveal ? 'true' : undefined } } }),
    enabled: !!detailId,
  });

  const columns: TableColumnsType<Adjustment> = [
    { key: 'serial', title: tx(T.serialNo), render: (_, r) => <span data-testid={`adjustment-serial-${r.id}`}>{r.serialNo}</span> },
    { key: 'name', title: <EyeTitle title={tx(T.customerName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-adjustment-customerName" />, dataIndex: 'customerName' },
    { key: 'account', title: tx(T.accountName), dataIndex: 'accountName' },
    ...(tab === 'resellers' ? [{ key: 'reseller', title: tx(T.resellerName), render: (_: unknown, r: Adjustment) => r.resellerName ?? '-' }] : []),
    { key: 'kind', title: tx(T.adjustmentKind), render: (_, r) => <span data-testid={`adjustment-kind-${r.id}`}>{r.kindName}</span> },
    { key: 'amount', title: tx(T.adjustAmount), align: 'right', render: (_, r) => <Money bare value={r.amount} testId={`adjustment-amount-${r.id}`} /> },
    { key: 'at', title: tx(T.adjustTime), render: (_, r) => formatTime(r.createdAt) },
    { key: 'remark', title: tx(T.remark), render: (_, r) => r.remark ?? '--' },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, r) => (
        <ActionLink onClick={() => setDetailId(r.id)} data-testid={`adjustment-detail-${r.id}`}>
          {t('common.detail')}
        </ActionLink>
      ),
    },
  ];

  return (
    <Card title={<span data-testid="adjustments-title">{tx(T.adjustments)}</span>} extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>}>
      {kind === 'distributor' && (
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setParams(k === 'resellers' ? { tab: k } : {}, { replace: true });
            setPage(1);
          }}
          items={[
            { key: 'mine', label: <span data-testid="tab-mine">{tx(T.tabMine)}</span> },
            { key: 'resellers', label: <span data-testid="tab-resellers">{tx(T.tabResellers)}</span> },
          ]}
        />
      )}
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="adjustment-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="serialNo" label={tx(T.serialNo)}>
          <Input allowClear style={{ width: 180 }} data-testid="adjustment-filter-serial" />
        </Form.Item>
        <Form.Item name="customer" label={tx(T.customerOrAccount)}>
          <Input allowClear style={{ width: 160 }} data-testid="adjustment-filter-customer" />
        </Form.Item>
        <Form.Item name="kind" label={tx(T.adjustmentKind)}>
          <Select allowClear style={{ width: 150 }} data-testid="adjustment-filter-kind" options={KINDS.map((k) => ({ value: k, label: tx(T.adjustmentKinds[k]!) }))} />
        </Form.Item>
        <Form.Item name="scenario" label={tx(T.scenario)}>
          <Select allowClear style={{ width: 120 }} data-testid="adjustment-filter-scenario" options={SCENARIOS.map((k) => ({ value: k, label: tx(T.scenarios[k]!) }))} />
        </Form.Item>
        <DateRangeField name="time" label={T.adjustTimeRange} testId="adjustment-filter-time" />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="adjustment-search">
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
        <Dropdown
          menu={{
            items: [
              { key: 'current', label: <span data-testid="adjustments-export-current">{tx(T.exportCurrent)}</span>, onClick: () => void createExport({ kind: 'customers.adjustments', params: filter }) },
              { key: 'records', label: <span data-testid="adjustments-export-records">{t('exports.viewRecords')}</span>, onClick: () => navigate(ROUTES.exports) },
            ],
          }}
        >
          <Button data-testid="adjustments-export-menu">
            {t('exports.export')} <DownOutlined />
          </Button>
        </Dropdown>
        <Typography.Text type="secondary">{tx(T.exportMasked)}</Typography.Text>
      </Space>
      <Table<Adjustment>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="adjustments-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.adjustmentsEmpty, 'adjustments-empty')}
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
      {detailId && (
        <Modal open width={760} title={tx(T.adjustmentDetail)} footer={null} onCancel={() => setDetailId(null)}>
          {!detail.data ? (
            <Spin />
          ) : (
            <div data-testid="adjustment-detail">
              <Descriptions
                size="small"
                column={2}
                items={[
                  { key: 's', label: tx(T.serialNo), children: detail.data.serialNo },
                  { key: 'k', label: tx(T.adjustmentKind), children: detail.data.kindName },
                  { key: 'n', label: tx(T.customerName), children: detail.data.customerName },
                  { key: 'a', label: tx(T.accountName), children: detail.data.accountName },
                  { key: 'm', label: tx(T.adjustAmount), children: <Money value={detail.data.amount} /> },
                  { key: 't', label: tx(T.adjustTime), children: formatTime(detail.data.createdAt) },
                  { key: 'o', label: tx(T.operator), children: detail.data.operatorName ?? '--' },
                  { key: 'r', label: tx(T.remark), children: detail.data.remark ?? '--' },
                ]}
              />
              {detail.data.lines.length > 1 && (
                <Table<Adjustment>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={detail.data.lines as Adjustment[]}
                  columns={[
                    { key: 'n', title: tx(T.customerNameAccount), render: (_, l) => `${l.customerName} / ${l.accountName}` },
                    { key: 's', title: tx(T.scenario), dataIndex: 'scenarioName' },
                    { key: 'k', title: tx(T.adjustmentKind), dataIndex: 'kindName' },
                    { key: 'm', title: tx(T.adjustAmount), align: 'right', render: (_, l) => <Money bare value={l.amount} /> },
                  ]}
                />
              )}
            </div>
          )}
        </Modal>
      )}
    </Card>
  );
}
