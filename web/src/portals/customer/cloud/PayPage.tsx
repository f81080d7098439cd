import { Alert, Button, Card, Descriptions, Divider, Radio, Result, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { Money, newRequestId } from '../ui';
import { cloudKey, compareDecimal, OrderStatusTag, PATHS, useCatalogue, useSpendable, useTx, type OrderDetail } from './common';
import { C } from './text';

type Method = 'balance' | 'partner';

/**
 * 支付 (guide 13.5.2 L20262–20292 and 13.6 L20294–20316; spec 07 C8–C9): the order and its 应付金额, then the
 * payment method —
 * - 余额支付 from the balance the customer may spend (a 代售 customer: its partner's 普通 allocation), 确认付款 with one
 *   request id per page, so a double click or a retry pays once (`POST …/orders/:id/pay`);
 * - 伙伴支付 with 请他付款 (`POST …/orders/:id/partner-pay-request`), offered as the server's `partnerPay` says
 *   (associated customers; a 云经销商's only 代售; never auto-renewal). While asked: 待伙伴支付; after a 驳回: the
 *   reason, and the customer pays itself or cancels.
 * Vouchers (代金券抵扣) come with the coupons module; until then none is listed.
 */
export function PayPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: [...cloudKey, 'order', id], queryFn: () => api.GET('/api/customer/cloud/orders/{id}', { params: { path: { id } } }) });
  if (detail.isLoading) return <Card loading />;
  if (!detail.data) return <Result status="404" title={detail.error instanceof Error ? detail.error.message : ''} extra={<Link to={PATHS.orders}>{tx(C.pay.toOrders)}</Link>} />;
  return <PayForm detail={detail.data} />;
}

