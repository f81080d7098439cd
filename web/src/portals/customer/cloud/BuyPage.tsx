import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Row, Segmented, Select, Space, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { Money } from '../ui';
import { cloudKey, PATHS, useCatalogue, useRegionName, useTx, type Product } from './common';
import { C } from './text';

const ECS = 'hws.service.type.ec2';
const MONTHS = Array.from({ length: 11 }, (_, i) => i + 1);
const YEARS = [1, 2, 3];

interface Config {
  productId: string;
  regionCode: string;
  periodType: 'month' | 'year';
  periodNum: number;
  quantity: number;
  size?: number;
  autoRenew: boolean;
  name: string;
}

/** A short pause before asking for the price, so typing a quantity does not send a request per key. */
function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * 购买 (guide 13.7 步骤4): the 包年/包月 configurator — 云服务区, 规格, 购买时长 (1–11 months or 1–3 years),
 * 购买数量, 自动续费, 实例名称 — with the live price from `POST /api/customer/cloud/orders/quote`, and for ECS the
 * required "阅读并同意《镜像免责声明》". 去支付 creates the order (`POST /api/customer/cloud/orders`) and opens 支付.
 */
export function BuyPage() {
  const tx = useTx();
  const { id = '' } = useParams();
  const catalogue = useCatalogue();
  const p = catalogue.byId.get(id);
  if (catalogue.isLoading) return <Card loading />;
  if (!p) return <Result status="404" title={tx(C.product.notFound)} extra={<Link to={PATHS.products}>{tx(C.product.back)}</Link>} />;
  if (!p.chargeModes.includes('period'))
    return <Result status="info" title={tx(C.buy.notForPeriod)} extra={<Link to={PATHS.product(p.id)}>{tx(C.product.intro)}</Link>} />;
  return <Configurator key={p.id} initial={p} products={catalogue.items} />;
}

