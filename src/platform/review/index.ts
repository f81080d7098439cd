/**
 * The one application/review engine (ARCHITECTURE: Review workflow). Modules declare kinds with
 * `defineReviewKind`, the server registers them in one `ReviewRegistry`, and services call the
 * operations below with that registry. See README.md.
 */
export * from './schema.js';
export * from './kinds.js';
export * from './engine.js';
export { reviewRoutes, type ReviewRoutesOptions } from './routes.js';
