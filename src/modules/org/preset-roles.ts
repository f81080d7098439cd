import { eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { ALL_PERMISSIONS, DEFAULT_PERMISSIONS, PRESET_ROLES, expandPermissions } from '../../platform/access/index.js';
import type { Text } from '../../platform/i18n/index.js';
import { roles } from './schema.js';

/**
 * The five preset roles (guide L3269: 系统管理员, 财务专员, SA专员, 客户经理主管, 客户经理).
 * The guide fixes their existence, not their menus; the menus below are our reading of the
 * job each title names (written down in the org README). 系统管理员 holds everything.
 */
export interface PresetRole {
  key: (typeof PRESET_ROLES)[keyof typeof PRESET_ROLES];
  name: Text;
  description: Text;
  grants: readonly string[]; // menu paths or branches
}

export const PRESET_ROLE_DEFS: readonly PresetRole[] = [
  {
    key: PRESET_ROLES.systemAdmin,
    name: { zh: '系统管理员', en: 'System administrator' },
    description: { zh: '拥有伙伴中心全部菜单权限', en: 'All Partner Center menus' },
    grants: [...ALL_PERMISSIONS],
  },
  {
    key: PRESET_ROLES.finance,
    name: { zh: '财务专员', en: 'Finance specialist' },
    description: { zh: '账务、激励与权益付款', en: 'Finance, incentives and benefit payments' },
    grants: ['销售 > 账务', '销售 > 伙伴账务', '销售 > 激励', '销售 > 客户 > 客户订单', '销售 > 客户 > 客户消费', '权益', '伙伴信息 > 商业信息'],
  },
  {
    key: PRESET_ROLES.sa,
    name: { zh: 'SA专员', en: 'SA specialist' },
    description: { zh: '方案构建、能力认证与交付', en: 'Solution building, capability certification and delivery' },
    grants: ['构建', '能力', '交付', '销售 > 基线解决方案', '权益 > 测试券', '权益 > 云实验'],
  },
  {
    key: PRESET_ROLES.amSupervisor,
    name: { zh: '客户经理主管', en: 'Account manager supervisor' },
    description: { zh: '管理名下客户经理及其客户', en: 'Manages their account managers and their customers' },
    grants: ['销售 > 拓新', '销售 > 客户', '销售 > 运营看板 > 客户看板', '销售 > 运营看板 > 消费看板'],
  },
  {
    key: PRESET_ROLES.accountManager,
    name: { zh: '客户经理', en: 'Account manager' },
    description: { zh: '管理自己名下的客户', en: 'Manages their own customers' },
    grants: [
      '销售 > 拓新 > 线索管理',
      '销售 > 拓新 > 机会点管理',
      '销售 > 拓新 > 客户拓展',
      '销售 > 拓新 > 营销任务',
      '销售 > 客户 > 客户管理',
      '销售 > 客户 > 客户订单',
      '销售 > 客户 > 客户消费',
      '销售 > 客户 > 客户预警',
      '销售 > 客户 > 券管理',
    ],
  },
];

export function presetPermissions(def: PresetRole): string[] {
  const { leaves, unknown } = expandPermissions(def.grants);
  if (unknown.length) throw new Error(`preset role ${def.key} names unknown menus: ${unknown.join(', ')}`);
  return [...new Set([...leaves, ...DEFAULT_PERMISSIONS])].sort();
}

/** Insert or refresh the preset role rows (idempotent; run at start). */
export async function ensurePresetRoles(ex: Executor): Promise<void> {
  const now = clock.now();
  const existing = await ex.select().from(roles).where(isNotNull(roles.presetKey));
  for (const def of PRESET_ROLE_DEFS) {
    const permissions = presetPermissions(def);
    const row = existing.find((r) => r.presetKey === def.key);
    if (!row) {
      await ex
        .insert(roles)
        .values({ presetKey: def.key, partnerId: null, name: def.name.zh, description: def.description.zh, permissions, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
    } else if (row.permissions.join('|') !== permissions.join('|') || row.name !== def.name.zh) {
      await ex.update(roles).set({ permissions, name: def.name.zh, description: def.description.zh, updatedAt: now }).where(eq(roles.id, row.id));
    }
  }
}

export function presetName(key: string | null): Text | null {
  return PRESET_ROLE_DEFS.find((d) => d.key === key)?.name ?? null;
}
