import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Segmented, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { usePaging } from '../../../components/paging';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { Money } from '../ui';
import { cloudKey, PATHS, ResourceStatusTag, useCatalogue, useRegionName, useTx, type Resource } from './common';
import { C } from './text';

export type ResourcesTab = 'period' | 'on_demand';
const MONTHS = Array.from({ length: 11 }, (_, i) => i + 1);
const YEARS = [1, 2, 3];
const ACTIVE = ['使用中', '已过期'];

/**
 * 我的资源: tabs 包年/包月 and 按需 (`GET /api/customer/cloud/resources`, paged in SQL). 包年/包月 rows: 续费 (a 续订
 * order → 支付), 退订 (the refund quoted first, then "退订成功"; the money returns to whoever paid), 开启 / 关闭自动续费.
 * 按需 rows: 删除 (metering stops).
 */
export function ResourcesPage({ tab }: { tab: ResourcesTab }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const catalogue = useCatalogue();
  const regionName = useRegionName();
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [renewing, setRenewing] = useState<Resource | null>(null);
  const [leaving, setLeaving] = useState<Resource | null>(null);
  const [autoRenewing, setAutoRenewing] = useState<Resource | null>(null);
  const query = { chargeMode: tab, page, pageSize };
  const q = useQuery({ queryKey: [...cloudKey, 'resources', query], queryFn: () => api.GET('/api/customer/cloud/resources', { params: { query } }), placeholderData: keepPreviousData });

  const productName = (r: Resource) => {
    const p = catalogue.byId.get(r.productId);
    return p ? tx(p.name) : r.resourceTypeCode;
  };

  const autoRenewOff = async (r: Resource) => {
    try {
      await api.PUT('/api/customer/cloud/resources/{id}/auto-renew', { params: { path: { id: r.id } }, body: { enabled: false } });
      void message.success(tx(C.resources.autoRenewOffDone));
      await qc.invalidateQueries({ queryKey: [...cloudKey, 'resources'] });
    } catch (err) {
      handleError(err);
    }
  };

  const release = (r: Resource) =>
    modal.confirm({
      title: tx(C.resources.release),
      content: tx(C.resources.releaseConfirm(r.name)),
      okButtonProps: { danger: true, 'data-testid': 'release-confirm' },
      onOk: async () => {
        try {
          await api.POST('/api/customer/cloud/resources/{id}/release', { params: { path: { id: r.id } } });
          void message.success(tx(C.resources.released));
          await qc.invalidateQueries({ queryKey: [...cloudKey, 'resources'] });
        } catch (err) {
          handleError(err);
        }
      },
    });

  const common: TableColumnsType<Resource> = [
    {
      key: 'name',
      title: tx(C.resources.name),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong data-testid={`resource-name-${r.name}`}>
            {r.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.id }}>
            {r.id.slice(0, 8)}…
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'product', title: tx(C.resources.product), render: (_, r) => productName(r) },
    { key: 'region', title: tx(C.resources.region), render: (_, r) => regionName(r.regionCode) },
    { key: 'status', title: tx(C.resources.status), render: (_, r) => <ResourceStatusTag status={r.status} testId={`resource-status-${r.name}`} /> },
  ];
  const columns: TableColumnsType<Resource> =
    tab === 'period'
      ? [
          ...common,
          { key: 'effectiveAt', title: tx(C.resources.effectiveAt), render: (_, r) => formatTime(r.effectiveAt) },
          { key: 'expiresAt', title: tx(C.resources.expiresAt), render: (_, r) => <span data-testid={`resource-expires-${r.name}`}>{formatTime(r.expiresAt)}</span> },
          {
            key: 'autoRenew',
            title: tx(C.resources.autoRenew),
            render: (_, r) => <Tag color={r.autoRenew ? 'green' : 'default'} data-testid={`resource-auto-renew-${r.name}`}>{tx(r.autoRenew ? C.resources.on : C.resources.off)}</Tag>,
          },
          {
            key: 'actions',
            title: tx(C.resources.actions),
            fixed: 'right',
            render: (_, r) =>
              ACTIVE.includes(r.status) ? (
                <Space size="small">
                  <Typography.Link onClick={() => setRenewing(r)} data-testid={`resource-renew-${r.name}`}>
                    {tx(C.resources.renew)}
                  </Typography.Link>
                  <Typography.Link onClick={() => setLeaving(r)} data-testid={`resource-unsubscribe-${r.name}`}>
                    {tx(C.resources.unsubscribe)}
                  </Typography.Link>
                  {r.autoRenew ? (
                    <Typography.Link onClick={() => void autoRenewOff(r)} data-testid={`resource-auto-renew-off-${r.name}`}>
                      {tx(C.resources.autoRenewOff)}
                    </Typography.Link>
                  ) : (
                    <Typography.Link onClick={() => setAutoRenewing(r)} data-testid={`resource-auto-renew-on-${r.name}`}>
                      {tx(C.resources.autoRenewOn)}
                    </Typography.Link>
                  )}
                </Space>
              ) : (
                '-'
              ),
          },
        ]
      : [
          ...common,
          { key: 'openedAt', title: tx(C.resources.openedAt), render: (_, r) => formatTime(r.effectiveAt) },
          {
            key: 'actions',
            title: tx(C.resources.actions),
            fixed: 'right',
            render: (_, r) =>
              r.status !== '已删除' ? (
                <Typography.Link onClick={() => release(r)} data-testid={`resource-release-${r.name}`}>
                  {tx(C.resources.release)}
                </Typography.Link>
              ) : (
                '-'
              ),
          },
        ];

  return (
    <Card title={tx(C.resources.title)} data-testid="resources-page" extra={<Button onClick={() => navigate(PATHS.products)}>{tx(C.nav.products)}</Button>}>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setPage(1);
          navigate(k === 'on_demand' ? PATHS.onDemandResources : PATHS.resources);
        }}
        items={[
          { key: 'period', label: <span data-testid="resources-tab-period">{tx(C.resources.tabPeriod)}</span> },
          { key: 'on_demand', label: <span data-testid="resources-tab-on-demand">{tx(C.resources.tabOnDemand)}</span> },
        ]}
      />
      <Table<Resource>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="resources-table"
        onRow={(r) => ({ 'data-testid': `resource-row-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <span data-testid="resources-empty">{tx(C.resources.empty)}</span> }}
        pagination={paging.pagination(q.data?.total)}
      />
      {renewing && <RenewModal resource={renewing} onClose={() => setRenewing(null)} />}
      {leaving && <UnsubscribeModal resource={leaving} onClose={() => setLeaving(null)} />}
      {autoRenewing && <AutoRenewModal resource={autoRenewing} onClose={() => setAutoRenewing(null)} />}
    </Card>
  );
}

function PeriodPicker({ periodType, periodNum, onChange, testId }: { periodType: 'month' | 'year'; periodNum: number; onChange: (t: 'month' | 'year', n: number) => void; testId: string }) {
  const tx = useTx();
  return (
    <Space direction="vertical">
      <Segmented
        value={periodType}
        onChange={(v) => onChange(v as 'month' | 'year', 1)}
        options={[
          { value: 'month', label: tx(C.buy.month) },
          { value: 'year', label: tx(C.buy.year) },
        ]}
      />
      <Radio.Group value={periodNum} onChange={(e) => onChange(periodType, Number(e.target.value))} optionType="button" data-testid={testId}>
        {(periodType === 'month' ? MONTHS : YEARS).map((n) => (
          <Radio.Button key={n} value={n} data-testid={`${testId}-${n}`}>
            {tx(periodType === 'month' ? C.buy.months(n) : C.buy.years(n))}
          </Radio.Button>
        ))}
      </Radio.Group>
    </Space>
  );
}

/** 续费: the period, its price (quoted by the server), then 去支付 creates the 续订 order and opens 支付. */
function RenewModal({ resource: r, onClose }: { resource: Resource; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { handleError } = useFeedback();
  const [periodType, setPeriodType] = useState<'month' | 'year'>('month');
  const [periodNum, setPeriodNum] = useState(1);
  const [busy, setBusy] = useState(false);
  const body = { resourceIds: [r.id], periodType, periodNum };
  const quote = useQuery({ queryKey: [...cloudKey, 'renew-quote', body], queryFn: () => api.POST('/api/customer/cloud/resources/renew/quote', { body }), retry: false });
  return (
    <Modal
      open
      title={`${tx(C.resources.renewTitle)} · ${r.name}`}
      onCancel={onClose}
      okText={tx(C.resources.renewSubmit)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !quote.data, 'data-testid': 'renew-submit' }}
      onOk={async () => {
        setBusy(true);
        try {
          const order = await api.POST('/api/customer/cloud/resources/renew', { body });
          await qc.invalidateQueries({ queryKey: cloudKey });
          navigate(PATHS.pay(order.id));
        } catch (err) {
          handleError(err);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={tx(C.resources.expiresAt)}>{formatTime(r.expiresAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(C.buy.periodType)}>
          <PeriodPicker
            periodType={periodType}
            periodNum={periodNum}
            testId="renew-period"
            onChange={(pt, n) => {
              setPeriodType(pt);
              setPeriodNum(n);
            }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={tx(C.resources.renewPrice)}>
          {quote.error instanceof ApiError ? (
            <Typography.Text type="danger">{quote.error.message}</Typography.Text>
          ) : (
            <Typography.Text strong type="danger">
              <Money value={quote.data?.amount} testId="renew-price" />
            </Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

/** 退订: the refund quoted by the server (what comes back, to whom), an optional reason, then 确认退订. */
function UnsubscribeModal({ resource: r, onClose }: { resource: Resource; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const quote = useQuery({ queryKey: [...cloudKey, 'unsubscribe-quote', r.id], queryFn: () => api.POST('/api/customer/cloud/resources/unsubscribe/quote', { body: { resourceIds: [r.id] } }), retry: false, gcTime: 0 });
  const items = quote.data?.items ?? [];
  return (
    <Modal
      open
      title={`${tx(C.resources.unsubscribeTitle)} · ${r.name}`}
      onCancel={onClose}
      okText={tx(C.resources.confirm)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: !quote.data, 'data-testid': 'unsubscribe-confirm' }}
      onOk={async () => {
        setBusy(true);
        try {
          await api.POST('/api/customer/cloud/resources/unsubscribe', { body: { resourceIds: [r.id], reason: reason.trim() || undefined } });
          void message.success({ content: <span data-testid="unsubscribe-done">{tx(C.resources.unsubscribed)}</span> });
          await qc.invalidateQueries({ queryKey: cloudKey });
          await qc.invalidateQueries({ queryKey: ['customer', 'funds'] });
          onClose();
        } catch (err) {
          handleError(err);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(C.resources.unsubscribeWarn)} />
      <Spin spinning={quote.isFetching}>
        {quote.error instanceof ApiError ? (
          <Alert type="error" showIcon message={quote.error.message} />
        ) : (
          <>
            <Table
              rowKey="resourceId"
              size="small"
              pagination={false}
              dataSource={items}
              columns={[
                { key: 'name', title: tx(C.resources.name), render: (_, i) => `${i.name}${i.parentResourceId ? tx(C.resources.attached) : ''}` },
                { key: 'kind', title: '', render: (_, i) => <Typography.Text type="secondary">{tx(i.noReasonRefund ? C.resources.noReason : C.resources.proRata)}</Typography.Text> },
                { key: 'amount', title: tx(C.resources.refundAmount), align: 'right', render: (_, i) => <Money value={i.amount} /> },
              ]}
            />
            <div style={{ textAlign: 'right', margin: '12px 0' }}>
              {tx(C.resources.refundAmount)}：
              <Typography.Text strong type="danger" style={{ fontSize: 18 }}>
                <Money value={quote.data?.refundAmount} testId="unsubscribe-refund" />
              </Typography.Text>
            </div>
            <Typography.Paragraph type="secondary">{tx(C.resources.refundTo)}</Typography.Paragraph>
          </>
        )}
      </Spin>
      <Form layout="vertical">
        <Form.Item label={tx(C.resources.reason)}>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={512} rows={2} data-testid="unsubscribe-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 开启自动续费: the renewal period (attached resources follow). */
function AutoRenewModal({ resource: r, onClose }: { resource: Resource; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [periodType, setPeriodType] = useState<'month' | 'year'>('month');
  const [periodNum, setPeriodNum] = useState(1);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`${tx(C.resources.autoRenewOn)} · ${r.name}`}
      onCancel={onClose}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'auto-renew-ok' }}
      onOk={async () => {
        setBusy(true);
        try {
          await api.PUT('/api/customer/cloud/resources/{id}/auto-renew', { params: { path: { id: r.id } }, body: { enabled: true, periodType, periodNum } });
          void message.success(tx(C.resources.autoRenewOnDone));
          await qc.invalidateQueries({ queryKey: [...cloudKey, 'resources'] });
          onClose();
        } catch (err) {
          handleError(err);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={tx(C.resources.autoRenewNote)} />
      <Form layout="vertical">
        <Form.Item label={tx(C.resources.autoRenewPeriod)}>
          <PeriodPicker
            periodType={periodType}
            periodNum={periodNum}
            testId="auto-renew-period"
            onChange={(pt, n) => {
              setPeriodType(pt);
              setPeriodNum(n);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
