import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../context.js';
import type { Access } from '../http.js';
import { forbidden } from '../errors.js';
import { REVIEW_STATUSES, type ReviewApplication, type ReviewAttachment, type ReviewEvent } from './schema.js';
import { statusName, type ReviewKind, type ReviewRegistry } from './kinds.js';
import {
  approve,
  comment,
  getApplication,
  listQueue,
  reject,
  returnForModification,
  visibleKinds,
  withdraw,
  type ApplicationDetail,
} from './engine.js';

// ---------------------------------------------------------------------------------------------
// Views

const TextView = z.object({ zh: z.string(), en: z.string() });
const StatusEnum = z.enum(REVIEW_STATUSES);
const StageRef = z.object({ index: z.number().int(), key: z.string(), name: TextView });

const ApplicationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindTitle: TextView,
  subjectType: z.string(),
  subjectId: z.uuid(),
  partnerId: z.uuid().nullable(),
  applicantKind: z.string(),
  applicantId: z.uuid(),
  applicantName: z.string().nullable(),
  summary: z.string().nullable(),
  status: StatusEnum,
  statusName: TextView, // the guide's name, e.g. 申请专员审核中
  stage: StageRef,
  stageCount: z.number().int(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const EventView = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: StatusEnum.nullable(),
  toStatus: StatusEnum,
  stage: StageRef.nullable(),
  actorKind: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

const AttachmentView = z.object({ id: z.uuid(), fileId: z.uuid(), label: z.string().nullable(), createdAt: z.string() });

const DetailView = ApplicationView.extend({
  data: z.record(z.string(), z.unknown()),
  history: z.array(EventView),
  attachments: z.array(AttachmentView),
  actions: z.array(z.enum(['approve', 'reject', 'return', 'withdraw', 'comment'])),
});

const QueueView = z.object({
  items: z.array(ApplicationView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const KindView = z.object({
  kind: z.string(),
  title: TextView,
  stages: z.array(StageRef.extend({ staffRoles: z.array(z.string()) })),
  /** every status's name at every stage (index = stage index) */
  statusNames: z.record(StatusEnum, z.array(TextView)),
  withdrawable: z.boolean(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function stageRef(kind: ReviewKind, index: number | null) {
  if (index === null) return null;
  const stage = kind.stages[Math.min(Math.max(index, 0), kind.stages.length - 1)]!;
  return { index, key: stage.key, name: stage.name };
}

function applicationView(kind: ReviewKind, app: ReviewApplication): z.infer<typeof ApplicationView> {
  return {
    id: app.id,
    kind: app.kind,
    kindTitle: kind.title,
    subjectType: app.subjectType,
    subjectId: app.subjectId,
    partnerId: app.partnerId,
    applicantKind: app.applicantKind,
    applicantId: app.applicantId,
    applicantName: app.applicantName,
    summary: app.summary,
    status: app.status,
    statusName: statusName(kind, app.status, app.stageIndex),
    stage: stageRef(kind, app.stageIndex)!,
    stageCount: kind.stages.length,
    rejectReason: app.rejectReason,
    submittedAt: iso(app.submittedAt),
    decidedAt: iso(app.decidedAt),
    version: app.version,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

/** The applicant side sees "华为云" decide, not which employee: staff identities stay internal. */
function eventView(kind: ReviewKind, e: ReviewEvent, viewer: Actor): z.infer<typeof EventView> {
  const hideStaff = viewer.kind !== 'staff' && e.actorKind === 'staff';
  return {
    id: e.id.toString(),
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    stage: stageRef(kind, e.stageIndex),
    actorKind: e.actorKind,
    actorId: hideStaff ? null : e.actorId,
    actorName: hideStaff ? null : e.actorName,
    comment: e.comment,
    at: e.at.toISOString(),
  };
}

function attachmentView(a: ReviewAttachment): z.infer<typeof AttachmentView> {
  return { id: a.id, fileId: a.fileId, label: a.label, createdAt: a.createdAt.toISOString() };
}

function detailView(d: ApplicationDetail, viewer: Actor): z.infer<typeof DetailView> {
  return {
    ...applicationView(d.kind, d.application),
    data: d.application.data,
    history: d.history.map((e) => eventView(d.kind, e, viewer)),
    attachments: d.attachments.map(attachmentView),
    actions: d.actions,
  };
}

function kindView(kind: ReviewKind): z.infer<typeof KindView> {
  const statusNames = Object.fromEntries(
    REVIEW_STATUSES.map((s) => [s, kind.stages.map((_, i) => statusName(kind, s, i))]),
  ) as Record<(typeof REVIEW_STATUSES)[number], { zh: string; en: string }[]>;
  return {
    kind: kind.kind,
    title: kind.title,
    stages: kind.stages.map((s, index) => ({ index, key: s.key, name: s.name, staffRoles: [...s.staffRoles] })),
    statusNames,
    withdrawable: kind.withdrawable !== false,
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs

const Params = z.object({ id: z.uuid() }).strict();
const DateParam = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const QueueQuery = z
  .object({
    kind: z.string().max(100).optional(),
    stage: z.string().max(100).optional(),
    status: StatusEnum.optional(),
    partnerId: z.uuid().optional(),
    submittedFrom: DateParam.optional(), // inclusive
    submittedTo: DateParam.optional(), // exclusive
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const Version = z.number().int().min(0).optional(); // the version the reviewer saw (stale → 409)
const ApproveBody = z.object({ comment: z.string().max(1000).optional(), version: Version }).strict();
// the length rule (≤ 500) is the service's, so its bilingual message reaches the caller
const ReasonBody = z.object({ reason: z.string().max(2000), version: Version }).strict();
const CommentBody = z.object({ comment: z.string().max(2000) }).strict();
const WithdrawBody = z.object({ comment: z.string().max(1000).optional() }).strict();

const STAFF: Access = { actor: 'staff' }; // the stage's roles are checked in the service
const SIGNED_IN: Access = { actor: 'applicant' }; // the applicant side (partner or account); ownership is checked in the service

export interface ReviewRoutesOptions {
  registry: ReviewRegistry;
}

/** The operations queue and decisions (/api/ops/reviews) and the applicant's view (/api/reviews). */
export const reviewRoutes: FastifyPluginAsyncZod<ReviewRoutesOptions> = async (app, { registry }) => {
  const kindOf = (name: string) => registry.get(name);

  app.get(
    '/api/ops/reviews',
    { config: { access: STAFF }, schema: { tags: ['reviews'], querystring: QueueQuery, response: { 200: QueueView } } },
    async (req) => {
      const q = req.query;
      const page = await listQueue(registry, req.ctx, {
        kind: q.kind,
        stage: q.stage,
        status: q.status,
        partnerId: q.partnerId,
        submittedFrom: q.submittedFrom ? new Date(q.submittedFrom) : undefined,
        submittedTo: q.submittedTo ? new Date(q.submittedTo) : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { ...page, items: page.items.map((a) => applicationView(kindOf(a.kind), a)) };
    },
  );

  app.get(
    '/api/ops/reviews/kinds',
    { config: { access: STAFF }, schema: { tags: ['reviews'], response: { 200: z.object({ items: z.array(KindView) }) } } },
    async (req) => ({ items: visibleKinds(registry, req.ctx).map(kindView) }),
  );

  app.get(
    '/api/ops/reviews/:id',
    { config: { access: STAFF }, schema: { tags: ['reviews'], params: Params, response: { 200: DetailView } } },
    async (req) => detailView(await getApplication(registry, req.ctx, req.params.id), req.ctx.actor),
  );

  app.post(
    '/api/ops/reviews/:id/approve',
    { config: { access: STAFF }, schema: { tags: ['reviews'], params: Params, body: ApproveBody, response: { 200: ApplicationView } } },
    async (req) => {
      const a = await approve(registry, req.ctx, req.params.id, { comment: req.body.comment, expectedVersion: req.body.version });
      return applicationView(kindOf(a.kind), a);
    },
  );

  app.post(
    '/api/ops/reviews/:id/reject',
    { config: { access: STAFF }, schema: { tags: ['reviews'], params: Params, body: ReasonBody, response: { 200: ApplicationView } } },
    async (req) => {
      const a = await reject(registry, req.ctx, req.params.id, { reason: req.body.reason, expectedVersion: req.body.version });
      return applicationView(kindOf(a.kind), a);
    },
  );

  app.post(
    '/api/ops/reviews/:id/return',
    { config: { access: STAFF }, schema: { tags: ['reviews'], params: Params, body: ReasonBody, response: { 200: ApplicationView } } },
    async (req) => {
      const a = await returnForModification(registry, req.ctx, req.params.id, {
        reason: req.body.reason,
        expectedVersion: req.body.version,
      });
      return applicationView(kindOf(a.kind), a);
    },
  );

  app.post(
    '/api/ops/reviews/:id/comment',
    { config: { access: STAFF }, schema: { tags: ['reviews'], params: Params, body: CommentBody, response: { 200: EventView } } },
    async (req) => {
      const { event, kind } = await comment(registry, req.ctx, req.params.id, { comment: req.body.comment });
      return eventView(kind, event, req.ctx.actor);
    },
  );

  app.get(
    '/api/reviews/:id',
    { config: { access: SIGNED_IN }, schema: { tags: ['reviews'], params: Params, response: { 200: DetailView } } },
    async (req) => {
      if (req.ctx.actor.kind === 'staff') throw forbidden(); // staff read in the console
      return detailView(await getApplication(registry, req.ctx, req.params.id), req.ctx.actor);
    },
  );

  app.post(
    '/api/reviews/:id/withdraw',
    { config: { access: SIGNED_IN }, schema: { tags: ['reviews'], params: Params, body: WithdrawBody, response: { 200: ApplicationView } } },
    async (req) => {
      const a = await withdraw(registry, req.ctx, req.params.id, { comment: req.body.comment });
      return applicationView(kindOf(a.kind), a);
    },
  );

  app.post(
    '/api/reviews/:id/comment',
    { config: { access: SIGNED_IN }, schema: { tags: ['reviews'], params: Params, body: CommentBody, response: { 200: EventView } } },
    async (req) => {
      if (req.ctx.actor.kind === 'staff') throw forbidden(); // staff comment in the console
      const { event, kind } = await comment(registry, req.ctx, req.params.id, { comment: req.body.comment });
      return eventView(kind, event, req.ctx.actor);
    },
  );
};
