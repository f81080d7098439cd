import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, STAFF_ROLES } from '../../../platform/access/index.js';
import type { Access } from '../../../platform/http.js';
import * as svc from './service.js';
import {
  CERTIFICATE_TYPES,
  DEPLOYMENT_MODE_KEYS,
  INVITATION_STATUSES,
  INVITES_PER_SEND,
  SPECIALIST_PATH_KEYS,
  SPECIALIST_STATUSES,
  TARGET_TYPES,
} from './statuses.js';

const ADMIN: Access = { actor: 'partner', permission: P.orgSpecialists };
const EMPLOYEE: Access = { actor: 'account' };
const VENDOR: Access = { actor: 'staff', roles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] };

// ---------------------------------------------------------------------------------------------
// Views

const InvitationStatus = z.enum(INVITATION_STATUSES);
const SpecialistStatus = z.enum(SPECIALIST_STATUSES);
const DateOnly = z.iso.date();

const MemberInfo = z.object({ accountId: z.uuid(), accountName: z.string(), name: z.string().nullable(), mobile: z.string(), email: z.string().nullable() });

const InvitationView = z.object({
  id: z.uuid(),
  targetType: z.enum(TARGET_TYPES),
  targetValue: z.string(),
  status: InvitationStatus,
  statusName: z.string(),
  invitedAt: z.string(),
  expiresAt: z.string(),
  boundAt: z.string().nullable(),
  unboundAt: z.string().nullable(),
  applyRejectReason: z.string().nullable(),
  member: MemberInfo.nullable(),
  specialist: z.object({ id: z.uuid(), status: SpecialistStatus, statusName: z.string() }).nullable(),
  applicationId: z.uuid().nullable(),
});

const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const Candidate = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  name: z.string().nullable(),
  mobile: z.string(),
  email: z.string().nullable(),
});

const CheckResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  code: z.string().nullable(),
  accountId: z.uuid().optional(),
  candidates: z.array(Candidate).optional(),
});

const EmploymentView = z.object({
  employer: z.string().nullable(),
  workBase: z.string().nullable(),
  proofFileId: z.uuid().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  workBaseLocked: z.boolean(),
});

