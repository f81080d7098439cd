import type { Db, Executor } from '../src/platform/db/index.js';
import { inTransaction } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { STAFF_ROLES, PRESET_ROLES } from '../src/platform/access/index.js';
import { accounts, realNameApplications, staffUsers } from '../src/modules/accounts/schema.js';
import { companies, partners } from '../src/modules/partners/schema.js';
import { orgMembers, memberRoles, roles, customerContacts } from '../src/modules/org/schema.js';
import { ensurePresetRoles, presetName } from '../src/modules/org/preset-roles.js';
import { customerAssociations } from '../src/modules/customers/schema.js';

/**
 * The demo world, seeded into an empty database at first start (never again: a database
 * with staff users in it is left alone). Other modules add their part of the world here.
 */
export const DEMO_PASSWORD = 'Partner@2025';

type Row = { portal: string; how: string; who: string };
const rows: Row[] = [];
export const DEMO_LOGINS = { password: DEMO_PASSWORD, rows };

const STAFF: { username: string; name: string; roles: string[] }[] = [
  { username: 'ops_admin', name: '运营管理员', roles: [STAFF_ROLES.admin] },
  { username: 'eco_manager', name: '生态经理 王敏', roles: [STAFF_ROLES.ecosystemManager] },
  { username: 'channel_manager', name: '渠道经理 李强', roles: [STAFF_ROLES.channelManager] },
  { username: 'reviewer', name: '审核员 赵静', roles: [STAFF_ROLES.reviewer] },
  { username: 'psa', name: 'PSA 陈晨', roles: [STAFF_ROLES.psa] },
  { username: 'operations', name: '运营专员 周洋', roles: [STAFF_ROLES.operations] },
  { username: 'finance', name: '财务结算 孙丽', roles: [STAFF_ROLES.finance] },
  { username: 'invoice', name: '发票专员 吴昊', roles: [STAFF_ROLES.invoice] },
];
for (const s of STAFF) rows.push({ portal: 'ops', how: s.username, who: s.name });

interface PartnerSeed {
  accountName: string;
  mobile: string;
  company: string;
  uscc: string;
  paths: string[];
  programs: string[];
  label: string;
}
const PARTNERS: PartnerSeed[] = [
  { accountName: 'sp_admin', mobile: '+86-13900000001', company: '华创云科技有限公司', uscc: '91440300MA5E5A5A5A', paths: ['service', 'software'], programs: ['solution_provider'], label: '解决方案提供商 (solution provider) admin' },
  { accountName: 'dist_admin', mobile: '+86-13900000002', company: '神州云分销有限公司', uscc: '91110108MA01B2C3D4', paths: ['distributor'], programs: ['distributor'], label: '总经销商 (distributor) admin' },
  { accountName: 'reseller_a', mobile: '+86-13900000003', company: '云途科技有限公司', uscc: '91310115MA1H2J3K4L', paths: [], programs: ['reseller'], label: '云经销商 (reseller) A admin' },
  { accountName: 'reseller_b', mobile: '+86-13900000004', company: '星河信息技术有限公司', uscc: '91510100MA6C7D8E9F', paths: [], programs: ['reseller'], label: '云经销商 (reseller) B admin' },
  { accountName: 'gov_admin', mobile: '+86-13900000005', company: '智政数字科技有限公司', uscc: '91320100MA1N2P3Q4R', paths: [], programs: ['gov_subsidy'], label: '政府补贴类伙伴 (gov-subsidy) admin' },
];

const SP_MEMBERS: { accountName: string; name: string; role: string; supervisedBy?: string }[] = [
  { accountName: 'sysadmin', name: '刘洋', role: PRESET_ROLES.systemAdmin },
  { accountName: 'finance', name: '张丽', role: PRESET_ROLES.finance },
  { accountName: 'sa', name: '陈伟', role: PRESET_ROLES.sa },
  { accountName: 'am_lead', name: '王芳', role: PRESET_ROLES.amSupervisor },
  { accountName: 'am_zhang', name: '张伟', role: PRESET_ROLES.accountManager, supervisedBy: 'am_lead' },
  { accountName: 'am_li', name: '李娜', role: PRESET_ROLES.accountManager, supervisedBy: 'am_lead' },
];

