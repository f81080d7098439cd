import { eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/index.js';
import type { Deps } from '../src/platform/deps.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { ALL_PERMISSIONS } from '../src/platform/access/index.js';
import { saveUpload } from '../src/platform/files/index.js';
import { approve, findApplicationsForSubject, reject } from '../src/platform/review/index.js';
import { accounts, staffUsers } from '../src/modules/accounts/schema.js';
import { partners } from '../src/modules/partners/schema.js';
import * as hcpn from '../src/modules/partners/hcpn.js';
import * as solutions from '../src/modules/solutions/cloud-software/service.js';
import * as paths from '../src/modules/paths/service.js';
import * as annualReview from '../src/modules/paths/annual-review.js';
import { enrolInProgram } from '../src/modules/programs/memberships.js';
import { setScorecard } from '../src/modules/programs/distributor.js';
import { acceptInvitation, inviteReseller } from '../src/modules/programs/reseller.js';
import { inTransaction } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { LIFECYCLE_COMPANIES } from './seed.js';

/**
 * Issue 3's demo stages, made through the services (so each row is in a state the product reaches):
 * a company mid-enrolment, one rejected and resubmitting, a software partner whose cloud-software
 * solution certified the software path, a service partner with role certification (in its annual
 * review when the demo starts in the review season, 1 November – 31 December), a distributor with
 * a scorecard and a reseller linked to it by invitation.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

type Company = (typeof LIFECYCLE_COMPANIES)[number];

export async function seedLifecycle(db: Db, deps: Deps): Promise<void> {
  const ctxAs = (actor: Actor): Ctx => ({ db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'seed-lifecycle', deps });
  const company = (name: Company['accountName']) => LIFECYCLE_COMPANIES.find((c) => c.accountName === name)!;
  const asAccount = async (name: string) => {
    const [a] = await db.select().from(accounts).where(eq(accounts.accountName, name));
    return ctxAs({ kind: 'account', accountId: a!.id, accountName: a!.accountName });
  };
  const asPartnerAdmin = async (name: string) => {
    const [a] = await db.select().from(accounts).where(eq(accounts.accountName, name));
    const [p] = await db.select().from(partners).where(eq(partners.accountId, a!.id));
    return ctxAs({ kind: 'partner', partnerId: p!.id, accountId: a!.id, memberId: null, displayName: p!.displayName, isAdmin: true, permissions: ALL_PERMISSIONS, roleKeys: new Set() });
  };
  const [admin] = await db.select().from(staffUsers).where(eq(staffUsers.username, 'ops_admin'));
  const staff = ctxAs({ kind: 'staff', staffId: admin!.id, name: admin!.name, roles: new Set(admin!.roles) });
  const reviewOf = async (subjectType: string, subjectId: string) => (await findApplicationsForSubject(db, { subjectType, subjectId }))[0]!;

  /** Steps 1–2 (and optionally 3–4) of the HCPN wizard, as the account. */
  async function enrol(c: Company, opts: { steps: 2 | 4; declare?: boolean }) {
    const ctx = await asAccount(c.accountName);
    const { application } = await hcpn.startApplication(ctx);
    const licence = await saveUpload(ctx, { purpose: 'business-licence', filename: '营业执照.pdf', buffer: PDF });
    await hcpn.saveBusinessInfo(ctx, application.id, {
      companyName: c.company,
      uscc: c.uscc,
      taxCode: c.uscc,
      licenceFileId: licence.id,
      registeredCapital: '5000',
      foundedDate: '2016-04-18',
      businessTermLongTerm: true,
      licenceAddress: '高新区软件园路88号',
      legalPerson: '陈立',
      businessScope: '软件开发；信息系统集成服务；数据处理和存储支持服务',
      province: '湖北省',
      city: '武汉市',
      staffSize: '100-499',
      annualRevenue: '8600',
      intro: '专注企业上云、数据平台建设与运维服务。',
    } as hcpn.BusinessInfoInput);
    await hcpn.saveContacts(ctx, application.id, { contacts: [{ name: '陈立', mobile: '+86-13500000199', email: `${c.accountName}@company.example.com` }] });
    if (opts.steps === 4) {
      await hcpn.saveSensitiveRelation(ctx, application.id, opts.declare ? { choice: 'declared', details: '公司股东之一的配偶为华为在职员工' } : { choice: 'none' });
      await hcpn.acceptAgreements(ctx, application.id, { accepted: hcpn.HCPN_AGREEMENTS.map((a) => ({ key: a.key, version: a.version })) });
    }
    return { ctx, id: application.id };
  }

  // 1. Mid-enrolment: 填写商业信息 and 填写联系人信息 saved, 敏感关系申报 not yet.
  await enrol(company('hcpn_draft'), { steps: 2 });

  // 2. Rejected and resubmitting: a declared sensitive relationship sends it to 人工审核; the reviewer
  //    rejects it for a blurred licence; the company has uploaded a new licence (saved, not yet resubmitted).
  {
    const c = company('hcpn_retry');
    const { ctx, id } = await enrol(c, { steps: 4, declare: true });
    await hcpn.submitApplication(ctx, id);
    await reject(deps.reviews, staff, (await reviewOf(hcpn.HCPN_SUBJECT, id)).id, { reason: '营业执照扫描件不清晰，请上传清晰的彩色扫描件后重新提交。' });
    const licence = await saveUpload(ctx, { purpose: 'business-licence', filename: '营业执照-清晰版.pdf', buffer: PDF });
    const current = await hcpn.getApplication(ctx, id);
    await hcpn.saveBusinessInfo(ctx, id, { ...(current.businessInfo as hcpn.BusinessInfoInput), licenceFileId: licence.id });
  }

  // 3. Software partner: joins at once, takes the software path; its cloud-software solution passes the
  //    three review stages, which certifies the path (R13).
  {
    const c = company('isv_admin');
    const { ctx, id } = await enrol(c, { steps: 4 });
    await hcpn.submitApplication(ctx, id);
    const isv = await asPartnerAdmin(c.accountName);
    await paths.selectPath(isv, 'software');
    const file = async (name: string) => (await saveUpload(isv, { purpose: 'attachment', filename: name, buffer: PDF })).id;
    const saved = await solutions.createSolution(
      isv,
      'cloud',
      {
        source: 'new',
        name: '数智供应链协同平台',
        version: 'V3.2',
        industry: '制造',
        industrySub: '离散制造',
        productType: '应用软件',
        targetCustomers: '年营收1亿元以上的离散制造企业',
        scenarios: '供应商协同、采购寻源、订单与库存可视化',
        cloudMode: 'SaaS',
        deployedOnPublicCloud: false,
        materials: { intro: [await file('方案介绍.pdf')], certification: [await file('方案认证材料.pdf')] },
        contacts: { businessContact: '陈立', businessMobile: '+86-13500000199', businessEmail: 'isv_admin@company.example.com', hasHuaweiContact: false },
      },
      { submit: true },
    );
    const review = await reviewOf('cloud_solution', saved.solution.id);
    for (let stage = 0; stage < 3; stage++) await approve(deps.reviews, staff, review.id, { comment: '材料齐全，审核通过' });
  }

  // 4. Service partner: joins, takes the service path, applies for 角色认证 with materials; approved.
  {
    const c = company('svc_admin');
    const { ctx, id } = await enrol(c, { steps: 4 });
    await hcpn.submitApplication(ctx, id);
    const svc = await asPartnerAdmin(c.accountName);
    await paths.selectPath(svc, 'service');
    const material = await saveUpload(svc, { purpose: 'attachment', filename: '服务能力说明.pdf', buffer: PDF });
    const cases = await saveUpload(svc, { purpose: 'attachment', filename: '上云迁移案例.pdf', buffer: PDF });
    const cert = await paths.applyForCertification(svc, { path: 'service', stage: 'role_certified', materials: [material.id], cases: [cases.id] });
    const review = await reviewOf('path_certification', cert.id);
    await approve(deps.reviews, staff, review.id, { comment: '服务能力满足角色认证要求' });
  }

  // 5. A solution-provider candidate: vista_admin holds the service path with its 角色认证 in review;
  //    vista_sales, a second account of the same company, joins HCPN by linking to the registered
  //    company (R4) and stays off the paths. Until the role certification passes, the plan's
  //    condition 17 is unmet (查看原因); approving it in the console makes vista_sales eligible.
  {
    const lead = company('vista_admin');
    const { ctx, id } = await enrol(lead, { steps: 4 });
    await hcpn.submitApplication(ctx, id);
    const vista = await asPartnerAdmin(lead.accountName);
    await paths.selectPath(vista, 'service');
    const material = await saveUpload(vista, { purpose: 'attachment', filename: '服务能力说明.pdf', buffer: PDF });
    await paths.applyForCertification(vista, { path: 'service', stage: 'role_certified', materials: [material.id] });
    const second = await enrol(company('vista_sales'), { steps: 4 });
    await hcpn.submitApplication(second.ctx, second.id);
  }

  // 6. The annual review opens for the service partner — inside the review season (1 November –
  //    31 December) only; outside it the yearly job opens the reviews on 1 November as for everyone.
  //    Applying needs every requirement met, which the demo company does not yet (counters show why).
  await annualReview.openAnnualReviews(db, deps);

  // 7. The distributor (北京市) with this year's 积分卡, and reseller_a linked to it by invitation (愿意).
  const dist = await asPartnerAdmin('dist_admin');
  const resellerA = await asPartnerAdmin('reseller_a');
  const partnerIdOf = (c: Ctx) => (c.actor.kind === 'partner' ? c.actor.partnerId : '');
  await inTransaction(db, (tx) => enrolInProgram(tx, staff, { partnerId: partnerIdOf(dist), program: 'distributor', businessRegion: '北京市' }));
  await inTransaction(db, (tx) => enrolInProgram(tx, staff, { partnerId: partnerIdOf(resellerA), program: 'reseller', businessRegion: '北京市' }));
  await setScorecard(staff, {
    account: 'dist_admin',
    program: 'distributor',
    year: clock.now().getUTCFullYear(),
    distributorType: 'regional_12',
    annualPerformance: '36800000.00',
    requirements: { annualPerformance: '50000000.00', valueResellers: 10 },
  });
  const invitation = await inviteReseller(dist, { email: 'reseller_a@partner.example.com', resellerAccount: 'reseller_a', accountManagerName: '李强' });
  await acceptInvitation(resellerA, invitation.id, { businessRegion: '北京市', acceptNotice: true });
}
