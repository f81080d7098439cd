import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import * as org from './service.js';

/** 组织 > 组织成员: 人员管理 / 角色管理 / 客户联系人 (guide 5.1.1, spec 02 ops 13–21). Thin: parse, call the service. */

const access: Access = { actor: 'partner', permission: P.orgMembers };
const config = { access };
const tags = ['org'];

/** Form fields left empty arrive as "": treat them as absent. */
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalQuery = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

const Id = z.uuid();
const IdParams = z.object({ id: Id }).strict();
const AccountName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(org.ACCOUNT_NAME_RE, '账号名为1-64位字母、数字或 _ - . @ / letters, digits or _ - . @');
const PersonName = z.string().trim().min(1).max(64);
const Mobile = z.string().trim().regex(/^\+?[\d\s-]{5,20}$/, '手机号码格式不正确 / invalid mobile number');
const Email = z.string().trim().max(128).regex(org.EMAIL_RE, '电子邮箱格式不正确 / invalid e-mail address');
const Landline = z
  .string()
  .trim()
  .max(32)
  .regex(/^(\+?[\d\s()-]{3,32})?$/, '固定电话格式不正确 / invalid landline number')
  .nullable();
const Password = z.string().min(1).max(64);
const RoleIds = z.array(Id).max(16); // the 1–3 rule (R20) is the service's, with the guide's message

const RoleRef = z.object({ id: z.string(), name: z.string(), presetKey: z.string().nullable() });
const MemberView = z.object({
  id: z.string(),
  accountName: z.string(),
  name: z.string(),
  mobile: z.string(),
  email: z.string(),
  landline: z.string().nullable(),
  status: z.enum(['normal', 'locked']),
  roles: z.array(RoleRef),
  supervisor: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
const MemberDetail = MemberView.extend({
  mustChangePassword: z.boolean(),
  qualificationReviewPending: z.boolean(),
  lockedRoleIds: z.array(z.string()),
  managers: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
const RoleView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  preset: z.boolean(),
  presetKey: z.string().nullable(),
  permissions: z.array(z.string()),
  memberCount: z.number().int(),
  locked: z.boolean(),
});
// Recursive through a getter (zod 4's way), named so OpenAPI gets one component for it.
const PermissionNode = z
  .object({
    path: z.string(),
    title: z.string(),
    get children() {
      return z.array(PermissionNode).optional();
    },
  })
  .meta({ id: 'PermissionNode' });
const ContactView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  mobile: z.string(),
  email: z.string(),
  landline: z.string().nullable(),
  createdAt: z.string(),
});
const RoleName = z.string().trim().min(1).max(64);
const RoleDescription = z.string().trim().max(256).nullable();
const Permissions = z.array(z.string().trim().min(1).max(200)).max(500);
const Ok = z.object({ ok: z.literal(true) });

