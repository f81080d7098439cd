import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { clock } from '../../../platform/clock.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { auditLog } from '../../../platform/audit/schema.js';
import { notifications } from '../../../platform/notify/schema.js';
import { makeMember, memberSession } from '../../../../test/fixtures.js';
import { partners } from '../schema.js';
import { call, company, sibling, world, type T } from './test-helpers.js';

let t: T;

beforeAll(async () => {
  ({ t } = await world());
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

const CODE = '/api/company/main-account/transfer/code';
const TRANSFER = '/api/company/main-account/transfer';

/** The latest code sent to an address (the demo inbox). */
async function codeSentTo(address: string): Promise<string> {
  const [n] = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.address, address), eq(notifications.template, 'verification-code')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return (n!.data as { code: string }).code;
}

async function isMain(partnerId: string) {
  const [p] = await t.database.db.select().from(partners).where(eq(partners.id, partnerId));
  return p!.isMainAccount;
}

describe('账号信息 (op 4)', () => {
  it('lists every account of the company with the main one marked, contact details masked', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const r = await call(t, other.session, 'GET', '/api/company/accounts');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    const main = r.body.items.find((a: { partnerId: string }) => a.partnerId === c.partner.id);
    expect(main).toMatchObject({ isMainAccount: true, mainLabel: '主账号', isCurrent: false });
    expect(main.mobile).toContain('****');
    expect(r.body.canTransfer).toBe(false);
    expect(r.body.transferNotice).toContain('转移后，当前账号将无法执行主账号相关操作');
    expect((await call(t, c.session, 'GET', '/api/company/accounts')).body.canTransfer).toBe(true);
  });
});

describe('转移主账号 (op 5, §3.2, R6–R7)', () => {
  it('R7: needs the code sent to the main account; R6: afterwards the old account loses main-account rights', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const body = { targetPartnerId: other.partner.id, channel: 'sms' as const };
    expect((await call(t, c.session, 'POST', TRANSFER, body)).status).toBe(400); // no code: the field is named
    const sent = await call(t, c.session, 'POST', CODE, body);
    expect(sent.status).toBe(200);
    expect(sent.body.channel).toBe('sms');
    const code = await codeSentTo(c.account.mobile);

    const wrong = await call(t, c.session, 'POST', TRANSFER, { ...body, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('code.invalid');
    expect(await isMain(c.partner.id)).toBe(true);

    const ok = await call(t, c.session, 'POST', TRANSFER, { ...body, code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mainPartnerId: other.partner.id, previousPartnerId: c.partner.id, message: '主账号转移成功' });
    expect(await isMain(c.partner.id)).toBe(false);
    expect(await isMain(other.partner.id)).toBe(true);
    // one code, one transfer
    expect((await call(t, other.session, 'POST', TRANSFER, { targetPartnerId: c.partner.id, channel: 'sms', code })).status).toBe(400);

    // the old main account can no longer manage the company's key information
    const change = await call(t, c.session, 'POST', '/api/company/info/changes', { details: { city: '苏州市' } });
    expect(change.status).toBe(403);
    expect((await call(t, other.session, 'POST', '/api/company/info/changes', { details: { city: '苏州市' } })).status).toBe(201);
    expect((await call(t, c.session, 'POST', CODE, { targetPartnerId: other.partner.id, channel: 'sms' })).status).toBe(403);
    const bi = await call(t, c.session, 'POST', '/api/business-info/applications', {});
    expect(bi.status).toBe(403);

    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'company.main-account.transferred'), eq(auditLog.objectId, c.company.id)));
    expect(entry!.after).toMatchObject({ mainPartnerId: other.partner.id, verifiedBy: 'sms' });
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.template, 'company.main-account-transferred'));
    expect(notes.filter((n) => n.recipientId === c.account.id || n.recipientId === other.account.id).length).toBe(2);
  });

  it('by e-mail as well; a code issued for one target does not transfer to another', async () => {
    const c = await company(t);
    const a = await sibling(t, c);
    const b = await sibling(t, c);
    await call(t, c.session, 'POST', CODE, { targetPartnerId: a.partner.id, channel: 'email' });
    const code = await codeSentTo(c.account.email!);
    const r = await call(t, c.session, 'POST', TRANSFER, { targetPartnerId: b.partner.id, channel: 'email', code });
    expect(r.status).toBe(400);
    expect(await isMain(c.partner.id)).toBe(true);
    const ok = await call(t, c.session, 'POST', TRANSFER, { targetPartnerId: a.partner.id, channel: 'email', code });
    expect(ok.status).toBe(200);
  });

  it('the target must be another account of the same company', async () => {
    const c = await company(t);
    const stranger = await company(t);
    for (const targetPartnerId of [stranger.partner.id, c.partner.id, '00000000-0000-4000-8000-000000000000']) {
      const r = await call(t, c.session, 'POST', CODE, { targetPartnerId, channel: 'sms' });
      expect(r.status).toBe(404);
      expect(Object.keys(r.body.fields)).toEqual(['targetPartnerId']);
    }
    expect((await call(t, c.session, 'POST', CODE, { targetPartnerId: stranger.partner.id, channel: 'fax' })).status).toBe(400);
  });

  it('only the main partner account itself: not another account, not an org member', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const r = await call(t, other.session, 'POST', CODE, { targetPartnerId: c.partner.id, channel: 'sms' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('company.main-account-only');
    const admin = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.systemAdmin]));
    expect((await call(t, admin, 'POST', CODE, { targetPartnerId: other.partner.id, channel: 'sms' })).status).toBe(403);
  });
});