function PayForm({ detail }: { detail: OrderDetail }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const catalogue = useCatalogue();
  const spendable = useSpendable();
  const { order, partnerPay } = detail;
  const [method, setMethod] = useState<Method>(partnerPay.requested ? 'partner' : 'balance');
  const [requestId] = useState(newRequestId); // one payment attempt per page: retries and double clicks reuse it
  const [busy, setBusy] = useState(false);
  const [paid, setPaid] = useState<{ orderNo: string; amount: string } | null>(null);

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: cloudKey });
    await qc.invalidateQueries({ queryKey: ['customer', 'funds'] });
  };

  if (paid || order.status === '已完成') {
    return (
      <Card>
        <Result
          status="success"
          title={<span data-testid="pay-success">{tx(C.pay.paid)}</span>}
          subTitle={tx(C.pay.paidDesc(paid?.orderNo ?? order.orderNo, paid?.amount ?? order.paidAmount ?? order.amount))}
          extra={[
            <Button key="orders" type="primary" onClick={() => navigate(PATHS.orders)} data-testid="pay-to-orders">
              {tx(C.pay.toOrders)}
            </Button>,
            <Button key="resources" onClick={() => navigate(PATHS.resources)} data-testid="pay-to-resources">
              {tx(C.pay.toResources)}
            </Button>,
          ]}
        />
      </Card>
    );
  }
  if (order.status !== '待支付') {
    return (
      <Card>
        <Result status="info" title={<span data-testid="pay-not-payable">{tx(C.pay.notPayable(tx(C.statuses[order.status] ?? { zh: order.status, en: order.status })))}</span>} extra={<Link to={PATHS.orders}>{tx(C.pay.toOrders)}</Link>} />
      </Card>
    );
  }

  const amountDue = order.amount;
  const enough = spendable.amount !== undefined && compareDecimal(spendable.amount, amountDue) >= 0;
  const rejected = Boolean(partnerPay.rejectReason);
  const firstLine = detail.lines[0];
  const productName = firstLine?.product ? tx(firstLine.product.name) : (catalogue.services.get(order.serviceTypeCode) ? tx(catalogue.services.get(order.serviceTypeCode)!) : order.serviceTypeCode);

  const payByBalance = async () => {
    setBusy(true);
    try {
      const r = await api.POST('/api/customer/cloud/orders/{id}/pay', { params: { path: { id: order.id } }, body: { requestId } });
      setPaid({ orderNo: r.orderNo, amount: r.paidAmount ?? r.amount });
      await refresh();
    } catch (err) {
      handleError(err);
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const askPartner = async () => {
    setBusy(true);
    try {
      await api.POST('/api/customer/cloud/orders/{id}/partner-pay-request', { params: { path: { id: order.id } }, body: {} });
      void message.success(tx(C.pay.asked));
      await refresh();
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };

  const cancel = () =>
    modal.confirm({
      title: tx(C.pay.cancel),
      content: tx(C.pay.cancelConfirm),
      okButtonProps: { danger: true, 'data-testid': 'pay-cancel-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/customer/cloud/orders/{id}/cancel', { params: { path: { id: order.id } }, body: {} });
          void message.success(tx(C.pay.cancelled));
          await refresh();
          navigate(PATHS.orders);
        } catch (err) {
          handleError(err);
        }
      },
    });

  return (
    <Card title={tx(C.pay.title)} data-testid="pay-page">
      <Typography.Text type="secondary">{tx(C.pay.forOrders)}</Typography.Text>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ margin: '8px 0 16px' }}>
        <Descriptions.Item label={tx(C.pay.orderNo)}>
          <span data-testid="pay-order-no">{order.orderNo}</span> <OrderStatusTag order={order} testId="pay-order-status" />
        </Descriptions.Item>
        <Descriptions.Item label={tx(C.orders.product)}>{productName}</Descriptions.Item>
        <Descriptions.Item label={tx(C.pay.amountDue)}>
          <Typography.Text strong>
            <Money value={amountDue} testId="pay-amount-due" />
          </Typography.Text>
        </Descriptions.Item>
        {order.payDeadline && (
          <Descriptions.Item label={tx(C.orders.payDeadline)} span={3}>
            {tx(C.pay.deadline)}
            {formatTime(order.payDeadline)}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Typography.Title level={5}>{tx(C.pay.voucher)}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="pay-no-voucher">
        {tx(C.pay.noVoucher)}
      </Typography.Paragraph>

      {partnerPay.requested && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={<span data-testid="pay-partner-asked">{tx(C.pay.asked)}</span>} description={tx(C.pay.askedDesc)} />}
      {rejected && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={tx(C.pay.rejected)}
          description={
            <>
              <div data-testid="pay-reject-reason">
                {tx(C.pay.rejectReason)}：{partnerPay.rejectReason}
              </div>
              <div>{tx(C.pay.rejectedDesc)}</div>
            </>
          }
        />
      )}

      <Typography.Title level={5}>
        {tx(C.pay.chooseMethod)} <Money value={amountDue} />
      </Typography.Title>
      <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as Method)} style={{ width: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small" style={{ borderColor: method === 'balance' ? '#1677ff' : undefined }}>
            <Radio value="balance" data-testid="pay-method-balance">
              <Typography.Text strong>{tx(C.pay.balance)}</Typography.Text>
            </Radio>
            <div style={{ marginLeft: 24, marginTop: 4 }}>
              <Typography.Text type="secondary">
                {tx(C.pay.balanceLabel)} · {spendable.resale ? tx(C.pay.resaleBalance(spendable.partnerName)) : tx(C.pay.ownBalance)}
              </Typography.Text>
              <div>
                {tx(C.pay.available)}
                <Money value={spendable.amount} testId="pay-available" />
              </div>
            </div>
          </Card>
          {(partnerPay.available || partnerPay.requested) && (
            <Card size="small" style={{ borderColor: method === 'partner' ? '#1677ff' : undefined }}>
              <Radio value="partner" data-testid="pay-method-partner">
                <Typography.Text strong>{tx(C.pay.partner)}</Typography.Text>
              </Radio>
              <div style={{ marginLeft: 24, marginTop: 4 }}>
                <Typography.Text type="secondary">{tx(C.pay.partnerDesc)}</Typography.Text>
              </div>
            </Card>
          )}
          {!partnerPay.available && !partnerPay.requested && partnerPay.reason && (
            <Typography.Text type="secondary" data-testid="pay-partner-unavailable">
              {tx(C.pay.partner)}：{tx(partnerPay.reason)}
            </Typography.Text>
          )}
        </Space>
      </Radio.Group>

      <Divider />
      {method === 'balance' ? (
        <div style={{ textAlign: 'right' }}>
          <Space direction="vertical" align="end">
            <span>
              {tx(C.pay.amountDue)}：<Money value={amountDue} />
            </span>
            <span>
              {tx(C.pay.voucher)}：<Money value="-0.00" />
            </span>
            <span>
              {tx(C.pay.balancePay)}
              <Typography.Text strong type="danger" style={{ fontSize: 18 }}>
                <Money value={amountDue} testId="pay-balance-amount" />
              </Typography.Text>
            </span>
            {!enough && spendable.amount !== undefined && (
              <Alert
                type="warning"
                showIcon
                data-testid="pay-insufficient"
                message={tx(C.pay.insufficient)}
                description={
                  spendable.resale ? (
                    tx(C.pay.resaleInsufficient)
                  ) : (
                    <>
                      {tx(C.pay.topUpInsufficient)} <Link to={PATHS.billing}>{tx(C.pay.toTopUp)}</Link>
                    </>
                  )
                }
              />
            )}
            <Space>
              <Button onClick={cancel} data-testid="pay-cancel">
                {tx(C.pay.cancel)}
              </Button>
              <Button type="primary" size="large" loading={busy} disabled={!enough} onClick={() => void payByBalance()} data-testid="pay-confirm">
                {tx(C.pay.confirm)}
              </Button>
            </Space>
          </Space>
        </div>
      ) : (
        <div style={{ textAlign: 'right' }}>
          <Space>
            <Button onClick={cancel} data-testid="pay-cancel">
              {tx(C.pay.cancel)}
            </Button>
            <Button type="primary" size="large" loading={busy} disabled={partnerPay.requested || !partnerPay.available} onClick={() => void askPartner()} data-testid="pay-ask-partner">
              {partnerPay.requested ? tx(C.pay.waitingPartner) : tx(C.pay.askPartner)}
            </Button>
          </Space>
        </div>
      )}

      <Divider />
      <Typography.Title level={5}>{tx(C.pay.notesTitle)}</Typography.Title>
      <ul style={{ paddingLeft: 20, color: 'rgba(0,0,0,0.65)' }} data-testid="pay-notes">
        {C.pay.notes.map((n) => (
          <li key={n.zh}>{tx(n)}</li>
        ))}
      </ul>
    </Card>
  );
}