const CUSTOMERS = [
  { accountName: 'customer_a', name: '北京极光网络有限公司', mobile: '+86-13800000011', note: '华创云 代售 customer' },
  { accountName: 'customer_b', name: '上海海川电商有限公司', mobile: '+86-13800000012', note: '华创云 顾问销售 customer' },
  { accountName: 'customer_c', name: '深圳前海数据有限公司', mobile: '+86-13800000013', note: '神州云分销 顾问销售 customer' },
  { accountName: 'customer_d', name: '杭州云栖软件有限公司', mobile: '+86-13800000014' },
  { accountName: 'customer_e', name: '成都天府游戏有限公司', mobile: '+86-13800000015' },
];

const EMPLOYEES = [
  { accountName: 'employee_zhao', name: '赵磊' },
  { accountName: 'employee_qian', name: '钱敏' },
  { accountName: 'employee_sun', name: '孙浩' },
  { accountName: 'employee_li', name: '李静' },
];

/**
 * Companies on their way into HCPN (enterprise real-name verified, not yet partners); seed-lifecycle
 * walks each to its stage through the services: mid-enrolment, rejected and resubmitting, a software
 * partner with a certified cloud-software solution, a service partner in its annual review.
 */
export const LIFECYCLE_COMPANIES = [
  { accountName: 'hcpn_draft', company: '启明星数据服务有限公司', uscc: '91420100MA4K5L6M7N', stage: 'HCPN 入驻中 (step 2 of 4, draft)' },
  { accountName: 'hcpn_retry', company: '青松信息系统有限公司', uscc: '91370200MA3P4Q5R6T', stage: 'HCPN 审核未通过, resubmitting' },
  { accountName: 'isv_admin', company: '数智软件股份有限公司', uscc: '91330100MA27X8Y9W0', stage: 'software path, certified cloud-software solution' },
  { accountName: 'svc_admin', company: '恒信云服务有限公司', uscc: '91500000MA5U6T7R8E', stage: 'service path, role certified, annual review opened' },
  { accountName: 'vista_admin', company: '远景数科有限公司', uscc: '91350200MA8Y9X7W6T', stage: 'service path, 角色认证 审核中' },
  { accountName: 'vista_sales', company: '远景数科有限公司', uscc: '91350200MA8Y9X7W6T', stage: "second account of vista_admin's company, no path (solution-provider candidate)" },
] as const;

for (const p of PARTNERS) rows.push({ portal: 'partner', how: `${p.accountName} (华为账号)`, who: `${p.company} — ${p.label}` });
for (const m of SP_MEMBERS) rows.push({ portal: 'partner', how: `IAM: sp_admin / ${m.accountName}`, who: `${m.name} (${presetName(m.role)?.zh})` });
for (const c of CUSTOMERS) rows.push({ portal: 'customer', how: c.accountName, who: 'note' in c ? `${c.name} (${c.note})` : c.name });
for (const e of EMPLOYEES) rows.push({ portal: 'partner', how: `${e.accountName} (personal account)`, who: `${e.name}, 华创云 employee (project specialist demo)` });
for (const l of LIFECYCLE_COMPANIES) rows.push({ portal: 'partner', how: `${l.accountName} (华为账号)`, who: `${l.company} — ${l.stage}` });
rows.push({ portal: 'customer', how: 'newco_admin', who: '新锐智能科技有限公司, real-name verification under review' });

async function isEmpty(ex: Executor): Promise<boolean> {
  const [row] = await ex.select({ id: staffUsers.id }).from(staffUsers).limit(1);
  return !row;
}

