import type { Text } from '../../platform/i18n/index.js';

/**
 * The capability label catalogue (能力标签). Level-1 labels (一级能力标签) come from the guide:
 * 上云规划实施, 数据库, 昇腾云, AI平台, 大数据, 云原生, 应用现代化, SAP [L1138], 云运维 and
 * 云管理 & 云运营 [L4919–4921], and the incentive range of §3.3 [L2610–2622]. Each certifies as
 * "<label> 服务能力" with a mandatory level-2 label "<label>(必备)" [L4862–4864]; the further
 * level-2 labels are inferred (the guide shows none by name).
 */
export interface Level2Label {
  key: string;
  name: Text;
  mandatory: boolean;
}

export interface Level1Label {
  key: string;
  name: Text;
  /** 认证详情 heading, e.g. "上云规划实施 服务能力". */
  capability: Text;
  level2: readonly Level2Label[];
  /** R52: only 昇腾云 asks for a product/solution name and yields a certificate. */
  needsProductName: boolean;
}

function label(key: string, zh: string, en: string, extra: [string, string, string][] = [], needsProductName = false): Level1Label {
  return {
    key,
    name: { zh, en },
    capability: { zh: `${zh} 服务能力`, en: `${en} service capability` },
    level2: [
      { key: `${key}.core`, name: { zh: `${zh}(必备)`, en: `${en} (mandatory)` }, mandatory: true },
      ...extra.map(([k, z, e]) => ({ key: `${key}.${k}`, name: { zh: z, en: e }, mandatory: false })),
    ],
    needsProductName,
  };
}

export const ASCEND_LABEL = 'ascend-cloud';

export const LEVEL1_LABELS: readonly Level1Label[] = [
  label('cloud-migration', '上云规划实施', 'Cloud migration planning and implementation', [
    ['assessment', '上云评估与规划', 'Migration assessment and planning'],
    ['data-migration', '数据迁移', 'Data migration'],
  ]),
  label('database', '数据库', 'Database', [
    ['migration', '数据库迁移', 'Database migration'],
    ['operations', '数据库运维', 'Database operations'],
  ]),
  label(ASCEND_LABEL, '昇腾云', 'Ascend Cloud', [['model-migration', '昇腾模型迁移', 'Ascend model migration']], true),
  label('ai-platform', 'AI平台', 'AI platform', [['model-dev', 'AI模型开发', 'AI model development']]),
  label('big-data', '大数据', 'Big data', [['data-warehouse', '数据仓库', 'Data warehouse']]),
  label('cloud-native', '云原生', 'Cloud native', [['containers', '容器化改造', 'Containerisation']]),
  label('app-modernization', '应用现代化', 'Application modernisation', [['devsecops', 'DevSecOps', 'DevSecOps']]),
  label('sap', 'SAP', 'SAP', [['sap-migration', 'SAP上云迁移', 'SAP migration to cloud']]),
  label('cloud-operations', '云运维', 'Cloud operations'),
  label('cloud-management', '云管理 & 云运营', 'Cloud management & operations'),
  label('data-warehouse', '数据仓库', 'Data warehouse'),
  label('devsecops', 'DevSecOps', 'DevSecOps'),
  label('solution-integration', '解决方案集成实施', 'Solution integration and implementation'),
  label('operational-excellence', '卓越运营', 'Operational excellence'),
];

/** The labels the service development path's differentiation counts (spec 02 §7, L1138). */
export const DIFFERENTIATION_LABELS: readonly string[] = [
  'cloud-migration',
  'database',
  ASCEND_LABEL,
  'ai-platform',
  'big-data',
  'cloud-native',
  'app-modernization',
  'sap',
];

const BY_KEY = new Map(LEVEL1_LABELS.map((l) => [l.key, l]));

export function findLevel1(key: string): Level1Label | undefined {
  return BY_KEY.get(key);
}

export function level1Keys(): string[] {
  return LEVEL1_LABELS.map((l) => l.key);
}

/** Keys of level-1 labels whose Chinese or English name contains the search text (请输入能力标签). */
export function searchLevel1(text: string): string[] {
  const q = text.trim().toLowerCase();
  if (!q) return level1Keys();
  return LEVEL1_LABELS.filter((l) => l.name.zh.toLowerCase().includes(q) || l.name.en.toLowerCase().includes(q) || l.key.includes(q)).map(
    (l) => l.key,
  );
}
