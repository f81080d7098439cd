import type { FastifyInstance } from 'fastify';
import type { Ctx } from './context.js';
import { forbidden } from './errors.js';
import {
  requirePartner,
  requirePermission,
  requirePartnerAdmin,
  requirePartnerAccount,
  requireSignedIn,
  requireStaff,
  requireAccount,
} from './access/index.js';

/**
 * What a route declares about who may call it. Every route must declare one
 * (the server refuses to start otherwise), and the access-matrix test reads it.
 */
export type Access =
  | { actor: 'public' }
  | { actor: 'signed-in' }
  | { actor: 'account' }
  /** Whoever can apply for something: a partner (admin or member) or a plain account; not staff. */
  | { actor: 'applicant' }
  | { actor: 'partner'; permission?: string; admin?: boolean; partnerAccount?: boolean }
  | { actor: 'staff'; roles?: readonly string[] };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The same guard functions services call (one permission check). */
export function authorize(ctx: Ctx, access: Access): void {
  switch (access.actor) {
    case 'public':
      return;
    case 'signed-in':
      requireSignedIn(ctx);
      return;
    case 'account':
      requireAccount(ctx);
      return;
    case 'applicant': {
      const a = requireSignedIn(ctx);
      if (a.kind === 'staff') throw forbidden();
      return;
    }
    case 'partner':
      requirePartner(ctx);
      if (access.partnerAccount) requirePartnerAccount(ctx);
      if (access.admin) requirePartnerAdmin(ctx);
      if (access.permission) requirePermission(ctx, access.permission);
      return;
    case 'staff':
      requireStaff(ctx, access.roles);
      return;
  }
}

export type App = FastifyInstance;
