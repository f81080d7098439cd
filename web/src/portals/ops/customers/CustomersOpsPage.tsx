import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Table, Tabs, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiBody, type ApiData } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { useTx } from '../../partner/paths/ui';
import { T } from './text';

export const CUSTOMERS_OPS_PATH = '/ops/customers';

type History = ApiData<'/api/ops/customers/association-history', 'get'>;
type Alert_ = ApiData<'/api/ops/customer-alerts', 'get'>['items'][number];
type Adjustment = ApiData<'/api/ops/customer-adjustments', 'get'>['items'][number];
type RaiseBody = Omit<ApiBody<'/api/ops/customer-alerts', 'post'>, 'customerId'> & { customer: string };

/** Any customer's association history: who it was associated with, when, and every unbind/switch event. */
function HistoryTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['ops', 'customer-history', customer],
    queryFn: () => api.GET('/api/ops/customers/association-history', { params: { query: { customer: customer! } } }),
    enabled: !!customer,
    retry: false,
  });
  const h: History | undefined = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="inline" onFinish={(v: { customer: string }) => setCustomer(v.customer.trim())}>
        <Form.Item name="customer" label={tx(T.customer)} rules={[{ required: true, whitespace: true, message: tx(T.customerRequired) }]}>
          <Input data-testid="ops-customer-lookup" allowClear style={{ width: 280 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="ops-customer-lookup-go">
          {tx(T.search)}
        </Button>
      </Form>
      {q.isError && <Alert type="warning" showIcon message={q.error instanceof Error ? q.error.message : tx(T.notFound)} />}
      {h && (
        <>
          <Descriptions size="small" column={2} bordered data-testid="ops-customer-info">
            <Descriptions.Item label={tx(T.accountName)}>{h.customer.accountName}</Descriptions.Item>
            <Descriptions.Item label={tx(T.customerName)}>{h.customer.name}</Descriptions.Item>
            <Descriptions.Item label={tx(T.mobile)}>{h.customer.mobile}</Descriptions.Item>
            <Descriptions.Item label={tx(T.registeredAt)}>{formatTime(h.customer.registeredAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{tx(T.associations)}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={h.associations}
            data-testid="ops-customer-associations"
            locale={{ emptyText: t('common.noData') }}
            columns={[
              { key: 'partner', title: tx(T.partner), render: (_, r) => (r.partnerName ? <Link to={`/ops/partners/${r.partnerId}`}>{r.partnerName}</Link> : '-') },
              { key: 'type', title: tx(T.associationType), dataIndex: 'associationTypeName' },
              { key: 'status', title: tx(T.status), dataIndex: 'status' },
              { key: 'at', title: tx(T.associatedAt), render: (_, r) => formatTime(r.associatedAt) },
              { key: 'end', title: tx(T.endedAt), render: (_, r) => (r.endedAt ? formatTime(r.endedAt) : '-') },
            ]}
          />
          <Typography.Title level={5}>{tx(T.events)}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={h.events}
            locale={{ emptyText: t('common.noData') }}
            columns={[
              { key: 'partner', title: tx(T.partner), render: (_, r) => r.partnerName ?? '-' },
              { key: 'type', title: tx(T.eventType), dataIndex: 'typeName' },
              { key: 'status', title: tx(T.status), dataIndex: 'statusName' },
              { key: 'at', title: tx(T.appliedAt), render: (_, r) => formatTime(r.appliedAt) },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** 客户预警 raised by the vendor (op 34): the list, and 发起预警 to the customer's partner. */
function AlertsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<RaiseBody>();
  const q = useQuery({
    queryKey: ['ops', 'customer-alerts', page],
    queryFn: () => api.GET('/api/ops/customer-alerts', { params: { query: { page, pageSize: 10 } } }),
    placeholderData: keepPreviousData,
  });
  const raise = async ({ customer, ...body }: RaiseBody) => {
    setSaving(true);
    try {
      const found = await api.GET('/api/ops/customers/association-history', { params: { query: { customer: customer.trim() } } });
      await api.POST('/api/ops/customer-alerts', { body: { ...body, customerId: found.customer.id } });
      void message.success(tx(T.raised));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['ops', 'customer-alerts'] });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 16 }} data-testid="ops-alert-raise">
        {tx(T.raise)}
      </Button>
      <Table<Alert_>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="ops-alerts"
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: t('common.noData') }}
        columns={[
          { key: 'customer', title: tx(T.customerName), render: (_, r) => `${r.customerName}（${r.accountName}）` },
          { key: 'category', title: tx(T.category), dataIndex: 'categoryName' },
          { key: 'title', title: tx(T.alertTitle), dataIndex: 'title' },
          { key: 'manager', title: tx(T.manager), render: (_, r) => r.accountManagerName ?? '-' },
          { key: 'status', title: tx(T.status), dataIndex: 'statusName' },
          { key: 'sent', title: tx(T.sentAt), render: (_, r) => formatTime(r.sentAt) },
        ]}
      />
      <Modal title={tx(T.raise)} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'ops-alert-ok' } as never} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={raise} initialValues={{ category: 'churn' }}>
          <Form.Item name="customer" label={tx(T.customer)} rules={[{ required: true, whitespace: true, message: tx(T.customerRequired) }]}>
            <Input data-testid="ops-alert-customer" />
          </Form.Item>
          <Form.Item name="category" label={tx(T.category)} rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'churn', label: tx(T.churn) }, { value: 'resource', label: tx(T.resource) }]} />
          </Form.Item>
          <Form.Item name="scenarioName" label={tx(T.scenario)} rules={[{ required: true, whitespace: true }, { max: 256 }]}>
            <Input data-testid="ops-alert-scenario" />
          </Form.Item>
          <Form.Item name="title" label={tx(T.alertTitle)} rules={[{ required: true, whitespace: true }, { max: 512 }]}>
            <Input data-testid="ops-alert-title" />
          </Form.Item>
          <Form.Item name="content" label={tx(T.content)} rules={[{ max: 4000 }]}>
            <Input.TextArea rows={3} showCount maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Every partner's 调账记录, searchable by serial number or customer. */
function AdjustmentsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<{ serialNo?: string; customer?: string }>({});
  const q = useQuery({
    queryKey: ['ops', 'customer-adjustments', filters, page],
    queryFn: () => api.GET('/api/ops/customer-adjustments', { params: { query: { ...filters, page, pageSize: 10 } } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(v: { serialNo?: string; customer?: string }) => {
          setPage(1);
          setFilters({ serialNo: v.serialNo?.trim() || undefined, customer: v.customer?.trim() || undefined });
        }}
      >
        <Form.Item name="serialNo" label={tx(T.serialNo)}>
          <Input allowClear maxLength={40} />
        </Form.Item>
        <Form.Item name="customer" label={tx(T.accountName)}>
          <Input allowClear maxLength={64} data-testid="ops-adjustments-customer" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="ops-adjustments-search">
          {tx(T.search)}
        </Button>
      </Form>
      <Table<Adjustment>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="ops-adjustments"
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: t('common.noData') }}
        columns={[
          { key: 'serial', title: tx(T.serialNo), dataIndex: 'serialNo' },
          { key: 'partner', title: tx(T.partner), render: (_, r) => r.partnerName ?? '-' },
          { key: 'customer', title: tx(T.customerName), render: (_, r) => `${r.customerName}（${r.accountName}）` },
          { key: 'kind', title: tx(T.kind), dataIndex: 'kindName' },
          { key: 'scenario', title: tx(T.scenarioName), dataIndex: 'scenarioName' },
          { key: 'amount', title: tx(T.amount), dataIndex: 'amount', align: 'right' },
          { key: 'operator', title: tx(T.operator), render: (_, r) => r.operatorName ?? '-' },
          { key: 'time', title: tx(T.time), render: (_, r) => formatTime(r.createdAt) },
        ]}
      />
    </>
  );
}

/** 客户运营: the vendor's side of issue 4 that the review queue does not cover. */
export function CustomersOpsPage() {
  const tx = useTx();
  return (
    <Card title={tx(T.title)} data-testid="ops-customers">
      <Typography.Paragraph type="secondary">{tx(T.intro)}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'history', label: tx(T.tabHistory), children: <HistoryTab /> },
          { key: 'alerts', label: <span data-testid="ops-tab-alerts">{tx(T.tabAlerts)}</span>, children: <AlertsTab /> },
          { key: 'adjustments', label: <span data-testid="ops-tab-adjustments">{tx(T.tabAdjustments)}</span>, children: <AdjustmentsTab /> },
        ]}
      />
    </Card>
  );
}
