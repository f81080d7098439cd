import { DownOutlined } from '@ant-design/icons';
import { usePaging } from '../../../components/paging';
import { Button, DatePicker, Dropdown, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { useCreateExport } from '../../../pages/ExportsPage';
import { ROUTES } from '../customers/api';
import { tx } from '../customers/text';
import { DateRangeField, emptyText, EyeTitle, rangeToIso } from '../customers/ui';
import { OKEYS, ORDER_STATUSES, ORDER_TYPES, STATUS_COLORS, useOrdersContext, type LineRow } from './api';
import { O } from './text';

interface Filters {
  expires?: [Dayjs | null, Dayjs | null] | null;
  customerName?: string;
  orderNo?: string;
  serviceTypeCode?: string;
  orderType?: string;
  status?: string;
}

/**
 * 订单资源明细 (op 30, guide 9747–9785): one row per order line with 客户经理名称/账号名; filters 订单行失效时间, 客户名称,
 * 订单号, 产品类型, 订单类型, 订单状态; 导出 > 按订单行失效时间导出 (the range is required).
 */
export function LinesTab({ scope }: { scope: 'mine' | 'resellers' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createExport = useCreateExport();
  const ctx = useOrdersContext();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [reveal, setReveal] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { expires, ...rest } = filters;
  const range = rangeToIso(expires);
  const query = { ...rest, scope, expiresFrom: range.from, expiresTo: range.to };
  const q = useQuery({
    queryKey: [...OKEYS.lines, query, page, pageSize, reveal],
    queryFn: () => api.GET('/api/cloud/partner/order-lines', { params: { query: { ...(query as Record<string, unknown>), page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<LineRow> = [
    { key: 'no', title: tx(O.orderNo), dataIndex: 'orderNo' },
    { key: 'product', title: tx(O.productType), dataIndex: 'serviceTypeName' },
    { key: 'type', title: tx(O.orderType), dataIndex: 'orderTypeName' },
    { key: 'status', title: tx(O.orderStatus), render: (_, r) => <Tag color={STATUS_COLORS[r.status] ?? 'default'}>{r.status}</Tag> },
    {
      key: 'customer',
      title: <EyeTitle title={tx(O.customerNameAccountName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-lines-customer" />,
      render: (_, r) => `${r.customerName} / ${r.customerAccountName}`,
    },
    { key: 'manager', title: tx(O.managerNameAccount), render: (_, r) => (r.managerName ? `${r.managerName} / ${r.managerAccountName}` : '--') },
    { key: 'le', title: tx(O.lineEffective), render: (_, r) => formatTime(r.lineEffectiveAt) },
    { key: 'lx', title: tx(O.lineExpires), render: (_, r) => formatTime(r.lineExpiresAt) },
    { key: 're', title: tx(O.resourceEffective), render: (_, r) => formatTime(r.resourceEffectiveAt) },
    { key: 'rx', title: tx(O.resourceExpires), render: (_, r) => formatTime(r.resourceExpiresAt) },
    { key: 'id', title: tx(O.lineId), render: (_, r) => <span data-testid={`line-${r.lineNo}`}>{r.lineNo}</span> },
  ];
  return (
    <div data-testid={`lines-tab-${scope}`}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="lines-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <DateRangeField name="expires" label={O.lineExpires} testId="lines-filter-expires" />
        <Form.Item name="customerName" label={tx(O.customerName)}>
          <Input allowClear style={{ width: 150 }} data-testid="lines-filter-customer" />
        </Form.Item>
        <Form.Item name="orderNo" label={tx(O.orderNo)}>
          <Input allowClear style={{ width: 190 }} data-testid="lines-filter-no" />
        </Form.Item>
        <Form.Item name="serviceTypeCode" label={tx(O.productType)}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={(ctx.data?.serviceTypes ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="orderType" label={tx(O.orderType)}>
          <Select allowClear style={{ width: 100 }} options={ORDER_TYPES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="status" label={tx(O.orderStatus)}>
          <Select allowClear style={{ width: 110 }} options={ORDER_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="lines-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <Dropdown
          menu={{
            items: [
              { key: 'expiry', label: <span data-testid="lines-export-expiry">{tx(O.exportByExpiry)}</span>, onClick: () => setExporting(true) },
              { key: 'records', label: <span data-testid="lines-export-records">{tx(O.exportRecords)}</span>, onClick: () => navigate(ROUTES.exports) },
            ],
          }}
        >
          <Button data-testid="lines-export-menu">
            {tx(O.export)} <DownOutlined />
          </Button>
        </Dropdown>
        <Typography.Text type="secondary">{tx(O.exportMasked)}</Typography.Text>
      </Space>
      <Table<LineRow>
        rowKey="lineId"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="lines-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(O.empty, 'lines-empty')}
        pagination={paging.pagination(q.data?.total)}
      />
      {exporting && (
        <ExpiryExportDialog
          initial={expires ?? null}
          onClose={() => setExporting(false)}
          onExport={async (r) => {
            const iso = rangeToIso(r);
            const ok = await createExport({ kind: 'cloud.partner-order-lines', params: { ...rest, scope, expiresFrom: iso.from, expiresTo: iso.to } });
            if (ok) setExporting(false);
          }}
        />
      )}
    </div>
  );
}

/** 按订单行失效时间导出: the 订单行失效时间 range is the condition the guide asks for ("填写导出条件"). */
function ExpiryExportDialog({ initial, onClose, onExport }: { initial: [Dayjs | null, Dayjs | null] | null; onClose: () => void; onExport: (r: [Dayjs | null, Dayjs | null]) => Promise<void> }) {
  const [form] = Form.useForm<{ range: [Dayjs | null, Dayjs | null] }>();
  return (
    <Modal open title={tx(O.exportByExpiry)} okText={tx(O.export)} okButtonProps={{ 'data-testid': 'lines-export-confirm' } as never} onCancel={onClose} onOk={async () => onExport((await form.validateFields()).range)}>
      <Form form={form} layout="vertical" initialValues={{ range: initial ?? undefined }}>
        <Form.Item name="range" label={tx(O.expiryRange)} rules={[{ required: true, message: tx(O.expiryRequired) }, { validator: (_, v) => (v?.[0] && v?.[1] ? Promise.resolve() : Promise.reject(new Error(tx(O.expiryRequired)))) }]}>
          <DatePicker.RangePicker data-testid="lines-export-range" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{tx(O.exportMasked)}</Typography.Text>
    </Modal>
  );
}
