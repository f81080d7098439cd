import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeAccount } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { customerAssociations } from '../customers/schema.js';
import { capabilityApplications } from '../capabilities/schema.js';
import { validityEnd } from '../capabilities/rules.js';
import { SOLUTION_PROVIDER_CONDITIONS } from './eligibility.js';
import { call, fullApplication, makeWorld, partner, roleCertified, setAttributes, sibling, type PartnerFx, type T, type World } from './test-helpers.js';

let w: World;
let t: T;
beforeAll(async () => {
  w = await makeWorld();
  t = w.t;
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));

const eligibility = async (s: Parameters<typeof call>[1], program: string) => (await call(t, s, 'GET', `/api/programs/eligibility?program=${program}`)).body;
const unmetKeys = (e: { unmet: { key: string }[] }) => e.unmet.map((u) => u.key);

/** A partner that meets every solution-provider condition: an account of a company whose sibling is role certified. */
async function eligibleForSp() {
  const me = await partner(t);
  const sib = await sibling(t, me.p);
  await roleCertified(t, sib.p);
  return me;
}

async function associateAsCustomer(p: PartnerFx, ofPartnerId: string) {
  await t.database.db
    .insert(customerAssociations)
    .values({ partnerId: ofPartnerId, customerAccountId: p.account.id, associationType: 'resale', associatedAt: clock.now() });
}

describe('solution provider eligibility (R25: every numbered condition, in the guide’s words)', () => {
  it('an account meeting every condition is eligible and sees all 17 conditions numbered as the guide (no. 16 skipped)', async () => {
    const { s } = await eligibleForSp();
    const e = await eligibility(s, 'solution_provider');
    expect(e.eligible).toBe(true);
    expect(e.unmet).toEqual([]);
    expect(e.conditions.filter((c: { no: number | null }) => c.no !== null).map((c: { no: number }) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18]);
    expect(e.conditions[0].text.zh).toBe('该账号已经完成企业实名认证');
    expect(e.warnings.map((x: { zh: string }) => x.zh).join()).toContain('不再具备客户身份'); // R26
  });

  const cases: [string, (p: PartnerFx) => Promise<void>][] = [
    ['real-name', async (p) => void (await t.database.db.update(accounts).set({ realNameType: 'personal' }).where(eq(accounts.id, p.account.id)))],
    ['not-frozen', (p) => setAttributes(t, p, { freezeStatus: '公安冻结' })],
    ['no-special-contract', (p) => setAttributes(t, p, { specialCommercialContract: true })],
    ['not-sub-customer', async (p) => associateAsCustomer(p, (await partner(t)).p.partner.id)],
    ['not-enterprise-account', (p) => setAttributes(t, p, { enterpriseAccount: 'sub' })],
    ['no-arrears', (p) => setAttributes(t, p, { rechargeBalance: '0.01' })],
    ['no-open-resources', (p) => setAttributes(t, p, { openResources: 2 })],
    ['no-invoiceable-amount', (p) => setAttributes(t, p, { invoiceableAmount: '120.00' })],
    ['no-postpaid', (p) => setAttributes(t, p, { postpaid: true })],
    [
      'company-not-joined',
      async (p) => {
        const other = await sibling(t, p);
        await t.database.db.update(partners).set({ programs: ['solution_provider'] }).where(eq(partners.id, other.p.partner.id));
      },
    ],
    ['huawei-account', (p) => setAttributes(t, p, { accountType: 'huawei_cloud' })],
    [
      'contact-not-used',
      async (p) => {
        // another account bound to the same mailbox (different letter case) is in the plan
        const other = await partner(t, { programs: ['solution_provider'] });
        await t.database.db.update(accounts).set({ email: p.account.email!.toUpperCase() }).where(eq(accounts.id, other.p.account.id));
      },
    ],
    ['email-bound', async (p) => void (await t.database.db.update(accounts).set({ email: null }).where(eq(accounts.id, p.account.id)))],
    ['not-path-partner', async (p) => void (await t.database.db.update(partners).set({ paths: ['software'] }).where(eq(partners.id, p.partner.id)))],
    ['not-distribution', async (p) => void (await t.database.db.update(partners).set({ programs: ['reseller'] }).where(eq(partners.id, p.partner.id)))],
  ];
  for (const [key, breakIt] of cases) {
    const def = SOLUTION_PROVIDER_CONDITIONS.find((c) => c.key === key)!;
    it(`condition ${def.no}) ${def.text.zh}: unmet is shown under 查看原因`, async () => {
      const { p, s } = await eligibleForSp();
      await breakIt(p);
      const e = await eligibility(s, 'solution_provider');
      expect(e.eligible).toBe(false);
      expect(unmetKeys(e)).toContain(key);
      const u = e.unmet.find((x: { key: string }) => x.key === key);
      expect(u.text.zh).toBe(def.text.zh);
      expect(u.no).toBe(def.no);
    });
  }

  it('condition 2) a 合作伙伴冻结 (partner freeze) does not block', async () => {
    const { p, s } = await eligibleForSp();
    await setAttributes(t, p, { freezeStatus: '合作伙伴冻结' });
    expect(unmetKeys(await eligibility(s, 'solution_provider'))).toEqual([]);
  });

  it('condition 17) needs another account of the company with role certification; the account’s own does not count', async () => {
    const { p, s } = await partner(t);
    expect(unmetKeys(await eligibility(s, 'solution_provider'))).toEqual(['sibling-role-certified']);
    const sib = await sibling(t, p, ['service']); // on the path but only 选择角色
    expect(unmetKeys(await eligibility(s, 'solution_provider'))).toEqual(['sibling-role-certified']);
    await roleCertified(t, sib.p);
    expect(unmetKeys(await eligibility(s, 'solution_provider'))).toEqual([]);
  });

  it('refuses 提交申请 while a condition is unmet, with every reason in the error details, and writes nothing under review', async () => {
    const { p, s } = await partner(t); // no role-certified sibling
    await setAttributes(t, p, { openResources: 1 });
    const body = await fullApplication(t, p, 'solution_provider');
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...body, submit: true });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.not-eligible');
    expect(r.body.params.reasons.map((x: { key: string }) => x.key)).toEqual(['no-open-resources', 'sibling-role-certified']);
    expect(r.body.params.reasons[0].text.zh).toBe('该账号下没有未关闭的资源');
    const list = await call(t, s, 'GET', '/api/programs/applications');
    expect(list.body.items).toEqual([]); // the whole request rolled back
  });

  it('the catalogue card carries the same eligibility (查看原因)', async () => {
    const { s } = await partner(t);
    const cards = (await call(t, s, 'GET', '/api/programs')).body.items;
    const sp = cards.find((c: { program: string }) => c.program === 'solution_provider');
    expect(sp.eligibility.eligible).toBe(false);
    expect(unmetKeys(sp.eligibility)).toEqual(['sibling-role-certified']);
  });
});

