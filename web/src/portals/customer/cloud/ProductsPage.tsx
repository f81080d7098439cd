import { Card, Col, Empty, Input, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { atLeast2, cloudKey, PATHS, periodPrice, unitName, useCatalogue, useTx, type Product } from './common';
import { C } from './text';

/**
 * 产品 (guide 13.7 步骤1–2): the catalogue by 产品类型, searched by name or specification in SQL
 * (`GET /api/cloud/products`). A card opens the product's page (产品简介) with 购买 / 立即开通.
 */
export function ProductsPage() {
  const tx = useTx();
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const [service, setService] = useState<string>('');
  const [keyword, setKeyword] = useState('');
  const q = useQuery({
    queryKey: [...cloudKey, 'products', service, keyword],
    queryFn: () => api.GET('/api/cloud/products', { params: { query: { serviceTypeCode: service || undefined, keyword: keyword || undefined, page: 1, pageSize: 100 } } }),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  const groups: { code: string; name: string; products: Product[] }[] = [];
  for (const p of items) {
    let g = groups.find((x) => x.code === p.serviceTypeCode);
    if (!g) groups.push((g = { code: p.serviceTypeCode, name: tx(p.serviceTypeName), products: [] }));
    g.products.push(p);
  }

  return (
    <Card title={tx(C.catalogue.title)} data-testid="products-page">
      <Typography.Paragraph type="secondary">{tx(C.catalogue.intro)}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
        <Input.Search allowClear placeholder={tx(C.catalogue.search)} onSearch={(v) => setKeyword(v.trim())} style={{ maxWidth: 420 }} maxLength={64} data-testid="products-search" enterButton />
        <Segmented
          data-testid="products-services"
          value={service}
          onChange={(v) => setService(String(v))}
          options={[{ label: tx(C.catalogue.allServices), value: '' }, ...[...catalogue.services].map(([code, name]) => ({ label: <span data-testid={`service-${code}`}>{tx(name)}</span>, value: code }))]}
          style={{ flexWrap: 'wrap' }}
        />
      </Space>
      <Spin spinning={q.isFetching}>
        {!items.length && !q.isFetching ? (
          <Empty description={<span data-testid="products-empty">{tx(C.catalogue.empty)}</span>} />
        ) : (
          groups.map((g) => (
            <div key={g.code} style={{ marginBottom: 24 }} data-testid={`products-group-${g.code}`}>
              <Typography.Title level={5}>{g.name}</Typography.Title>
              <Row gutter={[16, 16]}>
                {g.products.map((p) => (
                  <Col key={p.id} xs={24} sm={12} lg={8} xl={6}>
                    <ProductCard product={p} onOpen={() => navigate(PATHS.product(p.id))} />
                  </Col>
                ))}
              </Row>
            </div>
          ))
        )}
      </Spin>
    </Card>
  );
}

function ProductCard({ product: p, onOpen }: { product: Product; onOpen: () => void }) {
  const tx = useTx();
  const month = periodPrice(p, 'month');
  return (
    <Card hoverable size="small" onClick={onOpen} data-testid={`product-${p.code}`} style={{ height: '100%' }}>
      <Typography.Text strong>{tx(p.name)}</Typography.Text>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 8px', minHeight: 44 }}>
        {p.specDesc.split('|').join(' | ')}
      </Typography.Paragraph>
      <Space size={4} wrap>
        {month ? (
          <Typography.Text type="danger" strong>
            ¥{atLeast2(month.unitPrice)}
            {month.model === 'linear' ? tx(C.product.perGbMonth) : tx(C.catalogue.perMonth)}
          </Typography.Text>
        ) : (
          <Tag>{tx(C.catalogue.onDemandOnly)}</Tag>
        )}
        {p.peak95 && <Tag color="purple">{tx(C.catalogue.peak95)}</Tag>}
        {p.reviewRequired && <Tag color="gold">{tx(C.catalogue.needsReview)}</Tag>}
        {month && p.chargeModes.includes('on_demand') && <Tag>{tx(C.product.onDemand)}</Tag>}
      </Space>
      {!month && p.prices[0] && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.prices[0].unitPrice ? `¥${p.prices[0].unitPrice}/${unitName(tx, p.prices[0].measureId)}` : p.prices[0].tiers[0] ? `¥${p.prices[0].tiers[0].unitPrice}/${unitName(tx, p.prices[0].measureId)} ${tx(C.catalogue.from)}` : ''}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
