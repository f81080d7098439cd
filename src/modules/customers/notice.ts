import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { fieldError, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { requireAccount } from '../../platform/access/index.js';
import type { Text } from '../../platform/i18n/index.js';
import type { AssociationType } from './names.js';
import { customerAssociations, customerNoticeSignatures } from './schema.js';

/**
 * 《客户关联华为云合作伙伴须知》 (guide 13.11, L20413–20420) and 关联关系切换须知 (9170), versioned.
 * The text depends on the association mode ("《客户关联华为云合作伙伴须知》和客户的关联模式有关", 20055).
 * Publishing a new version = adding it here with a later `version`; a customer whose last signature is
 * older then sees the 立即签署 prompt on 我的合作伙伴 (13.11 步骤2). The guide gives the 代售 text (V1001,
 * truncated at point 8); the 顾问销售 text and the switch notice are ours, built from 10.3.4.2 and 10.4.1.5.
 */
export interface NoticeVersion {
  key: 'association-notice' | 'switch-notice';
  version: string;
  title: Text;
  associationType: AssociationType | 'any';
  points: string[];
  publishedAt: string;
}

const ASSOCIATION_TITLE: Text = { zh: '客户关联华为云合作伙伴须知', en: 'Notice on associating with a Huawei Cloud partner' };

export const NOTICES: readonly NoticeVersion[] = [
  {
    key: 'association-notice',
    version: 'V1001',
    title: ASSOCIATION_TITLE,
    associationType: 'resale',
    publishedAt: '2024-06-01',
    points: [
      '1、您已充分了解代售模式，您同意以代售模式关联合作伙伴。',
      '2、您以代售模式关联合作伙伴后，华为云将不再是您的直接签约方，将由您关联的合作伙伴与您缔结销售协议，并按销售协议约定向您承担全部销售责任，包括但不限于：技术咨询、技术支持、服务交付、投诉处理、故障响应及售后服务等责任。',
      '3、作为制造商，华为云向您承担产品质量责任；作为服务提供商，华为云基于与合作伙伴签订的销售协议内容向您提供相应的原厂服务责任。',
      '4、您以代售模式关联合作伙伴后，您的账号不再是华为云产品及服务的购买方，仅为资源使用方；您的账号不具有向华为云申请合同、账单、发票，及账号充值的权利。您须通过关联的合作伙伴账号获得上述服务。',
      '5、如您使用已有账号关联合作伙伴，您原账号下未使用完毕的现金券将会退还发券方。',
      '6、您在订购、开通及使用华为云产品及服务过程中产生的任何问题，将由您关联的合作伙伴负责为您解决。',
      '7、使用华为云产品与服务期间，您与关联的合作伙伴之间产生的任何纠纷，将依据您与合作伙伴签署的相关合同及协议约定处理。',
      '8、您关联合作伙伴后，若您名下存在企业子账号，合作伙伴的相关状态及操作（包括但不限于如受限，冻结等）将影响您和您名下关联的企业子账号。您应管理您名下的企业子账号，并向企业子账号传递相关影响。',
    ],
  },
  {
    key: 'association-notice',
    version: 'V1001',
    title: ASSOCIATION_TITLE,
    associationType: 'consulting',
    publishedAt: '2024-06-01',
    points: [
      '1、您已充分了解顾问销售模式，您同意以顾问销售模式关联合作伙伴。',
      '2、您的华为云消费由您自己支付或由合作伙伴代为支付，其他功能由您自行管理；华为云或云商店商家向您开具发票。',
      '3、合作伙伴可为您提供技术咨询、技术支持等服务，具体以您与合作伙伴的约定为准。',
      '4、您与关联的合作伙伴之间产生的任何纠纷，将依据您与合作伙伴签署的相关合同及协议约定处理。',
    ],
  },
  {
    key: 'switch-notice',
    version: 'V1001',
    title: { zh: '关联关系切换须知', en: 'Notice on switching the association type' },
    associationType: 'any',
    publishedAt: '2024-06-01',
    points: [
      '1、切换关联类型后，您在切换前的原有现金余额无法消费，需要您自行申请提现。',
      '2、以代售模式关联后，您只能使用合作伙伴的拨款进行华为云消费，发票由合作伙伴开具。',
      '3、以顾问销售模式关联后，您的华为云消费由您自己支付或由合作伙伴代为支付。',
      '4、为避免频繁切换，合作伙伴在3个月内仅可以发起一次与您解除关联或切换关联类型的申请。',
    ],
  },
];

const versionRank = (v: string) => Number(v.replace(/\D/g, '')) || 0;

/** The current version of a notice for a mode. */
export function currentNotice(key: NoticeVersion['key'], type: AssociationType): NoticeVersion {
  const candidates = NOTICES.filter((n) => n.key === key && (n.associationType === type || n.associationType === 'any'));
  return candidates.sort((a, b) => versionRank(b.version) - versionRank(a.version))[0]!;
}

export function noticeView(n: NoticeVersion, lang: 'zh-CN' | 'en-US') {
  return { key: n.key, version: n.version, title: lang === 'en-US' ? n.title.en : n.title.zh, associationType: n.associationType, points: n.points, publishedAt: n.publishedAt };
}

/** The version the caller says it read must be the current one ("我已经阅读并同意" of the text shown). */
export function requireCurrentVersion(key: NoticeVersion['key'], type: AssociationType, version: string | undefined, field: string): NoticeVersion {
  const n = currentNotice(key, type);
  if (!version) throw fieldError(field, 'customers.notice-required', { zh: `请阅读并同意《${n.title.zh}》`, en: `Read and accept the ${n.title.en}` });
  if (version !== n.version)
    throw fieldError(field, 'customers.notice-outdated', { zh: '须知版本已更新，请重新阅读后签署', en: 'The notice has a newer version; read it again' });
  return n;
}

export async function recordSignature(
  tx: Executor,
  s: { customerAccountId: string; notice: NoticeVersion; associationType: AssociationType; partnerId: string | null; context: 'associate' | 'switch' | 'resign' },
) {
  await tx.insert(customerNoticeSignatures).values({
    customerAccountId: s.customerAccountId,
    noticeKey: s.notice.key,
    version: s.notice.version,
    associationType: s.associationType,
    partnerId: s.partnerId,
    context: s.context,
    signedAt: clock.now(),
  });
}

/** 协议管理: what the customer has signed (协议名称, 协议版本, 签署时间, 查看协议). */
export async function listSignatures(ctx: Ctx) {
  const actor = requireAccount(ctx);
  const rows = await ctx.db
    .select()
    .from(customerNoticeSignatures)
    .where(eq(customerNoticeSignatures.customerAccountId, actor.accountId))
    .orderBy(desc(customerNoticeSignatures.signedAt));
  return {
    items: rows.map((r) => {
      const n = NOTICES.find((x) => x.key === r.noticeKey && x.version === r.version && (x.associationType === r.associationType || x.associationType === 'any'));
      return {
        id: r.id,
        name: ctx.lang === 'en-US' ? (n?.title.en ?? r.noticeKey) : (n?.title.zh ?? r.noticeKey),
        noticeKey: r.noticeKey,
        version: r.version,
        associationType: r.associationType,
        signedAt: r.signedAt.toISOString(),
        points: n?.points ?? [],
      };
    }),
  };
}

/** Does the customer's current association need the 立即签署 prompt (a newer notice than the last signed)? */
export async function pendingNotice(ex: Executor, customerAccountId: string, type: AssociationType): Promise<NoticeVersion | null> {
  const current = currentNotice('association-notice', type);
  const [last] = await ex
    .select({ version: customerNoticeSignatures.version })
    .from(customerNoticeSignatures)
    .where(
      and(
        eq(customerNoticeSignatures.customerAccountId, customerAccountId),
        eq(customerNoticeSignatures.noticeKey, 'association-notice'),
        eq(customerNoticeSignatures.associationType, type),
      ),
    )
    .orderBy(desc(customerNoticeSignatures.signedAt))
    .limit(1);
  // customers associated before notices were recorded (or in 顾问销售 by a QR code, which shows no notice) have no row: prompt them too
  if (last && versionRank(last.version) >= versionRank(current.version)) return null;
  return current;
}

/** 立即签署 (13.11): sign the current notice of the customer's association mode. */
export async function signNotice(ctx: Ctx, input: { version: string; agreed: boolean }) {
  const actor = requireAccount(ctx);
  if (!input.agreed) throw fieldError('agreed', 'customers.notice-not-agreed', { zh: '请勾选“我已阅读并同意”', en: 'Tick "I have read and agree"' });
  return inTransaction(ctx.db, async (tx) => {
    const [assoc] = await tx
      .select()
      .from(customerAssociations)
      .where(and(eq(customerAssociations.customerAccountId, actor.accountId), eq(customerAssociations.status, 'associated')));
    if (!assoc) throw refused('customers.not-associated', { zh: '您尚未关联合作伙伴', en: 'You are not associated with a partner' });
    const type = assoc.associationType as AssociationType;
    const notice = requireCurrentVersion('association-notice', type, input.version, 'version');
    await recordSignature(tx, { customerAccountId: actor.accountId, notice, associationType: type, partnerId: assoc.partnerId, context: 'resign' });
    await audit(tx, ctx, {
      action: 'customers.notice.signed',
      objectType: 'customer_notice',
      objectId: notice.version,
      partnerId: assoc.partnerId,
      customerAccountId: actor.accountId,
      after: { key: notice.key, version: notice.version, associationType: type },
    });
    return { version: notice.version, message: { zh: '操作成功', en: 'Done' } };
  });
}