const ProjectView = z.object({
  id: z.uuid(),
  name: z.string(),
  deliveryStart: z.string(),
  deliveryEnd: z.string(),
  role: z.string(),
  source: z.enum(['member', 'vendor']),
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const CertificateView = z.object({
  id: z.uuid(),
  type: z.enum(Object.keys(CERTIFICATE_TYPES) as [keyof typeof CERTIFICATE_TYPES]),
  typeName: z.string(),
  source: z.enum(['member', 'sync']),
  name: z.string(),
  number: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fileId: z.uuid().nullable(),
  status: z.string(),
  statusName: z.string(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const TrainingView = z.object({
  id: z.uuid(),
  kind: z.string(),
  name: z.string(),
  result: z.string().nullable(),
  score: z.number().nullable(),
  completedAt: z.string(),
  syncedAt: z.string(),
});

const QualificationView = z.object({
  member: MemberInfo,
  employment: EmploymentView.nullable(),
  certificates: z.array(CertificateView),
  trainings: z.array(TrainingView),
  projects: z.array(ProjectView),
});

const SpecialistView = z.object({
  id: z.uuid(),
  invitationId: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  name: z.string().nullable(),
  mobile: z.string(),
  email: z.string().nullable(),
  path: z.enum(SPECIALIST_PATH_KEYS),
  pathName: z.string(),
  deploymentMode: z.enum(DEPLOYMENT_MODE_KEYS).nullable(),
  deploymentModeName: z.string().nullable(),
  workBase: z.string().nullable(),
  status: SpecialistStatus,
  statusName: z.string(),
  approvedAt: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  updatedAt: z.string(),
  cancelReason: z.string().nullable(),
  cancelRejectReason: z.string().nullable(),
  cancelApplicationId: z.uuid().nullable(),
});

const DashboardView = z.object({
  from: z.string(),
  to: z.string(),
  trend: z.array(z.object({ date: z.string(), binds: z.number().int(), unbinds: z.number().int() })),
  invitationCounts: z.array(z.object({ status: InvitationStatus, statusName: z.string(), count: z.number().int() })),
  specialistCounts: z.array(z.object({ status: SpecialistStatus, statusName: z.string(), count: z.number().int() })),
  regions: z.array(z.object({ workBase: z.string(), count: z.number().int() })),
});

const MyInvitationView = z.object({
  id: z.uuid(),
  partnerName: z.string(),
  status: InvitationStatus,
  statusName: z.string(),
  invitedAt: z.string(),
  expiresAt: z.string(),
  boundAt: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Inputs

const IdParams = z.object({ id: z.uuid() }).strict();
const Target = z
  .object({ type: z.enum(TARGET_TYPES), value: z.string().trim().min(1).max(128), accountId: z.uuid().optional() })
  .strict();
const Targets = z.array(Target).min(1).max(INVITES_PER_SEND);
const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
};
const FileIds = z.array(z.uuid()).max(50);
const ProjectBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    deliveryStart: DateOnly,
    deliveryEnd: DateOnly,
    role: z.string().trim().min(1).max(100),
  })
  .strict();
const CertificateBody = z
  .object({
    type: z.enum(Object.keys(CERTIFICATE_TYPES) as [keyof typeof CERTIFICATE_TYPES]),
    name: z.string().trim().min(1).max(200),
    number: z.string().trim().min(1).max(100),
    validFrom: DateOnly,
    validTo: DateOnly,
    fileId: z.uuid(),
  })
  .strict();

/** 组织 > 项目专员 (guide 5.2): invitations, specialists, and the employee's own qualification records. */
export async function specialistsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['org: project specialists'];

  // ---- invitations (邀请列表) ----

  app.get(
    '/api/org/invitations',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        querystring: z.object({ status: InvitationStatus.optional(), ...Paging }).strict(),
        response: { 200: pageOf(InvitationView) },
      },
    },
    async (req) => svc.listInvitations(req.ctx, req.query),
  );

  app.get(
    '/api/org/invitations/quota',
    { config: { access: ADMIN }, schema: { tags, response: { 200: z.object({ remainingToday: z.number().int() }) } } },
    async (req) => svc.invitationQuota(req.ctx),
  );

  app.post(
    '/api/org/invitations/check',
    {
      config: { access: ADMIN },
      schema: { tags, body: z.object({ targets: Targets }).strict(), response: { 200: z.object({ results: z.array(CheckResult) }) } },
    },
    async (req) => svc.checkInvitationTargets(req.ctx, req.body),
  );

  app.post(
    '/api/org/invitations',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        body: z.object({ targets: Targets, commitment: z.boolean() }).strict(),
        response: { 201: z.object({ invitations: z.array(InvitationView) }) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.sendInvitations(req.ctx, req.body)),
  );

  app.post(
    '/api/org/invitations/:id/resend',
    { config: { access: ADMIN }, schema: { tags, params: IdParams, response: { 200: InvitationView } } },
    async (req) => svc.resendInvitation(req.ctx, req.params.id),
  );

  app.post(
    '/api/org/invitations/:id/unbind',
    { config: { access: ADMIN }, schema: { tags, params: IdParams, response: { 200: InvitationView } } },
    async (req) => svc.unbindMember(req.ctx, req.params.id),
  );

  app.get(
    '/api/org/invitations/:id/qualification',
    { config: { access: ADMIN }, schema: { tags, params: IdParams, response: { 200: QualificationView } } },
    async (req) => svc.memberQualification(req.ctx, req.params.id),
  );

  app.put(
    '/api/org/invitations/:id/work-base',
    {
      config: { access: ADMIN },
      schema: { tags, params: IdParams, body: z.object({ workBase: z.string().max(100) }).strict(), response: { 200: EmploymentView } },
    },
    async (req) => svc.updateMemberWorkBase(req.ctx, req.params.id, req.body),
  );

  // ---- specialists (项目专员列表) ----

  app.get(
    '/api/org/specialists',
    {
      config: { access: ADMIN },
      schema: { tags, querystring: z.object({ status: SpecialistStatus.optional(), ...Paging }).strict(), response: { 200: pageOf(SpecialistView) } },
    },
    async (req) => svc.listSpecialists(req.ctx, req.query),
  );

  app.get(
    '/api/org/specialists/dashboard',
    {
      config: { access: ADMIN },
      schema: { tags, querystring: z.object({ from: DateOnly.optional(), to: DateOnly.optional() }).strict(), response: { 200: DashboardView } },
    },
    async (req) => svc.specialistDashboard(req.ctx, req.query),
  );

  app.post(
    '/api/org/specialists/apply',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        body: z
          .object({
            invitationIds: z.array(z.uuid()).min(1).max(100),
            path: z.enum(SPECIALIST_PATH_KEYS),
            materialFileIds: FileIds,
            deploymentMode: z.enum(DEPLOYMENT_MODE_KEYS).nullish(),
            workBase: z.string().max(100).nullish(),
          })
          .strict(),
        response: {
          201: z.object({
            results: z.array(z.object({ invitationId: z.uuid(), applicationId: z.uuid(), status: InvitationStatus, statusName: z.string() })),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.applyForSpecialists(req.ctx, req.body)),
  );

  app.post(
    '/api/org/specialists/applications/:invitationId/withdraw',
    {
      config: { access: ADMIN },
      schema: { tags, params: z.object({ invitationId: z.uuid() }).strict(), response: { 200: InvitationView } },
    },
    async (req) => svc.withdrawSpecialistApplication(req.ctx, req.params.invitationId),
  );

  app.post(
    '/api/org/specialists/:id/cancel',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        params: IdParams,
        body: z.object({ reason: z.string().max(2000), fileIds: FileIds.default([]) }).strict(),
        response: { 200: SpecialistView },
      },
    },
    async (req) => svc.requestSpecialistCancel(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/org/specialists/:id/revoke-cancel',
    { config: { access: ADMIN }, schema: { tags, params: IdParams, response: { 200: SpecialistView } } },
    async (req) => svc.revokeSpecialistCancel(req.ctx, req.params.id),
  );

  app.post(
    '/api/ops/specialists/:id/vendor-cancel',
    {
      config: { access: VENDOR },
      schema: { tags, params: IdParams, body: z.object({ reason: z.string().max(2000) }).strict(), response: { 200: SpecialistView } },
    },
    async (req) => svc.vendorCancelSpecialist(req.ctx, req.params.id, req.body),
  );

  // ---- the employee's personal account (5.2.2) ----

  app.get(
    '/api/me/invitations',
    { config: { access: EMPLOYEE }, schema: { tags, response: { 200: z.object({ items: z.array(MyInvitationView) }) } } },
    async (req) => ({ items: await svc.listMyInvitations(req.ctx) }),
  );

  app.post(
    '/api/me/invitations/:id/accept',
    {
      config: { access: EMPLOYEE },
      schema: { tags, params: IdParams, body: z.object({ agree: z.boolean() }).strict(), response: { 200: MyInvitationView } },
    },
    async (req) => svc.acceptInvitation(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/me/qualifications/employment',
    { config: { access: EMPLOYEE }, schema: { tags, response: { 200: z.object({ employment: EmploymentView.nullable() }) } } },
    async (req) => ({ employment: await svc.getMyEmployment(req.ctx) }),
  );

  app.put(
    '/api/me/qualifications/employment',
    {
      config: { access: EMPLOYEE },
      schema: {
        tags,
        body: z.object({ employer: z.string().max(200), workBase: z.string().max(100), proofFileId: z.uuid() }).strict(),
        response: { 200: EmploymentView },
      },
    },
    async (req) => svc.saveMyEmployment(req.ctx, req.body),
  );

  app.get(
    '/api/me/qualifications/projects',
    { config: { access: EMPLOYEE }, schema: { tags, response: { 200: z.object({ items: z.array(ProjectView) }) } } },
    async (req) => ({ items: await svc.listMyProjects(req.ctx) }),
  );

  app.post(
    '/api/me/qualifications/projects',
    { config: { access: EMPLOYEE }, schema: { tags, body: ProjectBody, response: { 201: ProjectView } } },
    async (req, reply) => reply.code(201).send(await svc.addMyProject(req.ctx, req.body)),
  );

  // Not in the route list of the brief, but the guide lets members modify their own records (L4018).
  app.patch(
    '/api/me/qualifications/projects/:id',
    { config: { access: EMPLOYEE }, schema: { tags, params: IdParams, body: ProjectBody, response: { 200: ProjectView } } },
    async (req) => svc.updateMyProject(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/me/qualifications/projects/:id',
    { config: { access: EMPLOYEE }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await svc.deleteMyProject(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/qualifications/certificates',
    { config: { access: EMPLOYEE }, schema: { tags, response: { 200: z.object({ items: z.array(CertificateView) }) } } },
    async (req) => ({ items: await svc.listMyCertificates(req.ctx) }),
  );

  app.post(
    '/api/me/qualifications/certificates',
    { config: { access: EMPLOYEE }, schema: { tags, body: CertificateBody, response: { 201: CertificateView } } },
    async (req, reply) => reply.code(201).send(await svc.addMyCertificate(req.ctx, req.body)),
  );

  app.patch(
    '/api/me/qualifications/certificates/:id',
    {
      config: { access: EMPLOYEE },
      schema: { tags, params: IdParams, body: CertificateBody.partial().strict(), response: { 200: CertificateView } },
    },
    async (req) => svc.updateMyCertificate(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/me/qualifications/trainings',
    { config: { access: EMPLOYEE }, schema: { tags, response: { 200: z.object({ items: z.array(TrainingView) }) } } },
    async (req) => ({ items: await svc.listMyTrainings(req.ctx) }),
  );
}