describe('distributor eligibility (R8, R30, L2090)', () => {
  it('is by invitation only, then blocked by each of the reasons the guide lists', async () => {
    const { p, s } = await partner(t);
    let e = await eligibility(s, 'distributor');
    expect(unmetKeys(e)).toEqual(['invited']);
    const inv = await call(t, w.manager, 'POST', '/api/ops/programs/invitations', { account: p.account.accountName, program: 'distributor' });
    expect(inv.status).toBe(201);
    expect((await eligibility(s, 'distributor')).eligible).toBe(true);

    const reasons: [string, () => Promise<unknown>, string][] = [
      ['no-open-resources', () => setAttributes(t, p, { openResources: 1 }), '您的账号有未关闭资源，请您前往控制台关闭资源'],
      ['not-frozen', () => setAttributes(t, p, { freezeStatus: '合作伙伴冻结' }), '您的账号已冻结'], // any freeze blocks here
      ['no-arrears', () => setAttributes(t, p, { arrears: '5' }), '您的账号已欠费，您可以充值还清欠费'],
      ['not-enterprise-account', () => setAttributes(t, p, { enterpriseAccount: 'master' }), '您的账号已经成为企业主账号或企业子账号'],
      ['no-credit-account', () => setAttributes(t, p, { creditAccount: true }), '您的账号有信用账户'],
      ['not-solution-provider', () => t.database.db.update(partners).set({ programs: ['solution_provider'] }).where(eq(partners.id, p.partner.id)), '您的账号已加入或正在加入解决方案提供商计划'],
    ];
    for (const [key, breakIt, zh] of reasons) {
      await setAttributes(t, p, {});
      await t.database.db.update(partners).set({ programs: [] }).where(eq(partners.id, p.partner.id));
      await breakIt();
      e = await eligibility(s, 'distributor');
      expect(unmetKeys(e), key).toEqual([key]);
      expect(e.unmet[0].text.zh).toBe(zh);
    }
  });

  it('a sub-customer of another distributor is refused; of a non-distributor partner it is not', async () => {
    const { p, s } = await partner(t, { paths: ['distributor'] }); // the invite-only distributor path counts as the invitation
    expect((await eligibility(s, 'distributor')).eligible).toBe(true);
    const other = await partner(t, { programs: ['distributor'] });
    await associateAsCustomer(p, other.p.partner.id);
    expect(unmetKeys(await eligibility(s, 'distributor'))).toEqual(['not-sub-customer-of-distributor']);
  });
});

