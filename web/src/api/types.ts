/**
 * Hand-typed shapes of the /api contract the UI relies on. They go away once the generated
 * `schema.d.ts` exists (see client.ts); keep them loose where the server is still moving.
 */

export type Portal = 'partner' | 'customer' | 'ops';
export type ActorKind = 'anonymous' | 'account' | 'partner' | 'staff';

export interface MenuNode {
  zh: string;
  en: string;
  route?: string;
  children?: MenuNode[];
}

export interface Actor {
  kind: ActorKind;
  displayName?: string;
  isAdmin?: boolean;
  memberId?: string | null;
  partnerId?: string | null;
  roles?: string[];
  [key: string]: unknown;
}

export interface Me {
  actor: Actor;
  csrfToken: string;
  menus: MenuNode[];
  mustChangePassword: boolean;
  lang: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Profile {
  kind?: 'account' | 'member' | 'staff';
  accountName?: string;
  tenantName?: string | null;
  enterpriseName?: string | null;
  realNameStatus?: string | null;
  name?: string;
  email?: string;
  mobile?: string;
  language?: string;
  timeZone?: string;
  verificationCodeRequired?: boolean | null;
  /** the Huawei ID account name may be changed once (guide L2926) */
  accountNameChangeable?: boolean;
}

export interface RealName {
  /** none | pending | verified | rejected */
  status: string;
  type?: string | null;
  enterpriseName?: string | null;
  application?: {
    id: string;
    reviewId: string | null;
    companyName: string;
    uscc: string;
    status: string;
    rejectReason: string | null;
    createdAt: string;
    decidedAt: string | null;
  } | null;
}

export interface InboxItem {
  id: string;
  template?: string;
  subject: string;
  body: string;
  data?: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}
export interface InboxPage extends Page<InboxItem> {
  unreadCount: number;
}

export interface DemoMessage {
  id?: string;
  channel: string;
  address: string;
  subject: string;
  body: string;
  status?: string;
  createdAt: string;
}

export interface ExportRecord {
  id: string;
  kind: string;
  /** 导出类型 shown to users */
  title: string;
  format: 'csv' | 'xlsx';
  status: 'running' | 'completed' | 'failed';
  /** 导出中 / 已完成 / 导出失败 */
  statusName: string;
  error?: string | null;
  createdAt: string;
  finishedAt?: string | null;
  downloadable: boolean;
}

export interface RoleRef {
  id: string;
  name: string;
  presetKey?: string | null;
  /** a 客户经理 / SA role with a qualification review pending: checked, disabled (guide L3355) */
  locked?: boolean;
}

export interface Member {
  id: string;
  accountName: string;
  name: string;
  mobile: string;
  email: string;
  landline?: string | null;
  status: 'normal' | 'locked';
  roles: RoleRef[];
  supervisor?: { id: string; name: string } | null;
  createdAt?: string;
}

export interface MemberDetail extends Member {
  mustChangePassword: boolean;
  qualificationReviewPending: boolean;
  /** roles checked and disabled in 分配角色 (guide L3355) */
  lockedRoleIds: string[];
  managers: { id: string; name: string }[];
}

export interface Role {
  id: string;
  name: string;
  description?: string | null;
  preset: boolean;
  presetKey?: string | null;
  permissions: string[];
  memberCount: number;
  locked?: boolean;
}
export interface RolesResponse {
  items: Role[];
  customLimit: number;
}

export interface PermissionNode {
  /** the permission key: the menu path, e.g. "组织 > 组织成员" */
  path: string;
  /** in the request's language */
  title: string;
  children?: PermissionNode[];
}
export interface PermissionsResponse {
  tree: PermissionNode[];
  defaults: string[];
}

export interface Contact {
  id: string;
  name: string;
  position: string;
  mobile: string;
  email: string;
  landline?: string | null;
}

export type TargetType = 'mobile' | 'email' | 'accountName';

export interface MemberInfo {
  accountId: string;
  accountName: string;
  name: string | null;
  mobile: string;
  email: string | null;
}

/** 邀请状态 keys (server statuses.ts); `statusName` is the guide's name in the request's language. */
export type InvitationStatus = 'invited' | 'expired' | 'bound' | 'unbound' | 'applying' | 'apply_rejected' | 'cancel_approved' | 'cancelled_by_vendor';
export type SpecialistStatus = 'active' | 'cancel_pending' | 'vendor_cancel_pending' | 'cancel_rejected' | 'ended';

export interface Invitation {
  id: string;
  targetType: TargetType;
  targetValue: string;
  status: InvitationStatus;
  statusName: string;
  invitedAt: string;
  expiresAt: string;
  boundAt: string | null;
  unboundAt?: string | null;
  applyRejectReason?: string | null;
  member: MemberInfo | null;
  specialist: { id: string; status: SpecialistStatus; statusName: string } | null;
  applicationId: string | null;
}

export interface InvitationCheck {
  ok: boolean;
  message: string;
  code?: string | null;
  accountId?: string;
  candidates?: MemberInfo[];
}

export interface Specialist {
  id: string;
  invitationId: string;
  accountId: string;
  accountName: string;
  name: string | null;
  mobile: string;
  email: string | null;
  path: string;
  pathName: string;
  deploymentMode: string | null;
  deploymentModeName: string | null;
  workBase: string | null;
  status: SpecialistStatus;
  statusName: string;
  approvedAt: string;
  startDate: string;
  endDate: string | null;
  updatedAt: string;
  cancelReason?: string | null;
  cancelRejectReason?: string | null;
}

export interface SpecialistDashboard {
  from: string;
  to: string;
  trend: { date: string; binds: number; unbinds: number }[];
  invitationCounts: { status: InvitationStatus; statusName: string; count: number }[];
  specialistCounts: { status: SpecialistStatus; statusName: string; count: number }[];
  regions: { workBase: string; count: number }[];
}

export interface Qualification {
  member: MemberInfo;
  employment: Employment | null;
  certificates: Certificate[];
  trainings: Training[];
  projects: Project[];
}

export interface Employment {
  employer: string | null;
  workBase: string | null;
  proofFileId: string | null;
  submittedAt: string | null;
  updatedAt: string;
  /** the member can no longer change the work base (guide L3978) */
  workBaseLocked: boolean;
}
export interface Certificate {
  id: string;
  /** professional | other (uploaded) | developer | specialty (synced) */
  type: string;
  typeName: string;
  source: 'member' | 'sync';
  name: string;
  number: string;
  validFrom: string;
  validTo: string;
  fileId: string | null;
  status: string;
  statusName: string;
  rejectReason: string | null;
}
export interface Training {
  id: string;
  kind: string;
  name: string;
  result: string | null;
  score: number | null;
  completedAt: string;
}
export interface Project {
  id: string;
  name: string;
  deliveryStart: string;
  deliveryEnd: string;
  role: string;
  source: 'member' | 'vendor';
  editable: boolean;
}

export interface BiText {
  zh: string;
  en: string;
}
export interface StageRef {
  index: number;
  key: string;
  name: BiText;
}

export type ReviewStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'withdrawn' | 'returned';

export interface ReviewItem {
  id: string;
  kind: string;
  kindTitle: BiText;
  partnerId: string | null;
  applicantName: string | null;
  summary: string | null;
  status: ReviewStatus;
  statusName: BiText;
  stage: StageRef;
  stageCount: number;
  rejectReason: string | null;
  submittedAt: string | null;
  version: number;
}
export interface ReviewKind {
  kind: string;
  title: BiText;
  stages: StageRef[];
}
export interface ReviewEvent {
  id: string;
  action: string;
  toStatus: ReviewStatus;
  stage: StageRef | null;
  actorKind: string;
  actorName: string | null;
  comment: string | null;
  at: string;
}
export interface ReviewDetail extends ReviewItem {
  data: Record<string, unknown>;
  history: ReviewEvent[];
  attachments: { id: string; fileId: string; label: string | null; createdAt: string }[];
  actions: ('approve' | 'reject' | 'return' | 'withdraw' | 'comment')[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  partnerId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}