export async function seedDemoWorld(db: Db): Promise<boolean> {
  await ensurePresetRoles(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(db, async (tx) => {
    if (!(await isEmpty(tx))) return false;
    const now = clock.now();
    for (const s of STAFF) await tx.insert(staffUsers).values({ ...s, email: `${s.username}@vendor.example.com`, passwordHash, createdAt: now });

    const partnerIds: Record<string, string> = {};
    for (const p of PARTNERS) {
      const [a] = await tx
        .insert(accounts)
        .values({
          accountName: p.accountName,
          mobile: p.mobile,
          email: `${p.accountName}@partner.example.com`,
          passwordHash,
          tenantName: p.accountName,
          name: p.company,
          cloudActivatedAt: now,
          cloudTermsVersion: '2025-01',
          realNameStatus: 'verified',
          realNameType: 'enterprise',
          enterpriseName: p.company,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const [c] = await tx.insert(companies).values({ name: p.company, uscc: p.uscc, createdAt: now, updatedAt: now }).returning();
      const [partner] = await tx
        .insert(partners)
        .values({ accountId: a!.id, companyId: c!.id, isMainAccount: true, displayName: p.company, paths: p.paths, programs: p.programs, joinedAt: now, createdAt: now })
        .returning();
      partnerIds[p.accountName] = partner!.id;
    }

    // The solution provider's organisation: one member per preset role (guide 5.1.1.2's example company).
    const sp = partnerIds['sp_admin']!;
    const presetIds = new Map((await tx.select().from(roles)).filter((r) => r.presetKey).map((r) => [r.presetKey!, r.id]));
    const memberIds: Record<string, string> = {};
    for (const [i, m] of SP_MEMBERS.entries()) {
      const [row] = await tx
        .insert(orgMembers)
        .values({
          partnerId: sp,
          accountName: m.accountName,
          passwordHash,
          mustChangePassword: false,
          name: m.name,
          mobile: `+86-1370000000${i}`,
          email: `${m.accountName}@huachuang.example.com`,
          supervisorId: m.supervisedBy ? memberIds[m.supervisedBy] : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      memberIds[m.accountName] = row!.id;
      await tx.insert(memberRoles).values({ memberId: row!.id, roleId: presetIds.get(m.role)! });
    }
    await tx.insert(customerContacts).values([
      { partnerId: sp, name: '王芳', position: '客户经理主管', mobile: '+86-13700000003', email: 'am_lead@huachuang.example.com', createdAt: now, updatedAt: now },
      { partnerId: sp, name: '张伟', position: '客户经理', mobile: '+86-13700000004', email: 'am_zhang@huachuang.example.com', landline: '010-88886666', createdAt: now, updatedAt: now },
    ]);

    const customerIds: Record<string, string> = {};
    for (const c of CUSTOMERS) {
      const [row] = await tx.insert(accounts).values({
        accountName: c.accountName,
        mobile: c.mobile,
        email: `${c.accountName}@customer.example.com`,
        passwordHash,
        tenantName: c.accountName,
        name: c.name,
        cloudActivatedAt: now,
        cloudTermsVersion: '2025-01',
        realNameStatus: 'verified',
        realNameType: 'enterprise',
        enterpriseName: c.name,
        createdAt: now,
        updatedAt: now,
      }).returning();
      customerIds[c.accountName] = row!.id;
    }
    // Associations (客户关联), so 我的合作伙伴 shows a partner and its contacts; the customers module
    // (reporting, invitations, unbind) builds on these.
    await tx.insert(customerAssociations).values([
      { partnerId: sp, customerAccountId: customerIds['customer_a']!, associationType: 'resale', accountManagerId: memberIds['am_zhang'], associatedAt: now },
      { partnerId: sp, customerAccountId: customerIds['customer_b']!, associationType: 'consulting', accountManagerId: memberIds['am_li'], associatedAt: now },
      { partnerId: partnerIds['dist_admin']!, customerAccountId: customerIds['customer_c']!, associationType: 'consulting', associatedAt: now },
    ]);
    // Employees' personal accounts (individually real-name verified) to invite as project specialists.
    for (const [i, e] of EMPLOYEES.entries()) {
      await tx.insert(accounts).values({
        accountName: e.accountName,
        mobile: `+86-1360000000${i}`,
        email: `${e.accountName}@mail.example.com`,
        passwordHash,
        tenantName: e.accountName,
        name: e.name,
        cloudActivatedAt: now,
        realNameStatus: 'verified',
        realNameType: 'personal',
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const [i, l] of LIFECYCLE_COMPANIES.entries()) {
      const [row] = await tx
        .insert(accounts)
        .values({
          accountName: l.accountName,
          mobile: `+86-1350000010${i}`,
          email: `${l.accountName}@company.example.com`,
          passwordHash,
          tenantName: l.accountName,
          name: l.company,
          cloudActivatedAt: now,
          cloudTermsVersion: '2025-01',
          realNameStatus: 'verified',
          realNameType: 'enterprise',
          enterpriseName: l.company,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(realNameApplications).values({
        accountId: row!.id,
        companyName: l.company,
        uscc: l.uscc,
        legalRepresentative: '陈立',
        licenceFileId: '00000000-0000-4000-8000-000000000000',
        contactName: '陈立',
        contactMobile: row!.mobile,
        status: 'verified',
        createdAt: now,
        decidedAt: now,
      });
    }
    // A company that registered and activated but is not verified yet (its application is seeded as activity).
    await tx.insert(accounts).values({
      accountName: 'newco_admin',
      mobile: '+86-13500000001',
      email: 'newco_admin@newco.example.com',
      passwordHash,
      tenantName: 'newco_admin',
      name: '周新',
      cloudActivatedAt: now,
      cloudTermsVersion: '2025-01',
      createdAt: now,
      updatedAt: now,
    });
    return true;
  });
}

