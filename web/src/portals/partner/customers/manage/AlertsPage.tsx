import { Alert as AntAlert, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, type Alert } from '../api';
import { T, tx, type Bi } from '../text';
import { emptyText, EyeTitle, StatusTag, ActionLink } from '../ui';

const STATUS_COLORS: Record<string, string> = { pending: 'warning', handled: 'success' };
const CATEGORY_COLORS: Record<string, string> = { churn: 'volcano', resource: 'geekblue' };

interface Filters {
  customer?: string;
  manager?: string;
  status?: 'pending' | 'handled';
  category?: 'churn' | 'resource';
}

/**
 * 销售 > 客户 > 客户预警 (op 34, guide 9895–9977): 处理预警 (the alerts this user, as the customer's sole
 * responsible owner, may handle) and 查看预警 (all, filtered by customer or manager name); the eye on
 * 客户名称/账号名; expand a row for the detail and the handling.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'view' ? 'view' : 'handle';
  const customerId = params.get('customerId') ?? undefined;
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [reveal, setReveal] = useState(false);
  const [handling, setHandling] = useState<Alert | null>(null);

  const q = useQuery({
    queryKey: [...KEYS.alerts, tab, customerId, filters, page, pageSize, reveal],
    queryFn: () => api.GET('/api/customers/alerts', { params: { query: { tab, customerId, ...filters, page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Alert> = [
    { key: 'scenario', title: tx(T.scenarioName), dataIndex: 'scenarioName' },
    { key: 'category', title: tx(T.alertCategory), render: (_, a) => <Tag color={CATEGORY_COLORS[a.category]}>{a.categoryName}</Tag> },
    { key: 'title', title: tx(T.alertTitle), dataIndex: 'title' },
    {
      key: 'customer',
      title: <EyeTitle title={tx(T.customerNameAccount)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-alert-customer" />,
      render: (_, a) => (
        <span data-testid={`alert-customer-${a.id}`}>
          {a.customerName} / {a.accountName}
        </span>
      ),
    },
    { key: 'sent', title: tx(T.sentAt), render: (_, a) => formatTime(a.sentAt) },
    { key: 'manager', title: tx(T.manager), render: (_, a) => a.accountManagerName ?? '--' },
    { key: 'status', title: tx(T.status), render: (_, a) => <StatusTag status={a.status} name={a.statusName} colors={STATUS_COLORS} testId={`alert-status-${a.id}`} /> },
    ...(tab === 'handle'
      ? [
          {
            key: 'op',
            title: t('common.operation'),
            render: (_: unknown, a: Alert) =>
              a.canHandle && a.status === 'pending' ? (
                <ActionLink onClick={() => setHandling(a)} data-testid={`alert-handle-${a.id}`}>
                  {tx(T.handle)}
                </ActionLink>
              ) : (
                '-'
              ),
          },
        ]
      : []),
  ];

  return (
    <Card title={<span data-testid="alerts-title">{tx(T.alertsTitle)}</span>}>
      <AntAlert type="info" showIcon style={{ marginBottom: 12 }} title={tx(T.soleOwnerNote)} />
      {customerId && (
        <AntAlert
          type="warning"
          style={{ marginBottom: 12 }}
          title={tx(T.filteredByCustomer)}
          action={
            <Button size="small" onClick={() => setParams(tab === 'view' ? { tab } : {}, { replace: true })}>
              {tx(T.showAll)}
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setParams({ ...(k === 'view' ? { tab: k } : {}), ...(customerId ? { customerId } : {}) }, { replace: true });
          setPage(1);
        }}
        items={[
          { key: 'handle', label: <span data-testid="tab-handle">{tx(T.tabHandle)}</span> },
          { key: 'view', label: <span data-testid="tab-view">{tx(T.tabView)}</span> },
        ]}
      />
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="alert-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="customer" label={tx(T.customerName)}>
          <Input allowClear style={{ width: 150 }} data-testid="alert-filter-customer" />
        </Form.Item>
        <Form.Item name="manager" label={tx(T.managerName)}>
          <Input allowClear style={{ width: 130 }} data-testid="alert-filter-manager" />
        </Form.Item>
        <Form.Item name="category" label={tx(T.alertCategory)}>
          <Select allowClear style={{ width: 120 }} data-testid="alert-filter-category" options={(['churn', 'resource'] as const).map((k) => ({ value: k, label: tx(T.alertCategories[k]!) }))} />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select allowClear style={{ width: 110 }} data-testid="alert-filter-status" options={(['pending', 'handled'] as const).map((k) => ({ value: k, label: tx(T.alertStatuses[k]!) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="alert-search">
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
      <Table<Alert>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="alerts-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(tab === 'handle' ? T.alertsEmptyHandle : T.alertsEmptyView, 'alerts-empty')}
        expandable={{ expandedRowRender: (a) => <AlertDetail a={a} /> }}
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
      {handling && <HandleAlertDialog alert={handling} onClose={() => setHandling(null)} />}
    </Card>
  );
}

function AlertDetail({ a }: { a: Alert }) {
  const h = a.handling;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid={`alert-detail-${a.id}`}
      items={[
        { key: 'c', label: tx(T.alertDetail), children: a.content ?? a.title },
        ...(h
          ? [
              ...(h.churnedName ? [{ key: 'ch', label: tx(T.churned), children: h.churnedName }] : []),
              { key: 'r', label: tx(a.category === 'resource' ? T.resourceResult : h.churned ? T.churnReason : T.notChurnedFeedback), children: h.reasonName ?? h.reason ?? '--' },
              ...(h.note ? [{ key: 'n', label: tx(T.otherNote), children: h.note }] : []),
              { key: 'by', label: tx(T.handledBy), children: h.handledByName ?? '--' },
              { key: 'at', label: tx(T.handledAt), children: formatTime(h.handledAt) },
            ]
          : []),
      ]}
    />
  );
}

/** 处理: 流失预警 → 客户是否流失 + 流失原因 / 未流失反馈; 资源预警 → 处理结果; 其他 needs 说明. */
function HandleAlertDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ churned?: boolean; reason?: string; note?: string }>();
  const [saving, setSaving] = useState(false);
  const churned = Form.useWatch('churned', form);
  const reason = Form.useWatch('reason', form);
  const churn = alert.category === 'churn';
  const options: Record<string, Bi> = !churn ? T.resourceResults : churned === true ? T.churnReasons : churned === false ? T.notChurned : {};
  const reasonLabel = !churn ? T.resourceResult : churned ? T.churnReason : T.notChurnedFeedback;
  const submit = async (v: { churned?: boolean; reason?: string; note?: string }) => {
    setSaving(true);
    try {
      await api.POST('/api/customers/alerts/{id}/handle', { params: { path: { id: alert.id } }, body: { churned: churn ? (v.churned ?? null) : null, reason: v.reason ?? '', note: v.note?.trim() || null } });
      void message.success(tx(T.alertHandled));
      await qc.invalidateQueries({ queryKey: KEYS.alerts });
      await qc.invalidateQueries({ queryKey: KEYS.customers });
      onClose();
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={tx(T.handle)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'alert-handle-ok' }} destroyOnHidden>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[{ key: 't', label: tx(T.alertTitle), children: alert.title }, { key: 'c', label: tx(T.alertCategory), children: alert.categoryName }]} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="alert-handle-form">
        {churn && (
          <Form.Item name="churned" label={tx(T.churned)} rules={[{ required: true, message: tx(T.churned) }]}>
            <Radio.Group onChange={() => form.setFieldValue('reason', undefined)} data-testid="alert-churned">
              <Radio value={true} data-testid="alert-churned-yes">
                {tx(T.churnedYes)}
              </Radio>
              <Radio value={false} data-testid="alert-churned-no">
                {tx(T.churnedNo)}
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {(!churn || churned !== undefined) && (
          <Form.Item name="reason" label={tx(reasonLabel)} rules={[{ required: true, message: tx(reasonLabel) }]}>
            <Radio.Group data-testid="alert-reason">
              <Space orientation="vertical">
                {Object.entries(options).map(([k, label]) => (
                  <Radio key={k} value={k} data-testid={`alert-reason-${k}`}>
                    {tx(label)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        {reason === 'other' && (
          <Form.Item name="note" label={tx(T.otherNote)} rules={[{ required: true, whitespace: true, message: tx(T.otherNoteRequired) }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="alert-note" />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
