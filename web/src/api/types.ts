import type { ApiBody, ApiData } from './client';
import type { components } from './schema';

/**
 * Names for the /api shapes the UI passes around, all derived from the generated OpenAPI schema
 * (`schema.d.ts`, `npm run openapi`), except the few marked UI-only.
 */

type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** UI-only: which face of the product a page belongs to. */
export type Portal = 'partner' | 'customer' | 'ops';

/** A partner-portal menu entry (the menu tree of `/api/auth/me`; a permission is its path). */
export type MenuNode = components['schemas']['MenuNode'];

export type Me = ApiData<'/api/auth/me', 'get'>;
export type Actor = Me['actor'];
export type ActorKind = Actor['kind'];

export type Profile = ApiData<'/api/profile', 'get'>;
export type RealName = ApiData<'/api/real-name', 'get'>;

export type InboxPage = ApiData<'/api/inbox', 'get'>;
export type InboxItem = Item<InboxPage>;
export type DemoMessage = Item<ApiData<'/api/demo-inbox', 'get'>>;
export type ExportRecord = Item<ApiData<'/api/exports', 'get'>>;

export type Member = Item<ApiData<'/api/org/members', 'get'>>;
export type MemberDetail = ApiData<'/api/org/members/{id}', 'get'>;
export type RoleRef = Member['roles'][number];

export type RolesResponse = ApiData<'/api/org/roles', 'get'>;
export type Role = Item<RolesResponse>;
export type RoleMember = Item<ApiData<'/api/org/roles/{id}/members', 'get'>>;

/** A node of the permission tree: `path` is the permission key (the menu path), `title` in the request's language. */
export type PermissionNode = components['schemas']['PermissionNode'];
export type PermissionsResponse = ApiData<'/api/org/permissions', 'get'>;

export type ContactsResponse = ApiData<'/api/org/contacts', 'get'>;
export type Contact = Item<ContactsResponse>;

export type Invitation = Item<ApiData<'/api/org/invitations', 'get'>>;
export type InvitationStatus = Invitation['status'];
/** 邀请方式: what an invitation is addressed by. */
export type TargetType = ApiBody<'/api/org/invitations/check', 'post'>['targets'][number]['type'];
export type MemberInfo = NonNullable<Invitation['member']>;
export type InvitationCheck = ApiData<'/api/org/invitations/check', 'post'>['results'][number];
export type MyInvitation = Item<ApiData<'/api/me/invitations', 'get'>>;

export type Specialist = Item<ApiData<'/api/org/specialists', 'get'>>;
export type SpecialistStatus = Specialist['status'];
export type SpecialistDashboard = ApiData<'/api/org/specialists/dashboard', 'get'>;

export type Qualification = ApiData<'/api/org/invitations/{id}/qualification', 'get'>;
export type Employment = NonNullable<ApiData<'/api/me/qualifications/employment', 'get'>['employment']>;
export type Certificate = Item<ApiData<'/api/me/qualifications/certificates', 'get'>>;
export type Training = Item<ApiData<'/api/me/qualifications/trainings', 'get'>>;
export type Project = Item<ApiData<'/api/me/qualifications/projects', 'get'>>;

export type ReviewKind = Item<ApiData<'/api/ops/reviews/kinds', 'get'>>;
export type ReviewItem = Item<ApiData<'/api/ops/reviews', 'get'>>;
export type ReviewDetail = ApiData<'/api/ops/reviews/{id}', 'get'>;
export type ReviewStatus = ReviewItem['status'];
export type ReviewEvent = ReviewDetail['history'][number];
export type StageRef = ReviewItem['stage'];
export type BiText = ReviewItem['kindTitle'];

export type AuditEntry = Item<ApiData<'/api/ops/audit', 'get'>>;
