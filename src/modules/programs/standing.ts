import { registerPartnerStanding } from '../partners/standing.js';
import { hasResellerIdentity, solutionProviderExpired } from './memberships.js';

/**
 * R26 / R29 for the modules that sell (cloud), expand customers (customers) and sign in (accounts): they
 * call the guards of `partners/standing.ts`, which ask these functions.
 */
registerPartnerStanding({ hasResellerIdentity, solutionProviderExpired });
