import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { PASSWORD_RULES } from '../../platform/auth/password.js';
import { PARTNER_MENU, SEP, type MenuNode } from '../../platform/access/menus.js';
import type { Actor } from '../../platform/context.js';
import { eq } from 'drizzle-orm';
import * as accounts from './service.js';
import { partners } from '../partners/schema.js';
import { submitRealName, realNameStatus } from './real-name.js';

const Mobile = z.string().trim().regex(/^\+?[\d\s-]{6,20}$/, '手机号格式不正确 / invalid mobile number');
const Password = z.string().min(1).max(64);
const Code = z.string().trim().regex(/^\d{6}$/, '验证码为6位数字 / the code has 6 digits');

function cookieOpts(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

/** The partner navigation filtered by what the actor may see (a permission is a menu path). */
export function menusFor(actor: Actor): MenuNode[] {
  if (actor.kind !== 'partner') return [];
  const allowed = (path: string) => actor.isAdmin || actor.permissions.has(path);
  const filter = (nodes: MenuNode[], prefix: string[]): MenuNode[] =>
    nodes.flatMap((n) => {
      const here = [...prefix, n.zh];
      if (n.children?.length) {
        const kids = filter(n.children, here);
        return kids.length ? [{ ...n, children: kids }] : [];
      }
      return allowed(here.join(SEP)) ? [{ ...n }] : [];
    });
  return filter(PARTNER_MENU, []);
}

// Recursive through a getter (zod 4's way), named so OpenAPI gets one component for it.
const MenuNodeSchema = z
  .object({
    zh: z.string(),
    en: z.string(),
    route: z.string().optional(),
    get children(): z.ZodOptional<z.ZodArray<typeof MenuNodeSchema>> {
      return z.array(MenuNodeSchema).optional();
    },
  })
  .meta({ id: 'MenuNode' });

const ActorView = z.object({
  kind: z.enum(['anonymous', 'account', 'partner', 'staff']),
  displayName: z.string().nullable(),
  accountId: z.string().nullable(),
  partnerId: z.string().nullable(),
  memberId: z.string().nullable(),
  staffId: z.string().nullable(),
  isAdmin: z.boolean(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  /** The partner account's plans (partners.programs, kept by the programs module): the UI tells a
   *  distributor's or reseller's pages apart with it, whatever the member's permissions. */
  programs: z.array(z.string()),
});

function actorView(a: Actor): z.infer<typeof ActorView> {
  const base = { displayName: null, accountId: null, partnerId: null, memberId: null, staffId: null, isAdmin: false, roles: [], permissions: [], programs: [] };
  switch (a.kind) {
    case 'anonymous':
      return { ...base, kind: 'anonymous' };
    case 'account':
      return { ...base, kind: 'account', displayName: a.accountName, accountId: a.accountId };
    case 'partner':
      return {
        ...base,
        kind: 'partner',
        displayName: a.displayName,
        accountId: a.accountId,
        partnerId: a.partnerId,
        memberId: a.memberId,
        isAdmin: a.isAdmin,
        roles: [...a.roleKeys],
        permissions: [...a.permissions].sort(),
      };
    case 'staff':
      return { ...base, kind: 'staff', displayName: a.name, staffId: a.staffId, roles: [...a.roles] };
  }
}

const Ok = z.object({ ok: z.literal(true) });

export async function accountsRoutes(root: FastifyInstance, opts: { cookieSecure?: boolean }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const secure = opts.cookieSecure ?? false;

  app.get(
    '/api/auth/me',
    {
      config: { access: { actor: 'public' } },
      schema: {
        tags: ['auth'],
        response: {
          200: z.object({
            actor: ActorView,
            csrfToken: z.string().nullable(),
            menus: z.array(MenuNodeSchema),
            mustChangePassword: z.boolean(),
            lang: z.string(),
            passwordRules: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      let csrfToken: string | null = null;
      let mustChangePassword = false;
      if (ctx.sessionId) {
        const s = await accounts.sessionInfo(ctx);
        csrfToken = s.csrfToken;
        mustChangePassword = s.mustChangePassword;
      }
      const actor = actorView(ctx.actor);
      if (ctx.actor.kind === 'partner') {
        const [p] = await ctx.db.select({ programs: partners.programs }).from(partners).where(eq(partners.id, ctx.actor.partnerId));
        actor.programs = p?.programs ?? [];
      }
      return {
        actor,
        csrfToken,
        menus: menusFor(ctx.actor),
        mustChangePassword,
        lang: ctx.lang,
        passwordRules: PASSWORD_RULES.map((r) => ({ code: r.code, zh: r.text.zh, en: r.text.en })),
      };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z
          .object({
            portal: z.enum(['partner', 'customer', 'ops']),
            mode: z.enum(['account', 'member', 'staff']),
            identifier: z.string().trim().min(1).max(128),
            password: Password,
            tenant: z.string().trim().max(128).optional(),
          })
          .strict(),
        response: { 200: z.object({ csrfToken: z.string(), mustChangePassword: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const r = await accounts.login(req.ctx, req.body);
      reply.setCookie(SESSION_COOKIE, r.token, cookieOpts(secure));
      return { csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { actor: 'public' } }, schema: { tags: ['auth'], response: { 200: Ok } } },
    async (req, reply) => {
      await accounts.logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/register/code',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z.object({ mobile: Mobile, countryCode: z.string().regex(/^\+\d{1,3}$/).optional() }).strict(),
        response: { 200: z.object({ expiresAt: z.date() }) },
      },
    },
    async (req) => accounts.requestRegistrationCode(req.ctx, req.body),
  );

  app.post(
    '/api/auth/register',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z
          .object({
            countryRegion: z.string().trim().min(1).max(64).default('中国'),
            countryCode: z.string().regex(/^\+\d{1,3}$/).optional(),
            mobile: Mobile,
            code: Code,
            password: Password,
            confirmPassword: Password,
          })
          .strict(),
        response: { 201: z.object({ accountId: z.string(), accountName: z.string(), csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const r = await accounts.register(req.ctx, req.body);
      reply.setCookie(SESSION_COOKIE, r.session.token, cookieOpts(secure));
      return reply.code(201).send({ accountId: r.account.id, accountName: r.account.accountName, csrfToken: r.session.csrfToken });
    },
  );

  app.post(
    '/api/auth/activate-cloud',
    {
      config: { access: { actor: 'signed-in' } },
      schema: {
        tags: ['auth'],
        body: z.object({ accept: z.boolean() }).strict(),
        response: { 200: z.object({ activatedAt: z.date().nullable(), message: z.string() }) },
      },
    },
    async (req) => {
      const a = await accounts.activateCloud(req.ctx, req.body);
      return { activatedAt: a.cloudActivatedAt, message: req.ctx.lang === 'en-US' ? 'Activated. Welcome to Huawei Cloud' : '开通成功, 欢迎加入华为云' };
    },
  );

  app.post(
    '/api/auth/password/reset-code',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: z.object({ target: z.string().trim().min(3).max(128) }).strict(), response: { 200: z.object({ sent: z.boolean() }) } },
    },
    async (req) => accounts.requestResetCode(req.ctx, req.body),
  );

  app.post(
    '/api/auth/password/reset',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z.object({ target: z.string().trim().min(3).max(128), code: Code, password: Password, confirmPassword: Password }).strict(),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await accounts.resetPassword(req.ctx, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password/change',
    {
      config: { access: { actor: 'signed-in' } },
      schema: {
        tags: ['auth'],
        body: z.object({ oldPassword: Password, newPassword: Password, confirmPassword: Password }).strict(),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await accounts.changePassword(req.ctx, req.body);
      return { ok: true as const };
    },
  );

  const Profile = z.object({
    kind: z.enum(['account', 'member', 'staff']),
    accountName: z.string(),
    name: z.string(),
    mobile: z.string(),
    email: z.string(),
    language: z.enum(['zh-CN', 'en-US']),
    timeZone: z.string(),
    tenantName: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    realNameStatus: z.string().nullable(),
    verificationCodeRequired: z.boolean().nullable(),
    accountNameChangeable: z.boolean(),
  });

  app.get(
    '/api/profile',
    { config: { access: { actor: 'signed-in' } }, schema: { tags: ['profile'], response: { 200: Profile } } },
    async (req) => accounts.getProfile(req.ctx),
  );

  app.put(
    '/api/profile',
    {
      config: { access: { actor: 'signed-in' } },
      schema: {
        tags: ['profile'],
        body: z
          .object({
            language: z.enum(['zh-CN', 'en-US']).optional(),
            timeZone: z.string().max(64).optional(),
            name: z.string().trim().min(1).max(64).optional(),
            email: z.email().max(128).optional(),
            accountName: z.string().trim().regex(/^[A-Za-z][\w.-]{4,31}$/, '5–32位，字母开头，可含字母、数字、_ . - / 5–32 chars starting with a letter').optional(),
            verificationCodeRequired: z.boolean().optional(),
          })
          .strict(),
        response: { 200: Profile },
      },
    },
    async (req) => accounts.updateProfile(req.ctx, req.body),
  );

  app.get(
    '/api/profile/time-zones',
    { config: { access: { actor: 'public' } }, schema: { tags: ['profile'], response: { 200: z.object({ items: z.array(z.string()) }) } } },
    async () => ({ items: accounts.TIME_ZONES }),
  );

  const RealNameView = z.object({
    status: z.enum(['none', 'pending', 'verified', 'rejected']),
    type: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    application: z
      .object({
        id: z.string(),
        reviewId: z.string().nullable(),
        companyName: z.string(),
        uscc: z.string(),
        status: z.enum(['pending', 'verified', 'rejected', 'withdrawn']),
        rejectReason: z.string().nullable(),
        createdAt: z.date(),
        decidedAt: z.date().nullable(),
      })
      .nullable(),
  });

  app.get(
    '/api/real-name',
    { config: { access: { actor: 'signed-in' } }, schema: { tags: ['real-name'], response: { 200: RealNameView } } },
    async (req) => realNameStatus(req.ctx),
  );

  app.post(
    '/api/real-name',
    {
      config: { access: { actor: 'signed-in' } },
      schema: {
        tags: ['real-name'],
        body: z
          .object({
            companyName: z.string().trim().min(2).max(128),
            uscc: z.string().trim().length(18, '统一社会信用代码为18位 / 18 characters'),
            legalRepresentative: z.string().trim().min(1).max(64),
            licenceFileId: z.uuid(),
            contactName: z.string().trim().min(1).max(64),
            contactMobile: Mobile,
          })
          .strict(),
        response: { 201: RealNameView },
      },
    },
    async (req, reply) => {
      await submitRealName(req.ctx, req.body);
      return reply.code(201).send(await realNameStatus(req.ctx));
    },
  );
}