export async function orgRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ---- 人员管理 ----

  app.get(
    '/api/org/members',
    {
      config,
      schema: {
        tags,
        summary: '组织人员列表 (filters 角色 / 状态 / 姓名 / 账号名)',
        querystring: z
          .object({
            roleId: optionalQuery(Id),
            status: optionalQuery(z.enum(['normal', 'locked'])),
            name: optionalQuery(z.string().trim().max(64)),
            accountName: optionalQuery(z.string().trim().max(64)),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(10),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(MemberView), total: z.number().int() }) },
      },
    },
    async (req) => org.listMembers(req.ctx, req.query),
  );

  app.post(
    '/api/org/members',
    {
      config,
      schema: {
        tags,
        summary: '创建人员',
        body: z
          .object({
            accountName: AccountName,
            password: Password,
            confirmPassword: Password,
            name: PersonName,
            mobile: Mobile,
            email: Email,
            landline: Landline.optional(),
            roleIds: RoleIds,
            supervisorId: Id.nullable().optional(),
          })
          .strict(),
        response: { 201: MemberDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await org.createMember(req.ctx, req.body)),
  );

  app.get(
    '/api/org/members/:id',
    { config, schema: { tags, summary: '人员详情', params: IdParams, response: { 200: MemberDetail } } },
    async (req) => org.getMember(req.ctx, req.params.id),
  );

  app.patch(
    '/api/org/members/:id',
    {
      config,
      schema: {
        tags,
        summary: '修改个人信息 (账号名 is read-only: sending a different one is refused)',
        params: IdParams,
        body: z
          .object({
            accountName: z.string().max(64).optional(),
            name: PersonName.optional(),
            mobile: Mobile.optional(),
            email: Email.optional(),
            landline: Landline.optional(),
            status: z.enum(['normal', 'locked']).optional(),
          })
          .strict(),
        response: { 200: MemberDetail },
      },
    },
    async (req) => org.updateMember(req.ctx, req.params.id, req.body),
  );

  app.put(
    '/api/org/members/:id/roles',
    {
      config,
      schema: {
        tags,
        summary: '分配角色',
        params: IdParams,
        body: z.object({ roleIds: RoleIds, supervisorId: Id.nullable().optional() }).strict(),
        response: { 200: MemberDetail },
      },
    },
    async (req) => org.assignRoles(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/org/members/:id/reset-password',
    {
      config,
      schema: {
        tags,
        summary: '重置密码',
        params: IdParams,
        body: z.object({ password: Password, confirmPassword: Password }).strict(),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await org.resetMemberPassword(req.ctx, req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/org/members/:id',
    { config, schema: { tags, summary: '删除人员', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await org.deleteMember(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );

  // ---- 角色管理 ----

  app.get(
    '/api/org/roles',
    {
      config,
      schema: {
        tags,
        summary: '角色列表 (with memberId: which roles are locked for that member, R25)',
        querystring: z.object({ memberId: optionalQuery(Id) }).strict(),
        response: { 200: z.object({ items: z.array(RoleView), customLimit: z.number().int() }) },
      },
    },
    async (req) => org.listRoles(req.ctx, { memberId: req.query.memberId }),
  );

  app.get(
    '/api/org/permissions',
    {
      config,
      schema: {
        tags,
        summary: '权限树 (menu paths) and the default permissions',
        response: { 200: z.object({ tree: z.array(PermissionNode), defaults: z.array(z.string()) }) },
      },
    },
    async (req) => org.permissionTree(req.ctx),
  );

  app.post(
    '/api/org/roles',
    {
      config,
      schema: {
        tags,
        summary: '创建自定义角色',
        body: z.object({ name: RoleName, description: RoleDescription.optional(), permissions: Permissions }).strict(),
        response: { 201: RoleView },
      },
    },
    async (req, reply) => reply.code(201).send(await org.createRole(req.ctx, req.body)),
  );

  app.get(
    '/api/org/roles/:id',
    { config, schema: { tags, summary: '查看角色详情', params: IdParams, response: { 200: RoleView } } },
    async (req) => org.getRole(req.ctx, req.params.id),
  );

  app.patch(
    '/api/org/roles/:id',
    {
      config,
      schema: {
        tags,
        summary: '编辑角色 (custom roles only)',
        params: IdParams,
        body: z.object({ name: RoleName.optional(), description: RoleDescription.optional(), permissions: Permissions.optional() }).strict(),
        response: { 200: RoleView },
      },
    },
    async (req) => org.updateRole(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/org/roles/:id',
    { config, schema: { tags, summary: '删除角色 (人员数量 = 0 only)', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await org.deleteRole(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/org/roles/:id/members',
    {
      config,
      schema: {
        tags,
        summary: '角色人员',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), accountName: z.string(), name: z.string(), status: z.enum(['normal', 'locked']) })),
          }),
        },
      },
    },
    async (req) => org.roleMembers(req.ctx, req.params.id),
  );

  // ---- 客户联系人 ----

  const ContactBody = z
    .object({ name: PersonName, position: z.string().trim().min(1).max(64), mobile: Mobile, email: Email, landline: Landline.optional() })
    .strict();

  app.get(
    '/api/org/contacts',
    { config, schema: { tags, summary: '客户联系人列表', response: { 200: z.object({ items: z.array(ContactView), limit: z.number().int() }) } } },
    async (req) => org.listContacts(req.ctx),
  );

  app.post(
    '/api/org/contacts',
    { config, schema: { tags, summary: '创建客户联系人 (at most 5)', body: ContactBody, response: { 201: ContactView } } },
    async (req, reply) => reply.code(201).send(await org.createContact(req.ctx, req.body)),
  );

  app.patch(
    '/api/org/contacts/:id',
    { config, schema: { tags, summary: '修改客户联系人', params: IdParams, body: ContactBody.partial().strict(), response: { 200: ContactView } } },
    async (req) => org.updateContact(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/org/contacts/:id',
    { config, schema: { tags, summary: '删除客户联系人', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await org.deleteContact(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
}