describe('reseller eligibility (R36)', () => {
  it('a fresh enterprise account is eligible; it is warned that unused vouchers become invalid', async () => {
    const { p, s } = await partner(t);
    expect((await eligibility(s, 'reseller')).eligible).toBe(true);
    await setAttributes(t, p, { unusedCoupons: 2 });
    const e = await eligibility(s, 'reseller');
    expect(e.eligible).toBe(true);
    expect(e.warnings.map((x: { zh: string }) => x.zh).join()).toContain('代金券，折扣券或者储值卡');
  });

  const cases: [string, (p: PartnerFx) => Promise<unknown>][] = [
    ['real-name', (p) => t.database.db.update(accounts).set({ realNameStatus: 'pending' }).where(eq(accounts.id, p.account.id))],
    ['not-frozen', (p) => setAttributes(t, p, { freezeStatus: '欠费冻结' })],
    ['no-tier1-distributor', (p) => setAttributes(t, p, { linkedTier1Distributor: true })],
    ['not-partner', (p) => t.database.db.update(partners).set({ paths: ['service'] }).where(eq(partners.id, p.partner.id))],
    ['not-enterprise-account', (p) => setAttributes(t, p, { enterpriseAccount: 'master' })],
    ['no-open-resources', (p) => setAttributes(t, p, { openResources: 3 })],
    ['no-arrears', (p) => setAttributes(t, p, { arrears: '1.00' })],
    ['no-invoiceable-amount', (p) => setAttributes(t, p, { invoiceableAmount: 9 })],
    ['no-postpaid', (p) => setAttributes(t, p, { postpaid: true })],
    ['no-designated-contract', (p) => setAttributes(t, p, { designatedContracts: ['线下直签合同'] })],
    ['not-tier1-customer', async (p) => associateAsCustomer(p, (await partner(t, { programs: ['distributor'] })).p.partner.id)],
  ];
  for (const [key, breakIt] of cases) {
    it(`refuses when: ${key}`, async () => {
      const { p, s } = await partner(t);
      await breakIt(p);
      expect(unmetKeys(await eligibility(s, 'reseller'))).toEqual([key]);
    });
  }

  it('after applying for the reseller plan the account cannot apply for any other plan (L2214)', async () => {
    const { p, s } = await partner(t);
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'reseller')), submit: true });
    expect(r.status).toBe(201);
    for (const program of ['pce', 'solution_provider', 'marketplace_merchant']) expect(unmetKeys(await eligibility(s, program))).toContain('reseller-applied');
    const pce = await call(t, s, 'POST', '/api/programs/pce/join', { agreements: [{ key: 'pce-commitment', version: '2025.1' }] });
    expect(pce.status).toBe(409);
    expect(pce.body.params.reasons[0].text.zh).toBe('企业客户申请加入云经销商计划后无法再申请加入其他任何伙伴计划');
  });
});

describe('marketplace CSP and service capability plan (R38, R39)', () => {
  it('the CSP plan needs the software, service or SI path', async () => {
    const { p, s } = await partner(t);
    expect(unmetKeys(await eligibility(s, 'marketplace_csp'))).toEqual(['on-path']);
    await t.database.db.update(partners).set({ paths: ['si'] }).where(eq(partners.id, p.partner.id));
    expect((await eligibility(s, 'marketplace_csp')).eligible).toBe(true);
  });

  it('the service capability plan needs 角色认证 on the service path and an in-scope level-1 label obtained this year', async () => {
    const { p, s } = await partner(t);
    expect(unmetKeys(await eligibility(s, 'service_capability'))).toEqual(['service-role-certified', 'scope-label']);
    await roleCertified(t, p);
    expect(unmetKeys(await eligibility(s, 'service_capability'))).toEqual(['scope-label']);
    const label = async (level1Label: string, passedAt: Date) =>
      t.database.db.insert(capabilityApplications).values({
        partnerId: p.partner.id,
        level1Label,
        level2Results: { [`${level1Label}.core`]: 'passed' },
        formFileId: p.partner.id,
        evidenceFileId: p.partner.id,
        status: 'passed',
        appliedAt: passedAt,
        passedAt,
        validFrom: passedAt,
        validTo: validityEnd(passedAt),
        createdAt: passedAt,
        updatedAt: passedAt,
      });
    await label('cloud-migration', clock.now()); // 上云实施规划: overseas only, a China-site partner does not count it
    await label('database', new Date('2025-06-01T00:00:00Z')); // in scope, but obtained last year
    expect(unmetKeys(await eligibility(s, 'service_capability'))).toEqual(['scope-label']);
    await label('data-warehouse', clock.now()); // 仅限中国区, this year
    expect((await eligibility(s, 'service_capability')).eligible).toBe(true);
    const joined = await call(t, s, 'POST', '/api/programs/service-capability/join', { confirm: true });
    expect(joined.status).toBe(201);
    expect(joined.body.message.zh).toBe('您已成功加入服务伙伴能力提升专项计划');
    expect(joined.body.membership.status).toBe('active');
  });

  it('the service capability plan refuses without the confirmation and while conditions are unmet', async () => {
    const { s } = await partner(t);
    const r = await call(t, s, 'POST', '/api/programs/service-capability/join', { confirm: true });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.not-eligible');
  });
});

describe('plain accounts', () => {
  it('an account that is not a partner has no access to the plans', async () => {
    const a = await makeAccount(t.database);
    const { accountSession } = await import('../../../test/fixtures.js');
    const r = await call(t, await accountSession(t.database, a, 'partner'), 'GET', '/api/programs');
    expect(r.status).toBe(403);
  });
});
