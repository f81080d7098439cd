import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../platform/http.js';
import { HCPN_STATUSES } from './schema.js';
import { LIMITS, STAFF_SIZES } from './hcpn.js';
import * as hcpn from './hcpn.js';

/**
 * 加入华为云合作伙伴网络 (HCPN enrolment). The applicant is a Huawei account that is not yet a partner
 * (in the partner portal an account without a partner row is still an 'account' actor).
 */
const ACCOUNT: Access = { actor: 'account' };

const IdParams = z.object({ id: z.uuid() }).strict();
const Text = (max: number) => z.string().max(max);
const Amount = z.string().max(40); // exact decimal in 万元, checked by the service

const BusinessInfo = z
  .object({
    companyName: Text(LIMITS.text),
    uscc: Text(32),
    taxCode: Text(LIMITS.text),
    licenceFileId: z.uuid(),
    registeredCapital: Amount,
    foundedDate: Text(10),
    businessTermEnd: Text(10).nullable().optional(),
    businessTermLongTerm: z.boolean().optional(),
    licenceAddress: Text(LIMITS.text),
    legalPerson: Text(LIMITS.text),
    businessScope: Text(LIMITS.businessScope),
    postcode: Text(10).nullable().optional(),
    province: Text(LIMITS.text),
    city: Text(LIMITS.text),
    staffSize: z.enum(STAFF_SIZES),
    annualRevenue: Amount,
    logoFileId: z.uuid().nullable().optional(),
    website: Text(LIMITS.text).nullable().optional(),
    companyEmail: Text(LIMITS.text).nullable().optional(),
    intro: Text(LIMITS.intro),
  })
  .strict();

const Contact = z.object({ name: Text(64), mobile: Text(32), email: Text(128) }).strict();

const View = z.object({
  id: z.uuid(),
  status: z.enum(HCPN_STATUSES),
  statusName: z.string(),
  steps: z.object({ businessInfo: z.boolean(), contacts: z.boolean(), sensitiveRelation: z.boolean(), agreements: z.boolean() }),
  businessInfo: z
    .object({
      companyName: z.string(),
      uscc: z.string(),
      taxCode: z.string(),
      licenceFileId: z.string(),
      registeredCapital: z.string(),
      foundedDate: z.string(),
      businessTermEnd: z.string().nullable(),
      businessTermLongTerm: z.boolean(),
      licenceAddress: z.string(),
      legalPerson: z.string(),
      businessScope: z.string(),
      postcode: z.string().nullable(),
      province: z.string(),
      city: z.string(),
      staffSize: z.string(),
      annualRevenue: z.string(),
      logoFileId: z.string().nullable(),
      website: z.string().nullable(),
      companyEmail: z.string().nullable(),
      intro: z.string(),
    })
    .nullable(),
  contacts: z.array(z.object({ name: z.string(), mobile: z.string(), email: z.string() })),
  sensitiveRelation: z.enum(['declared', 'none']).nullable(),
  sensitiveRelationDetails: z.string().nullable(),
  agreements: z.array(z.object({ key: z.string(), version: z.string(), acceptedAt: z.string() })),
  reviewId: z.uuid().nullable(),
  rejectReason: z.string().nullable(),
  partnerId: z.uuid().nullable(),
  companyId: z.uuid().nullable(),
  linkedExistingCompany: z.boolean(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export async function partnersRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['hcpn'];

  app.get(
    '/api/hcpn/agreements',
    { config: { access: ACCOUNT }, schema: { tags, response: { 200: z.object({ items: z.array(z.object({ key: z.string(), version: z.string(), name: z.string() })) }) } } },
    async (req) => ({ items: hcpn.agreementCatalogue(req.ctx) }),
  );

  app.get(
    '/api/hcpn/application',
    { config: { access: ACCOUNT }, schema: { tags, response: { 200: z.object({ application: View.nullable() }) } } },
    async (req) => ({ application: await hcpn.myApplication(req.ctx) }),
  );

  // 欢迎入驻成为华为云合作伙伴: start the draft (or get the one already started)
  app.post(
    '/api/hcpn/applications',
    { config: { access: ACCOUNT }, schema: { tags, body: z.object({}).strict().optional(), response: { 200: View, 201: View } } },
    async (req, reply) => {
      const { created, application } = await hcpn.startApplication(req.ctx);
      return reply.code(created ? 201 : 200).send(application);
    },
  );

  app.get(
    '/api/hcpn/applications/:id',
    { config: { access: ACCOUNT }, schema: { tags, params: IdParams, response: { 200: View } } },
    async (req) => hcpn.getApplication(req.ctx, req.params.id),
  );

  // 1 填写商业信息
  app.put(
    '/api/hcpn/applications/:id/business-info',
    { config: { access: ACCOUNT }, schema: { tags, params: IdParams, body: BusinessInfo, response: { 200: View } } },
    async (req) => hcpn.saveBusinessInfo(req.ctx, req.params.id, req.body),
  );

  // 2 填写联系人信息
  app.put(
    '/api/hcpn/applications/:id/contacts',
    {
      config: { access: ACCOUNT },
      schema: { tags, params: IdParams, body: z.object({ contacts: z.array(Contact).max(LIMITS.contacts) }).strict(), response: { 200: View } },
    },
    async (req) => hcpn.saveContacts(req.ctx, req.params.id, req.body),
  );

  // 3 敏感关系申报: 申报 (declared) / 不涉及 (none)
  app.put(
    '/api/hcpn/applications/:id/sensitive-relationship',
    {
      config: { access: ACCOUNT },
      schema: {
        tags,
        params: IdParams,
        body: z.object({ choice: z.enum(['declared', 'none']), details: Text(LIMITS.sensitiveDetails).nullable().optional() }).strict(),
        response: { 200: View },
      },
    },
    async (req) => hcpn.saveSensitiveRelation(req.ctx, req.params.id, req.body),
  );

  // 4 签署协议
  app.put(
    '/api/hcpn/applications/:id/agreements',
    {
      config: { access: ACCOUNT },
      schema: {
        tags,
        params: IdParams,
        body: z.object({ accepted: z.array(z.object({ key: Text(64), version: Text(32) }).strict()).max(20) }).strict(),
        response: { 200: View },
      },
    },
    async (req) => hcpn.acceptAgreements(req.ctx, req.params.id, req.body),
  );

  // 提交认证
  app.post(
    '/api/hcpn/applications/:id/submit',
    {
      config: { access: ACCOUNT },
      schema: { tags, params: IdParams, body: z.object({}).strict().optional(), response: { 200: z.object({ outcome: z.enum(['joined', 'manual-review']), application: View }) } },
    },
    async (req) => hcpn.submitApplication(req.ctx, req.params.id),
  );
}
