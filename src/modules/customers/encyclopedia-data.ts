/**
 * The 企业百科 data set shipped with the module: public-register style facts of fictional companies
 * (the vendor buys this data from a third party; we cannot ship real records). The first five match the
 * demo customers' enterprise names so their detail pages have an encyclopedia tab.
 */
export interface EncyclopediaEntry {
  name: string;
  uscc: string;
  summary: {
    cloudSpendBand: string; // 上云钱包厚度
    cloudVendor: string; // 上云服务商
    registrationStatus: string; // 登记状态
    registeredCapital: string; // 注册资本
    foundedOn: string; // 成立日期
    nationalIndustry: string; // 国标行业
    listed: string; // 是否上市
    huaweiCloudIndustry: string; // 华为云行业
    website: string | null; // 企业网址
  };
  activityStars: number; // 上云活跃度 (0–5)
  details: {
    basic: Record<string, string>; // 企业基本信息 (工商信息)
    graphs: { structure: string[]; shareholders: { name: string; ratio: string }[]; relations: string[] }; // 关系图谱
    cloud: { providers: { provider: string; region: string; url: string; ip: string }[] }; // 上云信息
    development: { financing: { stage: string; amount: string; investors: string; date: string }[]; apps: { name: string; category: string; publishedAt: string }[]; brands: string[]; rankings: string[] }; // 公司发展
    ip: { copyrights: { regNo: string; shortName: string; fullName: string; version: string; publishedAt: string }[]; patents: { name: string; type: string; grantNo: string; appliedAt: string }[] }; // 知识产权
  };
}

const entry = (
  name: string,
  uscc: string,
  capital: string,
  founded: string,
  industry: string,
  hwIndustry: string,
  band: string,
  vendor: string,
  stars: number,
  legal: string,
  city: string,
  scope: string,
  website: string | null,
): EncyclopediaEntry => ({
  name,
  uscc,
  summary: { cloudSpendBand: band, cloudVendor: vendor, registrationStatus: '存续', registeredCapital: capital, foundedOn: founded, nationalIndustry: industry, listed: '否', huaweiCloudIndustry: hwIndustry, website },
  activityStars: stars,
  details: {
    basic: {
      统一社会信用代码: uscc,
      法定代表人: legal,
      登记状态: '存续',
      注册资本: capital,
      实缴资本: capital,
      企业类型: '有限责任公司',
      国标行业: industry,
      是否上市: '否',
      成立日期: founded,
      参保人数: String(20 + stars * 37),
      曾用名: '—',
      注册地址: `${city}市高新技术产业开发区科技路${10 + stars}号`,
      经营范围: scope,
    },
    graphs: {
      structure: [name, `${name.replace('有限公司', '')}${city}分公司`],
      shareholders: [
        { name: legal, ratio: '60%' },
        { name: `${city}创新投资有限公司`, ratio: '40%' },
      ],
      relations: [`${city}创新投资有限公司`],
    },
    cloud: { providers: [{ provider: vendor, region: `华北-北京四`, url: website ?? '—', ip: `121.36.${stars}.${10 + stars}` }] },
    development: {
      financing: stars >= 3 ? [{ stage: 'A轮', amount: '数千万人民币', investors: `${city}创新投资有限公司`, date: '2021-06-18' }] : [],
      apps: stars >= 2 ? [{ name: `${name.slice(2, 4)}助手`, category: '工具', publishedAt: '2020-11-10' }] : [],
      brands: [name.slice(2, 6)],
      rankings: [],
    },
    ip: {
      copyrights: [{ regNo: `2022SR${String(100000 + stars * 7919).slice(0, 7)}`, shortName: `${name.slice(2, 4)}平台`, fullName: `${name.slice(2, 6)}云管理平台软件`, version: 'V1.0', publishedAt: '2022-03-01' }],
      patents: stars >= 4 ? [{ name: '一种分布式数据处理方法', type: '发明专利', grantNo: `CN1140${stars}2345B`, appliedAt: '2020-05-12' }] : [],
    },
  },
});

export const ENCYCLOPEDIA: readonly EncyclopediaEntry[] = [
  entry('北京极光网络有限公司', '91110108MA01AURORA', '1000万人民币', '2016-02-04', '软件和信息技术服务业', '互联网', '10万以内', '华为云', 4, '李明', '北京', '技术开发、技术服务；软件开发；互联网信息服务。', 'www.aurora-net.example.cn'),
  entry('上海海川电商有限公司', '91310115MA1HAICHUAN', '500万人民币', '2018-07-19', '批发业', '零售', '10万-50万', '阿里云', 3, '王海', '上海', '电子商务；日用百货销售；供应链管理服务。', 'www.haichuan-shop.example.cn'),
  entry('深圳前海数据有限公司', '91440300MA5QIANHAI', '2000万人民币', '2015-03-30', '软件和信息技术服务业', '金融', '50万-100万', '华为云', 5, '陈前', '深圳', '数据处理和存储服务；信息系统集成服务。', 'www.qianhai-data.example.cn'),
  entry('杭州云栖软件有限公司', '91330106MA2YUNQI01', '300万人民币', '2019-09-09', '软件和信息技术服务业', '互联网', '10万以内', '腾讯云', 2, '赵栖', '杭州', '软件开发；信息技术咨询服务。', null),
  entry('成都天府游戏有限公司', '91510100MA6TIANFU', '800万人民币', '2017-05-20', '互联网和相关服务', '游戏', '100万以上', 'AWS云', 4, '孙府', '成都', '网络游戏开发与运营；动漫设计。', 'www.tianfu-games.example.cn'),
  entry('广州珠江智造有限公司', '91440101MA9ZHUJIANG', '5000万人民币', '2012-11-01', '通用设备制造业', '制造', '50万-100万', '自建IDC', 3, '周江', '广州', '智能装备制造；工业互联网平台服务。', 'www.zhujiang-mfg.example.cn'),
  entry('南京钟山医疗科技有限公司', '91320100MA1ZHONGSH', '1200万人民币', '2014-08-15', '卫生', '医疗', '10万-50万', '华为云', 3, '吴山', '南京', '医疗软件开发；医疗器械销售。', null),
  entry('武汉光谷教育科技有限公司', '91420100MA4GUANGGU', '600万人民币', '2020-01-06', '教育', '教育', '10万以内', '华为云', 2, '郑谷', '武汉', '教育软件开发；在线教育服务。', 'www.guanggu-edu.example.cn'),
  entry('西安古城物流有限公司', '91610100MA6GUCHENG', '3000万人民币', '2010-04-22', '道路运输业', '交通物流', '10万-50万', '阿里云', 1, '冯城', '西安', '普通货运；仓储服务；供应链管理。', null),
  entry('苏州园林文旅发展有限公司', '91320500MA1YUANLIN', '2500万人民币', '2013-10-10', '文化艺术业', '文旅', '10万以内', '—', 0, '许园', '苏州', '旅游开发；文化活动策划；票务代理。', 'www.yuanlin-travel.example.cn'),
  entry('天津渤海能源科技有限公司', '91120116MA0BOHAI01', '1亿人民币', '2009-06-30', '电力、热力生产和供应业', '能源', '100万以上', '华为云', 5, '韩渤', '天津', '新能源技术开发；合同能源管理。', 'www.bohai-energy.example.cn'),
  entry('重庆山城汽车服务有限公司', '91500000MA5SHANCHE', '400万人民币', '2021-03-15', '机动车、电子产品和日用产品修理业', '汽车', '10万以内', '腾讯云', 1, '杨山', '重庆', '汽车维修；汽车租赁；二手车经纪。', null),
];
