import { Alert, Button, Card, Col, Form, Input, Modal, Row, Statistic, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ApiData } from '../../api/client';
import { useFeedback } from '../../components/feedback';
import { formatTime } from '../../components/format';
import { T } from './text';
import { CUSTOMER_BASE, Money, newRequestId, useTx } from './ui';
import { ConsumptionTab } from './cloud/ConsumptionTab';
import { C } from './cloud/text';

type Balance = ApiData<'/api/customer/funds/balance', 'get'>;
type Adjustment = ApiData<'/api/customer/funds/adjustments', 'get'>['items'][number];
type TopUpLine = ApiData<'/api/customer/funds/top-ups', 'get'>['items'][number];
export type BillingTab = 'adjustments' | 'top-ups' | 'consumption';

/** The amounts the API takes: > 0, at most 2 decimals (the server checks again). */
const AMOUNT_RE = /^\d{1,16}(\.\d{1,2})?$/;
const positive = (s: string) => /[1-9]/.test(s);

/**
 * 费用中心 > 总览 (guide 13.3 充值, 13.4 调账记录; spec 07 C5–C6): the customer's own 现金账户余额 with
 * 充值 (顾问销售 / unassociated), the 代售 partner's allocations by 使用场景, and the tabs 调账记录 and
 * 收支明细, each paged by the server. Amounts are the API's decimal strings, shown as they come.
 */
