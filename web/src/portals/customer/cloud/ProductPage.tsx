import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { atLeast2, cloudKey, PATHS, unitName, useCatalogue, useRegionName, useTx, type Price, type Product } from './common';
import { C } from './text';

/**
 * 产品简介 (guide 13.7 步骤3): what the product is, where it is sold and what it costs, with 购买 for
 * 包年/包月 (the configurator) and 立即开通 for 按需 (`POST /api/customer/cloud/resources/on-demand`).
 */
export function ProductPage() {
  const tx = useTx();
  const navigate = useNavigate();
  const regionName = useRegionName();
  const { id = '' } = useParams();
  const catalogue = useCatalogue();
  const [opening, setOpening] = useState(false);
  const p = catalogue.byId.get(id);
  if (catalogue.isLoading) return <Card loading />;
  if (!p) return <Result status="404" title={tx(C.product.notFound)} extra={<Link to={PATHS.products}>{tx(C.product.back)}</Link>} />;
  const period = p.chargeModes.includes('period');
  const onDemand = p.chargeModes.includes('on_demand');

  return (
    <Card
      title={
        <Space>
          <Link to={PATHS.products}>{tx(C.catalogue.title)}</Link>/<span data-testid="product-name">{tx(p.name)}</span>
        </Space>
      }
      data-testid="product-page"
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {tx(C.product.intro)}
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tx(C.product.serviceType)}>{tx(p.serviceTypeName)}</Descriptions.Item>
        <Descriptions.Item label={tx(C.product.resourceType)}>{tx(p.resourceTypeName)}</Descriptions.Item>
        <Descriptions.Item label={tx(C.product.spec)}>{p.resourceSpec}</Descriptions.Item>
        <Descriptions.Item label={tx(C.product.specDesc)}>{p.specDesc.split('|').join(' | ')}</Descriptions.Item>
        <Descriptions.Item label={tx(C.product.regions)}>{p.regions.map(regionName).join('、')}</Descriptions.Item>
        <Descriptions.Item label={tx(C.product.chargeModes)}>
          {period && <Tag>{tx(C.product.period)}</Tag>}
          {onDemand && <Tag>{tx(C.product.onDemand)}</Tag>}
          {p.peak95 && <Tag color="purple">{tx(C.catalogue.peak95)}</Tag>}
        </Descriptions.Item>
        {p.linear && <Descriptions.Item label={tx(C.buy.size)}>{tx(C.product.sizeRange(p.sizeMin, p.sizeMax))}</Descriptions.Item>}
      </Descriptions>
      {p.reviewRequired && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(C.product.reviewNote)} />}
      <Typography.Title level={5}>{tx(C.product.prices)}</Typography.Title>
      <PriceTable product={p} />
      <Space style={{ marginTop: 16 }}>
        {period && (
          <Button type="primary" size="large" onClick={() => navigate(PATHS.buy(p.id))} data-testid="buy-button">
            {tx(C.product.buy)}
          </Button>
        )}
        {onDemand && (
          <Button size="large" type={period ? 'default' : 'primary'} onClick={() => setOpening(true)} data-testid="open-on-demand">
            {tx(C.product.openOnDemand)}
          </Button>
        )}
      </Space>
      {opening && <OpenOnDemandModal product={p} onClose={() => setOpening(false)} />}
    </Card>
  );
}

function PriceTable({ product: p }: { product: Product }) {
  const tx = useTx();
  const label = (v: Price) =>
    v.chargeMode === 'period' ? `${tx(C.product.period)} · ${v.periodType === 'year' ? tx(C.buy.year) : tx(C.buy.month)}` : `${tx(C.product.onDemand)} · ${v.usageTypeCode ?? ''}`;
  const price = (v: Price) => {
    const unit = unitName(tx, v.measureId);
    if (v.chargeMode === 'period') {
      const per = v.periodType === 'year' ? (v.model === 'linear' ? C.product.perGbYear : C.catalogue.perYear) : v.model === 'linear' ? C.product.perGbMonth : C.catalogue.perMonth;
      return `¥${atLeast2(v.unitPrice)}${tx(per)}`;
    }
    if (v.model === 'tiered')
      return v.tiers.map((t) => `${t.lower}–${t.upper ?? '∞'} ${unit}: ¥${t.unitPrice}/${unit}`).join('；');
    return `¥${v.unitPrice}/${unit}`;
  };
  return (
    <Table<Price>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={p.prices}
      data-testid="product-prices"
      columns={[
        { key: 'mode', title: tx(C.product.chargeModes), render: (_, v) => label(v) },
        { key: 'price', title: tx(C.product.unitPrice), render: (_, v) => price(v) },
      ]}
    />
  );
}

/** 立即开通 a 按需 resource: region, name (and size for per-GB products). No order: it is metered hourly. */
function OpenOnDemandModal({ product: p, onClose }: { product: Product; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ regionCode: string; name?: string; size?: number }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(C.product.openTitle)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tx(C.product.openOnDemand)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'open-on-demand-ok' }}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(C.product.openNote)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regionCode: p.regions[0], size: p.sizeMin ?? undefined }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await api.POST('/api/customer/cloud/resources/on-demand', { body: { productId: p.id, regionCode: v.regionCode, name: v.name?.trim() || undefined, size: p.linear ? v.size : undefined } });
            void message.success(tx(C.product.opened));
            await qc.invalidateQueries({ queryKey: cloudKey });
            navigate(PATHS.onDemandResources);
          } catch (err) {
            handleError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="regionCode" label={tx(C.buy.region)} rules={[{ required: true }]}>
          <Select options={p.regions.map((r) => ({ value: r, label: regionName(r) }))} data-testid="open-region" />
        </Form.Item>
        {p.linear && (
          <Form.Item name="size" label={tx(C.buy.size)} rules={[{ required: true }]}>
            <InputNumber min={p.sizeMin ?? 1} max={p.sizeMax ?? undefined} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={tx(C.buy.name)} rules={[{ max: 64, message: tx(C.buy.nameRule) }]}>
          <Input placeholder={tx(C.buy.namePlaceholder)} maxLength={64} data-testid="open-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
