import type { MenuProps } from 'antd';
import type { MenuNode } from '../../api/types';
import { pickText } from '../../i18n';

export const PARTNER_BASE = '/partner';
/** The user-name drop-down holds 伙伴信息; the top navigation holds the rest. */
export const PARTNER_INFO_ZH = '伙伴信息';

type Items = NonNullable<MenuProps['items']>;

/** Menu nodes from /api/auth/me → antd menu items keyed by the full portal route. */
export function toMenuItems(nodes: MenuNode[], navigate: (to: string) => void, prefix = ''): Items {
  return nodes.map((node, i) => {
    const key = node.route ? PARTNER_BASE + node.route : `${prefix}${i}:${node.zh}`;
    if (node.children?.length) {
      return { key, label: pickText(node), children: toMenuItems(node.children, navigate, key + '/') };
    }
    return {
      key,
      label: <span data-testid={`nav-${node.route ?? node.zh}`}>{pickText(node)}</span>,
      onClick: () => node.route && navigate(PARTNER_BASE + node.route),
    };
  });
}

export function flattenLeaves(nodes: MenuNode[], trail: MenuNode[] = []): { node: MenuNode; trail: MenuNode[] }[] {
  return nodes.flatMap((n) => (n.children?.length ? flattenLeaves(n.children, [...trail, n]) : [{ node: n, trail: [...trail, n] }]));
}

/** The leaf whose route is the longest prefix of `pathname` (so /org/members/x selects 组织成员). */
export function matchLeaf(nodes: MenuNode[], pathname: string) {
  let best: { node: MenuNode; trail: MenuNode[] } | undefined;
  for (const leaf of flattenLeaves(nodes)) {
    const full = PARTNER_BASE + (leaf.node.route ?? '');
    if (leaf.node.route && (pathname === full || pathname.startsWith(full + '/')) && (!best || full.length > PARTNER_BASE.length + (best.node.route?.length ?? 0))) best = leaf;
  }
  return best;
}