export function BillingPage({ tab }: { tab: BillingTab }) {
  const tx = useTx();
  const navigate = useNavigate();
  const [topUpOpen, setTopUpOpen] = useState(false);
  const balance = useQuery({ queryKey: ['customer', 'funds', 'balance'], queryFn: () => api.GET('/api/customer/funds/balance') });
  const b = balance.data;
  const resale = b?.associationType === 'resale';

  return (
    <Card title={tx(T.billing.title)} data-testid="billing-page">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {tx(T.billing.overview)}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={resale ? 8 : 12}>
          <Card size="small" loading={balance.isLoading}>
            <Statistic title={tx(T.billing.cashBalance)} valueRender={() => <Money value={b?.ownCashBalance} testId="cash-balance" />} />
            {b?.canTopUp && (
              <Button type="primary" style={{ marginTop: 12 }} onClick={() => setTopUpOpen(true)} data-testid="top-up">
                {tx(T.billing.topUp)}
              </Button>
            )}
          </Card>
        </Col>
        {resale && b?.partnerFunds && (
          <Col xs={24} md={16}>
            <Card size="small" loading={balance.isLoading}>
              <Statistic
                title={tx(T.billing.partnerBalanceOf(b.partnerFunds.partnerName))}
                valueRender={() => <Money value={b.partnerFunds?.balance} testId="partner-balance" />}
              />
              <Table
                style={{ marginTop: 12 }}
                size="small"
                rowKey="scenario"
                pagination={false}
                dataSource={b.partnerFunds.scenarios}
                data-testid="partner-scenarios"
                columns={[
                  { title: tx(T.billing.scenario), dataIndex: 'scenarioName' },
                  { title: tx(T.billing.balance), render: (_, s) => <Money value={s.balance} testId={`scenario-balance-${s.scenario}`} /> },
                  { title: tx(T.billing.effectiveAt), render: (_, s) => formatTime(s.effectiveAt) },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Alert
        style={{ margin: '16px 0' }}
        type="info"
        showIcon
        data-testid="top-up-note"
        message={tx(resale ? T.billing.resaleTopUp : T.billing.consultingTopUp)}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'adjustments' ? `${CUSTOMER_BASE}/billing` : `${CUSTOMER_BASE}/billing/${k}`)}
        items={[
          { key: 'adjustments', label: <span data-testid="tab-adjustments">{tx(T.billing.tabAdjustments)}</span>, children: tab === 'adjustments' && <AdjustmentsTable /> },
          { key: 'top-ups', label: <span data-testid="tab-top-ups">{tx(T.billing.tabTopUps)}</span>, children: tab === 'top-ups' && <TopUpsTable /> },
          { key: 'consumption', label: <span data-testid="tab-consumption">{tx(C.fees.tab)}</span>, children: tab === 'consumption' && <ConsumptionTab /> },
        ]}
      />
      {topUpOpen && <TopUpModal balance={b} onClose={() => setTopUpOpen(false)} />}
    </Card>
  );
}

/** 调账记录 (13.4): the partner's allocations and recalls, signed from the customer's side. */
function AdjustmentsTable() {
  const tx = useTx();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: ['customer', 'funds', 'adjustments', page, pageSize],
    queryFn: () => api.GET('/api/customer/funds/adjustments', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Adjustment> = [
    { key: 'serialNo', title: tx(T.billing.serialNo), dataIndex: 'serialNo', render: (v: string) => <span data-testid="adjustment-serial">{v}</span> },
    { key: 'partner', title: tx(T.billing.partnerName), dataIndex: 'partnerName' },
    { key: 'kind', title: tx(T.billing.kind), dataIndex: 'kindName' },
    { key: 'scenario', title: tx(T.billing.scenario), dataIndex: 'scenarioName' },
    { key: 'amount', title: tx(T.billing.adjustAmount), align: 'right', render: (_, a) => <Money value={a.amount} testId="adjustment-amount" /> },
    { key: 'createdAt', title: tx(T.billing.adjustedAt), render: (_, a) => formatTime(a.createdAt) },
    { key: 'remark', title: tx(T.billing.remark), render: (_, a) => a.remark || '-' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{tx(T.billing.adjustmentsNote)}</Typography.Paragraph>
      <Table<Adjustment>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="adjustments-table"
        locale={{ emptyText: <span data-testid="adjustments-empty">{tx(T.billing.noAdjustments)}</span> }}
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

/** 收支明细 of the customer's own account (top-ups and what spends it), with the balance after each line. */
function TopUpsTable() {
  const tx = useTx();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: ['customer', 'funds', 'top-ups', page, pageSize],
    queryFn: () => api.GET('/api/customer/funds/top-ups', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TopUpLine> = [
    { key: 'createdAt', title: tx(T.billing.tradeTime), render: (_, l) => formatTime(l.createdAt) },
    { key: 'kind', title: tx(T.billing.tradeType), render: (_, l) => (l.kind === 'customer.topup' ? tx(T.billing.topUpKind) : (l.memo ?? l.kind)) },
    { key: 'amount', title: tx(T.billing.tradeAmount), align: 'right', render: (_, l) => <Money value={l.amount} testId="top-up-amount" /> },
    { key: 'balanceAfter', title: tx(T.billing.balanceAfter), align: 'right', render: (_, l) => <Money value={l.balanceAfter} /> },
  ];
  return (
    <Table<TopUpLine>
      rowKey="postingId"
      size="small"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      columns={columns}
      data-testid="top-ups-table"
      locale={{ emptyText: <span data-testid="top-ups-empty">{tx(T.billing.noTopUps)}</span> }}
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
  );
}

/** 充值 (13.3): the amount as typed (a decimal string, never a float); one request id per dialog, so a retry is not paid twice. */
function TopUpModal({ balance, onClose }: { balance: Balance | undefined; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ amount: string }>();
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(T.billing.topUp)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'top-up-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {tx(T.billing.cashBalance)}：<Money value={balance?.ownCashBalance} />
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="top-up-form"
        onFinish={async ({ amount }) => {
          setBusy(true);
          try {
            await api.POST('/api/customer/funds/top-ups', { body: { amount: amount.trim(), requestId } });
            void message.success(tx(T.billing.toppedUp));
            await qc.invalidateQueries({ queryKey: ['customer', 'funds'] });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="amount"
          label={tx(T.billing.amount)}
          rules={[
            { required: true, whitespace: true, message: tx(T.billing.amountRequired) },
            { validator: (_, v?: string) => (!v?.trim() || (AMOUNT_RE.test(v.trim()) && positive(v.trim())) ? Promise.resolve() : Promise.reject(new Error(tx(T.billing.amountFormat)))) },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" autoFocus data-testid="top-up-amount-input" maxLength={19} />
        </Form.Item>
        <Typography.Text type="secondary">{tx(T.billing.paymentNote)}</Typography.Text>
      </Form>
    </Modal>
  );
}
