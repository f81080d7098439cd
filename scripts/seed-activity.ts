import { eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/index.js';
import type { Deps } from '../src/platform/deps.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { ALL_PERMISSIONS } from '../src/platform/access/index.js';
import { saveUpload } from '../src/platform/files/index.js';
import { approve, listQueue } from '../src/platform/review/index.js';
import { accounts, staffUsers } from '../src/modules/accounts/schema.js';
import { partners } from '../src/modules/partners/schema.js';
import { submitRealName } from '../src/modules/accounts/real-name.js';
import * as specialists from '../src/modules/org/specialists/service.js';
import { seedLifecycle } from './seed-lifecycle.js';
import { seedCatalogue } from '../src/modules/cloud/catalogue.js';
import { seedCustomers } from './seed-customers.js';
import { seedCloud } from './seed-cloud.js';

/**
 * The demo world's activity, made through the services themselves (so every row is in a state
 * the product can reach): invitations in several states, a project specialist 正常 and one under
 * review, a real-name verification waiting in the ops queue. Runs once, right after seedDemoWorld.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function seedDemoActivity(db: Db, deps: Deps): Promise<void> {
  const ctxAs = (actor: Actor): Ctx => ({ db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'seed', deps });
  const acct = async (name: string) => (await db.select().from(accounts).where(eq(accounts.accountName, name)))[0]!;
  const asAccount = async (name: string) => {
    const a = await acct(name);
    return ctxAs({ kind: 'account', accountId: a.id, accountName: a.accountName });
  };
  const spAccount = await acct('sp_admin');
  const [sp] = await db.select().from(partners).where(eq(partners.accountId, spAccount.id));
  const admin = ctxAs({
    kind: 'partner',
    partnerId: sp!.id,
    accountId: spAccount.id,
    memberId: null,
    displayName: sp!.displayName,
    isAdmin: true,
    permissions: ALL_PERMISSIONS,
    roleKeys: new Set(),
  });
  const [reviewer] = await db.select().from(staffUsers).where(eq(staffUsers.username, 'reviewer'));
  const staff = ctxAs({ kind: 'staff', staffId: reviewer!.id, name: reviewer!.name, roles: new Set(reviewer!.roles) });

  const employees = [
    { name: 'employee_zhao', workBase: '北京市' },
    { name: 'employee_qian', workBase: '上海市' },
    { name: 'employee_sun', workBase: '广东省深圳市' },
    { name: 'employee_li', workBase: '四川省成都市' },
  ];
  // Invitations (项目专员 > 邀请列表): zhao and qian invited (已邀请), sun and li accept (已绑定).
  await specialists.sendInvitations(admin, {
    targets: employees.map((e) => ({ type: 'accountName' as const, value: e.name })),
    commitment: true,
  });
  for (const name of ['employee_sun', 'employee_li']) {
    const ctx = await asAccount(name);
    const [inv] = await specialists.listMyInvitations(ctx);
    await specialists.acceptInvitation(ctx, inv!.id, { agree: true });
  }

  // Employment info (就职信息) of the linked employees, with a proof file each.
  for (const e of employees.filter((x) => x.name === 'employee_sun' || x.name === 'employee_li')) {
    const ctx = await asAccount(e.name);
    const proof = await saveUpload(ctx, { purpose: 'employment-proof', filename: '在职证明.pdf', buffer: PDF });
    await specialists.saveMyEmployment(ctx, { employer: sp!.displayName, workBase: e.workBase, proofFileId: proof.id });
  }

  // Both apply as service-path specialists; the vendor approves sun (正常); li stays 申请专员审核中.
  const material = await saveUpload(admin, { purpose: 'specialist-material', filename: '专员审核材料.pdf', buffer: PDF });
  const bound = await specialists.listInvitations(admin, { status: 'bound', page: 1, pageSize: 20 });
  const ids = bound.items.map((i) => i.id);
  await specialists.applyForSpecialists(admin, { invitationIds: ids, path: 'service', materialFileIds: [material.id], deploymentMode: 'nationwide' });
  const queue = await listQueue(deps.reviews, staff, { kind: 'org.specialist-apply', status: 'in_review' });
  const sun = await acct('employee_sun');
  const sunApp = queue.items.find((a) => a.summary?.includes(sun.name!));
  if (sunApp) await approve(deps.reviews, staff, sunApp.id, { comment: '材料齐全，同意' });

  // A newly registered company waiting for enterprise real-name verification (实名认证) in the ops queue.
  const newco = await asAccount('newco_admin');
  const licence = await saveUpload(newco, { purpose: 'real-name-licence', filename: '营业执照.pdf', buffer: PDF });
  await submitRealName(newco, {
    companyName: '新锐智能科技有限公司',
    uscc: '91330100MA2H3J4K5L',
    legalRepresentative: '周新',
    licenceFileId: licence.id,
    contactName: '周新',
    contactMobile: '13800009999',
  });

  // the cloud catalogue (ECS, EVS, OBS, CDN, bandwidth, RDS, DDoS防护 … with the 95-peak products)
  await seedCatalogue(db);
  await seedLifecycle(db, deps);
  await seedCustomers(db, deps);
  await seedCloud(db, deps); // issue 5: orders, 伙伴支付, 按需 usage and fees
}
