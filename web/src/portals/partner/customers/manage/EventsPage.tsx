import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { pickText } from '../../../../i18n';
import { KEYS, ROUTES, useAccess, type AssociationEvent } from '../api';
import { T, tx } from '../text';
import { DateRangeField, emptyText, rangeToIso, StatusTag, TYPE_COLORS, ActionLink } from '../ui';
import { DecideEventDialog } from './RelationshipDialogs';

const STATUS_COLORS: Record<string, string> = { pre_review: 'processing', pre_review_rejected: 'error', pending: 'warning', completed: 'success', rejected: 'default', cancelled: 'default' };
const TYPES = ['associate', 'unbind', 'switch'] as const;
const STATUSES = ['pre_review', 'pre_review_rejected', 'pending', 'completed', 'rejected', 'cancelled'] as const;
const INITIATORS = ['partner', 'customer', 'system'] as const;

interface Filters {
  accountName?: string;
  customerName?: string;
  type?: (typeof TYPES)[number];
  status?: (typeof STATUSES)[number];
  initiator?: (typeof INITIATORS)[number];
  applied?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * 关联关系操作记录 (op 21, guide 9183–9213, L18765): associate / switch / unbind events with 同意 / 驳回 of a
 * customer's unbind and 取消 of the partner's own open request (admin only, code when the switch is on),
 * 不通过原因 of a failed pre-review, 联系预审人, 查看.
 */
export function EventsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  const { isAdmin } = useAccess();
  const [params] = useSearchParams();
  const initialStatus = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Filters['status']) : undefined;
  const initialAccount = params.get('accountName') ?? undefined;
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ status: initialStatus, accountName: initialAccount });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [viewing, setViewing] = useState<AssociationEvent | null>(null);
  const [deciding, setDeciding] = useState<{ event: AssociationEvent; decision: 'approve' | 'reject' } | null>(null);

  const { applied, ...rest } = filters;
  const range = rangeToIso(applied);
  const q = useQuery({
    queryKey: [...KEYS.events, 'list', rest, range, page, pageSize],
    queryFn: () => api.GET('/api/customers/association-events', { params: { query: { ...rest, from: range.from, to: range.to, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });

  const cancel = (e: AssociationEvent) =>
    modal.confirm({
      title: tx(T.cancelRequest),
      content: tx(T.cancelConfirm),
      okButtonProps: { 'data-testid': 'event-cancel-ok' },
      onOk: async () => {
        try {
          const r = await api.POST('/api/customers/association-events/{id}/cancel', { params: { path: { id: e.id } }, body: {} });
          void message.success(pickText(r.message));
          await qc.invalidateQueries({ queryKey: KEYS.events });
          await qc.invalidateQueries({ queryKey: KEYS.customer });
        } catch (err) {
          handleError(err);
        }
      },
    });
  const showReasons = (e: AssociationEvent) =>
    modal.info({ title: tx(T.failReasons), content: <div data-testid="event-fail-reasons" style={{ whiteSpace: 'pre-wrap' }}>{e.preReviewReasons}</div> });
  const showReviewer = (e: AssociationEvent) =>
    modal.info({
      title: tx(T.contactReviewer),
      content: (
        <Descriptions
          size="small"
          column={1}
          data-testid="event-reviewer"
          items={[
            { key: 'n', label: tx(T.reviewerName), children: e.preReviewer?.name },
            { key: 'e', label: tx(T.mailbox), children: e.preReviewer?.email ?? '--' },
          ]}
        />
      ),
    });

  const columns: TableColumnsType<AssociationEvent> = [
    { key: 'account', title: tx(T.accountName), render: (_, e) => e.accountName ?? '-' },
    { key: 'name', title: tx(T.customerName), render: (_, e) => e.customerName ?? '-' },
    { key: 'mobile', title: tx(T.mobile), render: (_, e) => e.mobile ?? '-' },
    { key: 'type', title: tx(T.associationType), render: (_, e) => <Tag color={TYPE_COLORS[e.associationType]}>{e.associationTypeName}</Tag> },
    { key: 'kind', title: tx(T.applyType), render: (_, e) => <span data-testid={`event-type-${e.id}`}>{e.typeName}</span> },
    { key: 'reason', title: tx(T.applyReason), render: (_, e) => e.reason ?? '--' },
    { key: 'by', title: tx(T.initiatedBy), dataIndex: 'initiatorName' },
    { key: 'status', title: tx(T.status), render: (_, e) => <StatusTag status={e.status} name={e.statusName} colors={STATUS_COLORS} testId={`event-status-${e.id}`} /> },
    { key: 'manager', title: tx(T.managerName), render: (_, e) => e.accountManagerName ?? '--' },
    { key: 'applied', title: tx(T.appliedAt), render: (_, e) => formatTime(e.appliedAt) },
    { key: 'decided', title: tx(T.decidedAt), render: (_, e) => formatTime(e.decidedAt) },
    {
      key: 'op',
      title: t('common.operation'),
      fixed: 'right',
      render: (_, e) => (
        <Space data-testid={`event-actions-${e.id}`}>
          <ActionLink onClick={() => setViewing(e)} data-testid={`event-view-${e.id}`}>
            {tx(T.view)}
          </ActionLink>
          {isAdmin && e.actions.includes('approve') && (
            <ActionLink onClick={() => setDeciding({ event: e, decision: 'approve' })} data-testid={`event-approve-${e.id}`}>
              {tx(T.approve)}
            </ActionLink>
          )}
          {isAdmin && e.actions.includes('reject') && (
            <ActionLink onClick={() => setDeciding({ event: e, decision: 'reject' })} data-testid={`event-reject-${e.id}`}>
              {tx(T.reject)}
            </ActionLink>
          )}
          {isAdmin && e.actions.includes('cancel') && (
            <ActionLink onClick={() => cancel(e)} data-testid={`event-cancel-${e.id}`}>
              {tx(T.cancelRequest)}
            </ActionLink>
          )}
          {e.preReviewReasons && (
            <ActionLink onClick={() => showReasons(e)} data-testid={`event-reasons-${e.id}`}>
              {tx(T.failReasons)}
            </ActionLink>
          )}
          {e.preReviewer && (
            <ActionLink onClick={() => showReviewer(e)} data-testid={`event-reviewer-${e.id}`}>
              {tx(T.contactReviewer)}
            </ActionLink>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={<span data-testid="events-title">{tx(T.eventsTitle)}</span>} extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>}>
      {(q.data?.pendingCustomerRequests ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tx(T.pendingHere, { count: q.data?.pendingCustomerRequests ?? 0 })}
          data-testid="events-pending"
          action={
            <Button
              size="small"
              onClick={() => {
                const v = { status: 'pending' as const, initiator: 'customer' as const };
                filterForm.setFieldsValue(v);
                setFilters(v);
                setPage(1);
              }}
              data-testid="events-show-pending"
            >
              {tx(T.showPending)}
            </Button>
          }
        />
      )}
      {!isAdmin && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tx(T.adminHandles)} />}
      <Form
        form={filterForm}
        layout="inline"
        initialValues={{ status: initialStatus, accountName: initialAccount }}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="event-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="accountName" label={tx(T.accountName)}>
          <Input allowClear style={{ width: 140 }} data-testid="event-filter-account" />
        </Form.Item>
        <Form.Item name="customerName" label={tx(T.customerName)}>
          <Input allowClear style={{ width: 140 }} data-testid="event-filter-name" />
        </Form.Item>
        <Form.Item name="type" label={tx(T.applyType)}>
          <Select allowClear style={{ width: 140 }} data-testid="event-filter-type" options={TYPES.map((k) => ({ value: k, label: tx(T.eventTypes[k]!) }))} />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select allowClear style={{ width: 130 }} data-testid="event-filter-status" options={STATUSES.map((k) => ({ value: k, label: tx(T.eventStatuses[k]!) }))} />
        </Form.Item>
        <Form.Item name="initiator" label={tx(T.initiatedBy)}>
          <Select allowClear style={{ width: 120 }} data-testid="event-filter-initiator" options={INITIATORS.map((k) => ({ value: k, label: tx(T.initiators[k]!) }))} />
        </Form.Item>
        <DateRangeField name="applied" label={T.appliedRange} testId="event-filter-applied" />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="event-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              filterForm.setFieldsValue({ accountName: undefined, customerName: undefined, type: undefined, status: undefined, initiator: undefined, applied: undefined });
              setFilters({});
              setPage(1);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Alert type="info" style={{ marginBottom: 12 }} title={tx(T.preReviewNote)} />
      <Table<AssociationEvent>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="events-table"
        scroll={{ x: 'max-content' }}
        locale={emptyText(T.eventsEmpty, 'events-empty')}
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
      <Drawer open={!!viewing} title={tx(T.eventDetail)} onClose={() => setViewing(null)} size={560} destroyOnHidden>
        {viewing && (
          <Descriptions
            size="small"
            column={1}
            bordered
            data-testid="event-detail"
            items={[
              { key: 'a', label: tx(T.accountName), children: viewing.accountName ?? '-' },
              { key: 'n', label: tx(T.customerName), children: viewing.customerName ?? '-' },
              { key: 'm', label: tx(T.mobile), children: viewing.mobile ?? '-' },
              { key: 't', label: tx(T.associationType), children: viewing.associationTypeName },
              ...(viewing.toType ? [{ key: 'to', label: tx(T.switchTo), children: tx(T[viewing.toType as 'consulting' | 'resale'] ?? T.none) }] : []),
              { key: 'k', label: tx(T.applyType), children: viewing.typeName },
              { key: 'r', label: tx(T.applyReason), children: viewing.reason ?? '--' },
              { key: 'i', label: tx(T.initiatedBy), children: viewing.initiatorName },
              { key: 's', label: tx(T.status), children: viewing.statusName },
              { key: 'g', label: tx(T.managerName), children: viewing.accountManagerName ?? '--' },
              { key: 'ap', label: tx(T.appliedAt), children: formatTime(viewing.appliedAt) },
              { key: 'de', label: tx(T.decidedAt), children: formatTime(viewing.decidedAt) },
              ...(viewing.rejectReason ? [{ key: 'rr', label: tx(T.rejectReason), children: viewing.rejectReason }] : []),
              ...(viewing.preReviewReasons ? [{ key: 'pr', label: tx(T.failReasons), children: viewing.preReviewReasons }] : []),
            ]}
          />
        )}
      </Drawer>
      {deciding && <DecideEventDialog event={deciding.event} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

