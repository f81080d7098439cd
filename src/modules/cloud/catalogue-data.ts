/**
 * The seeded catalogue: a small but realistic slice of the vendor's price list (华北-北京四 list prices,
 * 2024, rounded), with every product the guide bills by the month's 95th percentile (guide 9882–9891:
 * 内容分发网络, DDoS防护, 对象存储服务, 视频直播, 虚拟私有云, 云连接, 云专线).
 *
 * Codes follow the Partner API (hws.service.type.*, hws.resource.type.*, usage factors Duration / upflow …).
 * Prices are strings (exact decimals). Yearly prices are ten months' worth, as on the vendor's site.
 */

export interface UnitSeed {
  id: number;
  zh: string;
  en: string;
  abbr: string;
  type: number;
}

/** measure_id values follow the Partner API where it names them (1 yuan, 10 GB, 14 piece, 15 Mbps, 17 GB). */
export const UNITS: UnitSeed[] = [
  { id: 1, zh: '元', en: 'Yuan', abbr: 'CNY', type: 1 },
  { id: 2, zh: '角', en: 'Jiao', abbr: 'Jiao', type: 1 },
  { id: 3, zh: '分', en: 'Fen', abbr: 'Fen', type: 1 },
  { id: 4, zh: '小时', en: 'Hour', abbr: 'h', type: 2 },
  { id: 5, zh: '天', en: 'Day', abbr: 'd', type: 2 },
  { id: 6, zh: '分钟', en: 'Minute', abbr: 'min', type: 2 },
  { id: 7, zh: '秒', en: 'Second', abbr: 's', type: 2 },
  { id: 10, zh: 'GB', en: 'GB', abbr: 'G', type: 3 },
  { id: 11, zh: 'MB', en: 'MB', abbr: 'M', type: 3 },
  { id: 12, zh: 'KB', en: 'KB', abbr: 'K', type: 3 },
  { id: 13, zh: 'TB', en: 'TB', abbr: 'T', type: 3 },
  { id: 14, zh: '个', en: 'Piece', abbr: 'pc', type: 4 },
  { id: 15, zh: 'Mbps', en: 'Mbps', abbr: 'Mbps', type: 19 },
  { id: 16, zh: 'Kbps', en: 'Kbps', abbr: 'Kbps', type: 19 },
  { id: 18, zh: 'Gbps', en: 'Gbps', abbr: 'Gbps', type: 19 },
  { id: 17, zh: 'GB', en: 'GB', abbr: 'G', type: 7 },
  { id: 19, zh: 'TB', en: 'TB', abbr: 'T', type: 7 },
  { id: 20, zh: '万次', en: '10,000 requests', abbr: '10k', type: 12 },
  { id: 21, zh: '次', en: 'Request', abbr: 'req', type: 12 },
  { id: 22, zh: 'GB·小时', en: 'GB-hour', abbr: 'GBh', type: 15 },
];

/** 1 measure = ratio × ref (ListConversions). */
export const CONVERSIONS: { from: number; to: number; ratio: string; type: number }[] = [
  { from: 1, to: 2, ratio: '10', type: 1 },
  { from: 2, to: 3, ratio: '10', type: 1 },
  { from: 5, to: 4, ratio: '24', type: 2 },
  { from: 4, to: 6, ratio: '60', type: 2 },
  { from: 6, to: 7, ratio: '60', type: 2 },
  { from: 13, to: 10, ratio: '1024', type: 3 },
  { from: 10, to: 11, ratio: '1024', type: 3 },
  { from: 11, to: 12, ratio: '1024', type: 3 },
  { from: 18, to: 15, ratio: '1000', type: 19 },
  { from: 15, to: 16, ratio: '1000', type: 19 },
  { from: 19, to: 17, ratio: '1024', type: 7 },
  { from: 20, to: 21, ratio: '10000', type: 12 },
];

export const REGIONS = [
  { code: 'cn-north-4', zh: '华北-北京四', en: 'CN North-Beijing4' },
  { code: 'cn-east-3', zh: '华东-上海一', en: 'CN East-Shanghai1' },
  { code: 'cn-south-1', zh: '华南-广州', en: 'CN South-Guangzhou' },
  { code: 'cn-southwest-2', zh: '西南-贵阳一', en: 'CN Southwest-Guiyang1' },
  { code: 'global', zh: '全局', en: 'Global' }, // CDN and Live are not regional
];
const ALL_REGIONS = REGIONS.filter((r) => r.code !== 'global').map((r) => r.code);