function Configurator({ initial, products }: { initial: Product; products: Product[] }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const { message, handleError } = useFeedback();
  const [cfg, setCfg] = useState<Config>({
    productId: initial.id,
    regionCode: initial.regions[0] ?? '',
    periodType: 'month',
    periodNum: 1,
    quantity: 1,
    size: initial.linear ? (initial.sizeMin ?? 10) : undefined,
    autoRenew: false,
    name: '',
  });
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [showDisclaimer, setShowDisclaimer] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Config>) => setCfg((c) => ({ ...c, ...patch }));

  const product = products.find((x) => x.id === cfg.productId) ?? initial;
  // 规格: the other products of the same resource type sold 包年/包月 in the chosen region
  const specs = products.filter((x) => x.resourceTypeCode === initial.resourceTypeCode && x.chargeModes.includes('period'));
  const isEcs = product.serviceTypeCode === ECS;
  const nameOk = cfg.name.trim().length <= 64;

  const debounced = useDebounced(cfg);
  const item = {
    productId: debounced.productId,
    regionCode: debounced.regionCode,
    periodType: debounced.periodType,
    periodNum: debounced.periodNum,
    quantity: debounced.quantity,
    ...(product.linear ? { size: debounced.size } : {}),
  };
  const quote = useQuery({
    queryKey: [...cloudKey, 'quote', item],
    queryFn: () => api.POST('/api/customer/cloud/orders/quote', { body: { items: [item] } }),
    enabled: Boolean(item.regionCode && item.quantity && (!product.linear || item.size)),
    retry: false,
  });
  const quoteError = quote.error instanceof ApiError ? quote.error.message : null;

  const submit = async () => {
    if (isEcs && !agreed) {
      setAgreeError(true);
      void message.warning(tx(C.buy.mustAgree));
      return;
    }
    setBusy(true);
    try {
      const order = await api.POST('/api/customer/cloud/orders', {
        body: {
          items: [
            {
              productId: cfg.productId,
              regionCode: cfg.regionCode,
              periodType: cfg.periodType,
              periodNum: cfg.periodNum,
              quantity: cfg.quantity,
              ...(product.linear ? { size: cfg.size } : {}),
              autoRenew: cfg.autoRenew,
              ...(cfg.name.trim() ? { name: cfg.name.trim() } : {}),
            },
          ],
        },
      });
      await qc.invalidateQueries({ queryKey: [...cloudKey, 'orders'] });
      if (order.status === '待审核') {
        void message.success(tx(C.buy.submittedForReview));
        navigate(PATHS.orders);
      } else navigate(PATHS.pay(order.id));
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <Link to={PATHS.product(initial.id)}>{tx(initial.serviceTypeName)}</Link>/<span>{tx(C.buy.title)}</span>
        </Space>
      }
      data-testid="buy-page"
    >
      <Row gutter={24}>
        <Col xs={24} lg={16}>
          <Form layout="horizontal" labelCol={{ flex: '120px' }} labelAlign="left">
            <Form.Item label={tx(C.buy.region)}>
              <Radio.Group value={cfg.regionCode} onChange={(e) => set({ regionCode: e.target.value as string })} optionType="button" buttonStyle="solid" data-testid="buy-region">
                {product.regions.map((r) => (
                  <Radio.Button key={r} value={r} data-testid={`buy-region-${r}`}>
                    {regionName(r)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item label={tx(C.buy.product)}>
              <Select
                value={cfg.productId}
                onChange={(v: string) => {
                  const next = products.find((x) => x.id === v);
                  set({ productId: v, regionCode: next && !next.regions.includes(cfg.regionCode) ? (next.regions[0] ?? '') : cfg.regionCode, size: next?.linear ? (next.sizeMin ?? 10) : undefined });
                }}
                options={specs.map((s) => ({ value: s.id, label: `${tx(s.name)}（${s.specDesc.split('|').slice(1).join(' | ')}）` }))}
                data-testid="buy-spec"
                style={{ maxWidth: 520 }}
              />
            </Form.Item>
            {product.linear && (
              <Form.Item label={tx(C.buy.size)} extra={tx(C.product.sizeRange(product.sizeMin, product.sizeMax))}>
                <InputNumber min={product.sizeMin ?? 1} max={product.sizeMax ?? undefined} precision={0} value={cfg.size} onChange={(v) => set({ size: v ?? undefined })} data-testid="buy-size" />
              </Form.Item>
            )}
            <Form.Item label={tx(C.buy.periodType)}>
              <Space direction="vertical">
                <Segmented
                  value={cfg.periodType}
                  onChange={(v) => set({ periodType: v as 'month' | 'year', periodNum: 1 })}
                  options={[
                    { value: 'month', label: <span data-testid="buy-period-month">{tx(C.buy.month)}</span> },
                    { value: 'year', label: <span data-testid="buy-period-year">{tx(C.buy.year)}</span> },
                  ]}
                />
                <Radio.Group value={cfg.periodNum} onChange={(e) => set({ periodNum: Number(e.target.value) })} optionType="button" data-testid="buy-period">
                  {(cfg.periodType === 'month' ? MONTHS : YEARS).map((n) => (
                    <Radio.Button key={n} value={n} data-testid={`buy-period-${n}`}>
                      {tx(cfg.periodType === 'month' ? C.buy.months(n) : C.buy.years(n))}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Space>
            </Form.Item>
            <Form.Item label={tx(C.buy.autoRenew)} extra={tx(C.buy.autoRenewHint)}>
              <Switch checked={cfg.autoRenew} onChange={(v) => set({ autoRenew: v })} data-testid="buy-auto-renew" />
            </Form.Item>
            <Form.Item label={tx(C.buy.quantity)}>
              <InputNumber min={1} max={50} precision={0} value={cfg.quantity} onChange={(v) => set({ quantity: v ?? 1 })} data-testid="buy-quantity" />
            </Form.Item>
            <Form.Item label={tx(C.buy.name)} validateStatus={nameOk ? undefined : 'error'} help={nameOk ? undefined : tx(C.buy.nameRule)}>
              <Input value={cfg.name} onChange={(e) => set({ name: e.target.value })} placeholder={tx(C.buy.namePlaceholder)} maxLength={64} style={{ maxWidth: 360 }} data-testid="buy-name" />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={tx(C.buy.price)} data-testid="buy-price-card">
            {quoteError ? (
              <Alert type="error" showIcon message={quoteError} data-testid="buy-price-error" />
            ) : (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={tx(C.buy.official)}>
                  <Money value={quote.data?.officialAmount} />
                </Descriptions.Item>
                <Descriptions.Item label={tx(C.buy.discount)}>
                  <Money value={quote.data ? `-${quote.data.discountAmount}` : undefined} />
                </Descriptions.Item>
                <Descriptions.Item label={tx(C.pay.amountDue)}>
                  <Typography.Text type="danger" strong style={{ fontSize: 20 }}>
                    {quote.isFetching && !quote.data ? tx(C.buy.pricing) : <Money value={quote.data?.amount} testId="buy-price" />}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            )}
            {isEcs && (
              <div style={{ margin: '12px 0' }}>
                <Checkbox
                  checked={agreed}
                  onChange={(e) => {
                    setAgreed(e.target.checked);
                    setAgreeError(false);
                  }}
                  data-testid="buy-disclaimer"
                >
                  {tx(C.buy.agreePrefix)}
                </Checkbox>
                <Typography.Link onClick={() => setShowDisclaimer(true)} data-testid="buy-disclaimer-link">
                  {tx(C.buy.disclaimer)}
                </Typography.Link>
                {agreeError && (
                  <Typography.Paragraph type="danger" style={{ margin: '4px 0 0' }} data-testid="buy-disclaimer-error">
                    {tx(C.buy.mustAgree)}
                  </Typography.Paragraph>
                )}
              </div>
            )}
            {product.reviewRequired && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(C.product.reviewNote)} />}
            <Button type="primary" block size="large" loading={busy} disabled={Boolean(quoteError) || !nameOk} onClick={() => void submit()} data-testid="buy-submit">
              {product.reviewRequired ? tx(C.buy.review) : tx(C.buy.submit)}
            </Button>
          </Card>
        </Col>
      </Row>
      <Modal
        open={showDisclaimer}
        title={tx(C.disclaimerTitle)}
        onCancel={() => setShowDisclaimer(false)}
        footer={[
          <Button key="close" onClick={() => setShowDisclaimer(false)}>
            {tx(C.close)}
          </Button>,
          <Button
            key="agree"
            type="primary"
            data-testid="disclaimer-agree"
            onClick={() => {
              setAgreed(true);
              setAgreeError(false);
              setShowDisclaimer(false);
            }}
          >
            {tx(C.agree)}
          </Button>,
        ]}
      >
        <div data-testid="disclaimer-text" style={{ maxHeight: 320, overflowY: 'auto' }}>
          {C.disclaimerPoints.map((pt) => (
            <Typography.Paragraph key={pt.zh}>{tx(pt)}</Typography.Paragraph>
          ))}
        </div>
      </Modal>
    </Card>
  );
}
