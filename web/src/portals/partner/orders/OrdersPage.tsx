import { Card, Descriptions, Segmented, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { usePartnerKind } from '../customers/api';
import { tx } from '../customers/text';
import { Money } from '../customers/ui';
import { useOrdersContext } from './api';
import { LinesTab } from './LinesTab';
import { OrdersTab } from './OrdersTab';
import { PendingTab } from './PendingTab';
import { O } from './text';

const TABS = ['pending', 'orders', 'lines'] as const;
type Tab = (typeof TABS)[number];

/**
 * 销售 > 客户 > 客户订单 (`/partner/sales/orders?tab=pending|orders|lines&scope=mine|resellers`): 待付订单 (a reseller's
 * 待支付), 我的客户订单 (a distributor chooses 我的客户订单 / 云经销商的客户订单), 订单资源明细. The header shows both balances.
 */
export function OrdersPage() {
  const kind = usePartnerKind();
  const ctx = useOrdersContext();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'pending';
  const scope = kind === 'distributor' && params.get('scope') === 'resellers' ? 'resellers' : 'mine';
  const set = (next: Record<string, string>) => setParams({ tab, ...(scope === 'resellers' ? { scope } : {}), ...next }, { replace: true });
  const scopeSwitch =
    kind === 'distributor' ? (
      <Segmented
        style={{ marginBottom: 12 }}
        value={scope}
        onChange={(v) => set({ scope: String(v) })}
        options={[
          { value: 'mine', label: <span data-testid="scope-mine">{tx(O.tabOrders)}</span> },
          { value: 'resellers', label: <span data-testid="scope-resellers">{tx(O.tabResellerOrders)}</span> },
        ]}
      />
    ) : null;
  const balances = ctx.data?.balances;
  return (
    <Card
      title={<span data-testid="orders-title">{tx(O.title)}</span>}
      extra={
        balances && (
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'b', label: tx(O.balance), children: <Money value={balances.balance} testId="partner-balance" /> },
              ...(balances.allocatable !== null ? [{ key: 'a', label: tx(O.allocatable), children: <Money value={balances.allocatable} testId="partner-allocatable" /> }] : []),
            ]}
          />
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k, ...(scope === 'resellers' ? { scope } : {}) }, { replace: true })}
        destroyInactiveTabPane
        items={[
          { key: 'pending', label: <span data-testid="tab-pending">{tx(kind === 'reseller' ? O.tabPendingReseller : O.tabPending)}</span>, children: <PendingTab /> },
          {
            key: 'orders',
            label: <span data-testid="tab-orders">{tx(O.tabOrders)}</span>,
            children: (
              <>
                {scopeSwitch}
                <OrdersTab key={scope} scope={scope} />
              </>
            ),
          },
          {
            key: 'lines',
            label: <span data-testid="tab-lines">{tx(O.tabLines)}</span>,
            children: (
              <>
                {scopeSwitch}
                <LinesTab key={scope} scope={scope} />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