export interface ServiceSeed {
  code: string;
  zh: string;
  en: string;
  abbr: string;
  /** 月结95峰值计费产品 (guide 9882–9891) with its product page. */
  peak95?: string;
  resources: { code: string; zh: string; en: string; usage: { code: string; zh: string; en: string; measure: number; peak95?: boolean }[] }[];
}

const DURATION = { code: 'Duration', zh: '时长', en: 'Duration', measure: 4 };
const UPFLOW = { code: 'upflow', zh: '流出流量', en: 'Outbound traffic', measure: 10 };
const BW95 = { code: 'bandwidth95', zh: '月结95峰值带宽', en: 'Monthly 95th-percentile bandwidth', measure: 15, peak95: true };

export const SERVICES: ServiceSeed[] = [
  {
    code: 'hws.service.type.ec2',
    zh: '弹性云服务器',
    en: 'Elastic Cloud Server',
    abbr: 'ECS',
    resources: [{ code: 'hws.resource.type.vm', zh: '云主机', en: 'Cloud server', usage: [DURATION] }],
  },
  {
    code: 'hws.service.type.ebs',
    zh: '云硬盘',
    en: 'Elastic Volume Service',
    abbr: 'EVS',
    resources: [{ code: 'hws.resource.type.volume', zh: '云硬盘', en: 'Volume', usage: [{ ...DURATION, code: 'Capacity', zh: '容量时长', en: 'Capacity duration', measure: 22 }] }],
  },
  {
    code: 'hws.service.type.obs',
    zh: '对象存储服务',
    en: 'Object Storage Service',
    abbr: 'OBS',
    peak95: 'https://www.huaweicloud.com/product/obs.html',
    resources: [
      {
        code: 'hws.resource.type.obs',
        zh: '对象存储',
        en: 'Object storage',
        usage: [
          { code: 'storage', zh: '存储空间', en: 'Storage', measure: 22 },
          UPFLOW,
          { code: 'reqNumber', zh: '请求次数', en: 'Requests', measure: 20 },
        ],
      },
      { code: 'hws.resource.type.obs.bandwidth', zh: '公网流出带宽', en: 'Outbound bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.cdn',
    zh: '内容分发网络',
    en: 'Content Delivery Network',
    abbr: 'CDN',
    peak95: 'https://www.huaweicloud.com/product/cdn.html',
    resources: [
      { code: 'hws.resource.type.cdn', zh: 'CDN加速域名流量', en: 'CDN traffic', usage: [UPFLOW] },
      { code: 'hws.resource.type.cdn.bandwidth', zh: 'CDN加速带宽', en: 'CDN bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.vpc',
    zh: '虚拟私有云',
    en: 'Virtual Private Cloud',
    abbr: 'VPC',
    peak95: 'https://www.huaweicloud.com/product/vpc.html',
    resources: [
      { code: 'hws.resource.type.bandwidth', zh: '带宽', en: 'Bandwidth', usage: [UPFLOW, BW95] },
      { code: 'hws.resource.type.ip', zh: '弹性公网IP', en: 'Elastic IP', usage: [DURATION] },
    ],
  },
  {
    code: 'hws.service.type.rds',
    zh: '云数据库 RDS',
    en: 'Relational Database Service',
    abbr: 'RDS',
    resources: [
      { code: 'hws.resource.type.rds.vm', zh: '云数据库实例', en: 'DB instance', usage: [DURATION] },
      { code: 'hws.resource.type.rds.volume', zh: '云数据库存储', en: 'DB storage', usage: [{ code: 'Capacity', zh: '容量时长', en: 'Capacity duration', measure: 22 }] },
    ],
  },
  {
    code: 'hws.service.type.aad',
    zh: 'DDoS防护',
    en: 'Anti-DDoS',
    abbr: 'AAD',
    peak95: 'https://www.huaweicloud.com/product/aad.html',
    resources: [
      { code: 'hws.resource.type.aad', zh: 'DDoS高防实例', en: 'Advanced Anti-DDoS instance', usage: [] },
      { code: 'hws.resource.type.aad.bandwidth', zh: '业务带宽', en: 'Service bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.live',
    zh: '视频直播',
    en: 'Live',
    abbr: 'Live',
    peak95: 'https://www.huaweicloud.com/product/live.html',
    resources: [
      { code: 'hws.resource.type.live', zh: '直播流量', en: 'Live traffic', usage: [UPFLOW] },
      { code: 'hws.resource.type.live.bandwidth', zh: '直播带宽', en: 'Live bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.cc',
    zh: '云连接',
    en: 'Cloud Connect',
    abbr: 'CC',
    peak95: 'https://www.huaweicloud.com/product/cc.html',
    resources: [
      { code: 'hws.resource.type.cc.bandwidth', zh: '带宽包', en: 'Bandwidth package', usage: [] },
      { code: 'hws.resource.type.cc.interregion', zh: '跨区域带宽', en: 'Inter-region bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.dc',
    zh: '云专线',
    en: 'Direct Connect',
    abbr: 'DC',
    peak95: 'https://www.huaweicloud.com/product/dc.html',
    resources: [
      { code: 'hws.resource.type.dc.port', zh: '物理专线端口', en: 'Physical connection port', usage: [] },
      { code: 'hws.resource.type.dc.bandwidth', zh: '专线带宽', en: 'Connection bandwidth', usage: [BW95] },
    ],
  },
  {
    code: 'hws.service.type.cbr',
    zh: '云备份',
    en: 'Cloud Backup and Recovery',
    abbr: 'CBR',
    resources: [{ code: 'hws.resource.type.vault', zh: '云备份存储库', en: 'Backup vault', usage: [] }],
  },
];

export type TierSeed = [lower: string, upper: string | null, unitPrice: string];
export interface PriceSeed {
  chargeMode: 'period' | 'on_demand';
  periodType?: 'month' | 'year';
  usage?: string;
  model: 'fixed' | 'linear' | 'tiered';
  measure?: number;
  unit?: string;
  tiers?: TierSeed[];
}
export interface ProductSeed {
  code: string;
  service: string;
  resource: string;
  spec: string;
  zh: string;
  en: string;
  desc: string;
  regions?: string[];
  linear?: { measure: number; min: number; max: number };
  reviewRequired?: boolean;
  prices: PriceSeed[];
}

/** A fixed-spec product sold monthly (yearly = 10 months) and by the hour. */
function vm(code: string, service: string, resource: string, spec: string, zh: string, desc: string, month: string, hour: string | null): ProductSeed {
  const prices: PriceSeed[] = [
    { chargeMode: 'period', periodType: 'month', model: 'fixed', unit: month },
    { chargeMode: 'period', periodType: 'year', model: 'fixed', unit: (Number(month) * 10).toFixed(2) },
  ];
  if (hour) prices.push({ chargeMode: 'on_demand', usage: 'Duration', model: 'linear', measure: 4, unit: hour });
  return { code, service, resource, spec, zh, en: zh, desc, prices };
}

/** A size-linear product (per GB per month, per GB-hour on demand). */
function perGb(code: string, service: string, resource: string, spec: string, zh: string, desc: string, month: string, gbHour: string | null, min = 10, max = 32768): ProductSeed {
  const prices: PriceSeed[] = [
    { chargeMode: 'period', periodType: 'month', model: 'linear', measure: 17, unit: month },
    { chargeMode: 'period', periodType: 'year', model: 'linear', measure: 17, unit: (Number(month) * 10).toFixed(2) },
  ];
  if (gbHour) prices.push({ chargeMode: 'on_demand', usage: 'Capacity', model: 'linear', measure: 22, unit: gbHour });
  return { code, service, resource, spec, zh, en: zh, desc, linear: { measure: 17, min, max }, prices };
}

/** A 月结95峰值 product: graduated price per Mbps of the month's billed peak. */
function peak95(code: string, service: string, resource: string, spec: string, zh: string, en: string, tiers: TierSeed[]): ProductSeed {
  return { code, service, resource, spec, zh, en, desc: `${zh}|月结95峰值计费`, prices: [{ chargeMode: 'on_demand', usage: 'bandwidth95', model: 'tiered', measure: 15, tiers }] };
}

const ECS = 'hws.service.type.ec2';
const VM = 'hws.resource.type.vm';

export const PRODUCTS: ProductSeed[] = [
  vm('ecs.s6.small.1.linux', ECS, VM, 's6.small.1.linux', '通用计算型 s6.small.1 Linux', '通用计算型|s6.small.1|1vCPUs|1GB|linux', '32.20', '0.0970'),
  vm('ecs.s6.medium.2.linux', ECS, VM, 's6.medium.2.linux', '通用计算型 s6.medium.2 Linux', '通用计算型|s6.medium.2|1vCPUs|2GB|linux', '58.50', '0.1700'),
  vm('ecs.s6.large.2.linux', ECS, VM, 's6.large.2.linux', '通用计算型 s6.large.2 Linux', '通用计算型|s6.large.2|2vCPUs|4GB|linux', '117.00', '0.3400'),
  vm('ecs.s6.xlarge.2.linux', ECS, VM, 's6.xlarge.2.linux', '通用计算型 s6.xlarge.2 Linux', '通用计算型|s6.xlarge.2|4vCPUs|8GB|linux', '234.00', '0.6800'),
  vm('ecs.s6.large.2.win', ECS, VM, 's6.large.2.win', '通用计算型 s6.large.2 Windows', '通用计算型|s6.large.2|2vCPUs|4GB|win', '177.00', '0.5000'),
  vm('ecs.c7.large.2.linux', ECS, VM, 'c7.large.2.linux', '通用计算增强型 c7.large.2 Linux', '通用计算增强型|c7.large.2|2vCPUs|4GB|linux', '164.20', '0.4600'),
  vm('ecs.c7.xlarge.4.linux', ECS, VM, 'c7.xlarge.4.linux', '通用计算增强型 c7.xlarge.4 Linux', '通用计算增强型|c7.xlarge.4|4vCPUs|16GB|linux', '406.80', '1.1300'),
  vm('ecs.m7.2xlarge.8.linux', ECS, VM, 'm7.2xlarge.8.linux', '内存优化型 m7.2xlarge.8 Linux', '内存优化型|m7.2xlarge.8|8vCPUs|64GB|linux', '1207.00', '3.3500'),

  perGb('evs.sata', 'hws.service.type.ebs', 'hws.resource.type.volume', 'SATA', '云硬盘 普通IO', '云硬盘_SATA', '0.30', '0.000420'),
  perGb('evs.sas', 'hws.service.type.ebs', 'hws.resource.type.volume', 'SAS', '云硬盘 高IO', '云硬盘_SAS', '0.35', '0.000490'),
  perGb('evs.gpssd', 'hws.service.type.ebs', 'hws.resource.type.volume', 'GPSSD', '云硬盘 通用型SSD', '云硬盘_GPSSD', '0.50', '0.000700'),
  perGb('evs.ssd', 'hws.service.type.ebs', 'hws.resource.type.volume', 'SSD', '云硬盘 超高IO', '云硬盘_SSD', '1.00', '0.001400'),

  {
    code: 'obs.standard',
    service: 'hws.service.type.obs',
    resource: 'hws.resource.type.obs',
    spec: 'obs.standard',
    zh: '对象存储 标准存储',
    en: 'OBS Standard',
    desc: '对象存储|标准存储|多AZ',
    prices: [
      { chargeMode: 'on_demand', usage: 'storage', model: 'linear', measure: 22, unit: '0.000139' },
      { chargeMode: 'on_demand', usage: 'upflow', model: 'tiered', measure: 10, tiers: [['0', '10240', '0.50'], ['10240', '51200', '0.48'], ['51200', null, '0.45']] },
      { chargeMode: 'on_demand', usage: 'reqNumber', model: 'linear', measure: 20, unit: '0.01' },
    ],
  },
  peak95('obs.bandwidth95', 'hws.service.type.obs', 'hws.resource.type.obs.bandwidth', 'obs.bandwidth.95peak', '对象存储 公网流出带宽（月结95峰值）', 'OBS outbound bandwidth (monthly 95th percentile)', [['0', '100', '26.00'], ['100', null, '23.00']]),

  {
    code: 'cdn.traffic.mainland',
    service: 'hws.service.type.cdn',
    resource: 'hws.resource.type.cdn',
    spec: 'cdn.mainland.traffic',
    zh: 'CDN 中国大陆 流量计费',
    en: 'CDN Chinese mainland, by traffic',
    desc: '内容分发网络|中国大陆|流量',
    regions: ['global'],
    prices: [
      {
        chargeMode: 'on_demand',
        usage: 'upflow',
        model: 'tiered',
        measure: 10,
        tiers: [['0', '10240', '0.20'], ['10240', '51200', '0.18'], ['51200', '102400', '0.15'], ['102400', null, '0.12']],
      },
    ],
  },
  {
    ...peak95('cdn.bandwidth95.mainland', 'hws.service.type.cdn', 'hws.resource.type.cdn.bandwidth', 'cdn.mainland.95peak', 'CDN 中国大陆 月结95峰值带宽', 'CDN Chinese mainland, monthly 95th-percentile bandwidth', [['0', '100', '32.00'], ['100', '1000', '30.00'], ['1000', null, '28.00']]),
    regions: ['global'],
  },

  {
    code: 'vpc.bandwidth.19_bgp',
    service: 'hws.service.type.vpc',
    resource: 'hws.resource.type.bandwidth',
    spec: '19_bgp',
    zh: '全动态BGP带宽 按带宽计费',
    en: 'Dynamic BGP bandwidth, billed by bandwidth',
    desc: '带宽|全动态BGP|按带宽',
    linear: { measure: 15, min: 1, max: 2000 },
    prices: [
      { chargeMode: 'period', periodType: 'month', model: 'tiered', measure: 15, tiers: [['0', '5', '23.00'], ['5', null, '80.00']] },
      { chargeMode: 'period', periodType: 'year', model: 'tiered', measure: 15, tiers: [['0', '5', '230.00'], ['5', null, '800.00']] },
    ],
  },
  {
    code: 'vpc.bandwidth.12_bgp',
    service: 'hws.service.type.vpc',
    resource: 'hws.resource.type.bandwidth',
    spec: '12_bgp',
    zh: '全动态BGP带宽 按流量计费',
    en: 'Dynamic BGP bandwidth, billed by traffic',
    desc: '带宽|全动态BGP|按流量',
    prices: [{ chargeMode: 'on_demand', usage: 'upflow', model: 'linear', measure: 10, unit: '0.80' }],
  },
  peak95('vpc.bandwidth.19_share95', 'hws.service.type.vpc', 'hws.resource.type.bandwidth', '19_share', '共享带宽 增强型95计费', 'Shared bandwidth, enhanced 95th-percentile billing', [['0', '300', '45.00'], ['300', null, '40.00']]),
  {
    code: 'vpc.eip.5_bgp',
    service: 'hws.service.type.vpc',
    resource: 'hws.resource.type.ip',
    spec: '5_bgp',
    zh: '弹性公网IP 全动态BGP',
    en: 'Elastic IP, dynamic BGP',
    desc: '弹性公网IP|全动态BGP',
    prices: [
      { chargeMode: 'period', periodType: 'month', model: 'fixed', unit: '20.00' },
      { chargeMode: 'period', periodType: 'year', model: 'fixed', unit: '200.00' },
      { chargeMode: 'on_demand', usage: 'Duration', model: 'linear', measure: 4, unit: '0.0200' },
    ],
  },

  vm('rds.mysql.n1.large.2', 'hws.service.type.rds', 'hws.resource.type.rds.vm', 'rds.mysql.n1.large.2', 'MySQL 单机 2vCPUs 4GB', '云数据库MySQL|单机|2vCPUs|4GB', '239.00', '0.6600'),
  vm('rds.mysql.x1.large.2.ha', 'hws.service.type.rds', 'hws.resource.type.rds.vm', 'rds.mysql.x1.large.2.ha', 'MySQL 主备 2vCPUs 4GB', '云数据库MySQL|主备|2vCPUs|4GB', '478.00', '1.3300'),
  vm('rds.mysql.x1.xlarge.4.ha', 'hws.service.type.rds', 'hws.resource.type.rds.vm', 'rds.mysql.x1.xlarge.4.ha', 'MySQL 主备 4vCPUs 16GB', '云数据库MySQL|主备|4vCPUs|16GB', '1456.00', '4.0400'),
  perGb('rds.volume.ssd', 'hws.service.type.rds', 'hws.resource.type.rds.volume', 'rds.ssd', 'RDS 存储 SSD云盘', 'RDS存储|SSD云盘', '0.70', '0.000970', 40, 4000),

  vm('aad.cn.10g', 'hws.service.type.aad', 'hws.resource.type.aad', 'aad.cn.protect10g.bw100', 'DDoS高防 保底10Gbps 业务带宽100Mbps', 'DDoS高防|中国大陆|保底防护10Gbps|弹性防护30Gbps|业务带宽100Mbps', '6800.00', null),
  vm('aad.cn.20g', 'hws.service.type.aad', 'hws.resource.type.aad', 'aad.cn.protect20g.bw100', 'DDoS高防 保底20Gbps 业务带宽100Mbps', 'DDoS高防|中国大陆|保底防护20Gbps|弹性防护60Gbps|业务带宽100Mbps', '12800.00', null),
  peak95('aad.bandwidth95', 'hws.service.type.aad', 'hws.resource.type.aad.bandwidth', 'aad.bandwidth.95peak', 'DDoS高防 超出业务带宽（月结95峰值）', 'Anti-DDoS extra service bandwidth (monthly 95th percentile)', [['0', null, '100.00']]),

  {
    code: 'live.traffic.mainland',
    service: 'hws.service.type.live',
    resource: 'hws.resource.type.live',
    spec: 'live.mainland.traffic',
    zh: '视频直播 中国大陆 流量计费',
    en: 'Live Chinese mainland, by traffic',
    desc: '视频直播|中国大陆|流量',
    regions: ['global'],
    prices: [{ chargeMode: 'on_demand', usage: 'upflow', model: 'tiered', measure: 10, tiers: [['0', '10240', '0.22'], ['10240', null, '0.19']] }],
  },
  {
    ...peak95('live.bandwidth95.mainland', 'hws.service.type.live', 'hws.resource.type.live.bandwidth', 'live.mainland.95peak', '视频直播 中国大陆 月结95峰值带宽', 'Live Chinese mainland, monthly 95th-percentile bandwidth', [['0', '100', '30.00'], ['100', null, '27.00']]),
    regions: ['global'],
  },

  {
    code: 'cc.bwp.mainland',
    service: 'hws.service.type.cc',
    resource: 'hws.resource.type.cc.bandwidth',
    spec: 'cc.bwp.mainland',
    zh: '云连接带宽包 中国大陆',
    en: 'Cloud Connect bandwidth package, Chinese mainland',
    desc: '云连接|带宽包|中国大陆',
    linear: { measure: 15, min: 2, max: 10000 },
    prices: [
      { chargeMode: 'period', periodType: 'month', model: 'linear', measure: 15, unit: '70.00' },
      { chargeMode: 'period', periodType: 'year', model: 'linear', measure: 15, unit: '700.00' },
    ],
  },
  peak95('cc.interregion95', 'hws.service.type.cc', 'hws.resource.type.cc.interregion', 'cc.interregion.95peak', '云连接 跨区域带宽（月结95峰值）', 'Cloud Connect inter-region bandwidth (monthly 95th percentile)', [['0', null, '90.00']]),

  {
    ...vm('dc.port.1ge', 'hws.service.type.dc', 'hws.resource.type.dc.port', 'dc.port.1ge', '云专线 物理专线端口 1GE', '云专线|物理端口|1GE', '2000.00', null),
    reviewRequired: true,
  },
  {
    ...vm('dc.port.10ge', 'hws.service.type.dc', 'hws.resource.type.dc.port', 'dc.port.10ge', '云专线 物理专线端口 10GE', '云专线|物理端口|10GE', '4000.00', null),
    reviewRequired: true,
  },
  peak95('dc.bandwidth95', 'hws.service.type.dc', 'hws.resource.type.dc.bandwidth', 'dc.bandwidth.95peak', '云专线 专线带宽（月结95峰值）', 'Direct Connect bandwidth (monthly 95th percentile)', [['0', '1000', '20.00'], ['1000', null, '16.00']]),

  perGb('cbr.server.vault', 'hws.service.type.cbr', 'hws.resource.type.vault', 'vault.backup.server.normal', '云服务器备份存储库', '云备份|云服务器备份|存储库', '0.33', null, 10, 10485760),
];

export { ALL_REGIONS };
