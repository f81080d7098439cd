import type { Executor } from '../../platform/db/index.js';
import { hasCertifiedCloudSoftware } from '../solutions/cloud-software/service.js';
import { passedLabels } from '../capabilities/service.js';
import { DIFFERENTIATION_LABELS } from '../capabilities/labels.js';
import { pathDefinition, stageIndex, type Measure, type PathType, type Requirement, type Stage } from './catalogue.js';
import { countPeople, type PeopleCounts } from './personal-certificates.js';
import type { PathEnrollment } from './schema.js';

/**
 * The "x/y" of each 要求 (spec 01 §2.7, op 6): measured from data where the system holds it (HCPN,
 * invitation, solutions, capability labels, bound members' personal certificates), otherwise judged by
 * the reviewer from the materials (`current: null` until the stage is reached).
 */

/**
 * The stage the account stands at. Software is evaluated on read (R13): an approved advanced solution
 * of any account of the company completes both certifications, an approved cloud-software one the first.
 */
export async function effectiveStage(ex: Executor, partnerId: string, e: PathEnrollment | undefined): Promise<Stage | null> {
  if (!e || e.status !== 'joined') return null;
  if (e.path !== 'software') return e.stage as Stage;
  if (await hasCertifiedCloudSoftware(ex, { partnerId }, { advanced: true })) return 'differentiated';
  if (await hasCertifiedCloudSoftware(ex, { partnerId })) return 'role_certified';
  return 'role_selected';
}

export interface EvaluatedRequirement {
  requirement: Requirement;
  current: number | null; // null: judged by the reviewer
  met: boolean | null; // null: not known to the system
}

export interface EvaluatedStage {
  stage: Stage;
  reached: boolean;
  requirements: EvaluatedRequirement[];
}

const PEOPLE: Partial<Record<Measure, keyof PeopleCounts>> = {
  'people-hccda-up': 'hccdaUp',
  'people-hccdp-up': 'hccdpUp',
  'people-hccdp': 'hccdp',
  'people-hccde': 'hccde',
  'people-project-managers': 'projectManagers',
  'people-presales-experts': 'presalesExperts',
  'people-si-hcip': 'siHcip',
  'people-si-hcie': 'siHcie',
};

/** Measures one account's requirements, each source queried at most once. */
export class Measurer {
  private readonly cache = new Map<string, Promise<unknown>>();
  constructor(
    private readonly ex: Executor,
    private readonly partnerId: string,
    private readonly e: PathEnrollment | undefined,
    private readonly invited: boolean,
  ) {}

  private once<T>(key: string, f: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, f());
    return this.cache.get(key) as Promise<T>;
  }

  private labels() {
    return this.once('labels', () => passedLabels(this.ex, this.partnerId));
  }

  /** The measured count, or null for a requirement only the reviewer judges. */
  async measure(m: Measure): Promise<number | null> {
    const people = PEOPLE[m];
    if (people) return (await this.once('people', () => countPeople(this.ex, this.partnerId)))[people];
    switch (m) {
      case 'hcpn':
        return 1; // a partner account exists only after joining HCPN (R9)
      case 'selected':
        return this.e?.status === 'joined' ? 1 : 0;
      case 'invited':
        return this.invited || this.e?.status === 'joined' ? 1 : 0;
      case 'cloud-software':
        return (await this.once('cs', () => hasCertifiedCloudSoftware(this.ex, { partnerId: this.partnerId }))) ? 1 : 0;
      case 'advanced-cloud-software':
        return (await this.once('acs', () => hasCertifiedCloudSoftware(this.ex, { partnerId: this.partnerId }, { advanced: true }))) ? 1 : 0;
      case 'preferred-labels':
        return (await this.labels()).filter((l) => DIFFERENTIATION_LABELS.includes(l.level1Label)).length;
      case 'any-labels':
      case 'labels-or-offerings':
        return (await this.labels()).length;
      default:
        return null; // manual
    }
  }

  async evaluate(r: Requirement, reached: boolean): Promise<EvaluatedRequirement> {
    const measured = await this.measure(r.measure);
    if (measured === null) {
      // a manual item of a reached stage was judged met by the reviewer
      return { requirement: r, current: reached ? r.target : null, met: reached ? true : null };
    }
    if (r.measure === 'labels-or-offerings') {
      // joint offerings are not in the system: enough labels meet it, fewer leave it to the reviewer
      return { requirement: r, current: measured, met: measured >= r.target || reached ? true : null };
    }
    return { requirement: r, current: measured, met: measured >= r.target };
  }
}

/** Every stage of the path with its requirements evaluated for the account. */
export async function evaluatePath(
  ex: Executor,
  partnerId: string,
  type: PathType,
  e: PathEnrollment | undefined,
  invited: boolean,
  stage: Stage | null,
): Promise<EvaluatedStage[]> {
  const m = new Measurer(ex, partnerId, e, invited);
  const reachedIndex = stage ? stageIndex(stage) : -1;
  const out: EvaluatedStage[] = [];
  for (const s of pathDefinition(type).stages) {
    const reached = stageIndex(s.stage) <= reachedIndex;
    const requirements: EvaluatedRequirement[] = [];
    for (const r of s.requirements) requirements.push(await m.evaluate(r, reached));
    out.push({ stage: s.stage, reached, requirements });
  }
  return out;
}

/** The requirements of one stage the system knows to be unmet (R24, the annual review's "各要求项满足要求"). */
export async function unmetRequirements(
  ex: Executor,
  partnerId: string,
  type: PathType,
  target: Stage,
  e: PathEnrollment | undefined,
  invited: boolean,
): Promise<EvaluatedRequirement[]> {
  const def = pathDefinition(type).stages.find((s) => s.stage === target);
  if (!def) return [];
  const m = new Measurer(ex, partnerId, e, invited);
  const out: EvaluatedRequirement[] = [];
  for (const r of def.requirements) {
    const ev = await m.evaluate(r, false);
    if (ev.met === false) out.push(ev);
  }
  return out;
}

/** The counters of one stage as the reviewer sees them in the application's snapshot. */
export async function requirementSnapshot(
  ex: Executor,
  partnerId: string,
  type: PathType,
  target: Stage,
  e: PathEnrollment | undefined,
): Promise<{ key: string; name: string; progress: string; met: boolean | null }[]> {
  const def = pathDefinition(type).stages.find((s) => s.stage === target);
  if (!def) return [];
  const m = new Measurer(ex, partnerId, e, true);
  const out = [];
  for (const r of def.requirements) {
    const ev = await m.evaluate(r, false);
    out.push({ key: r.key, name: r.name.zh, progress: ev.current === null ? '--' : `${ev.current}/${r.target}`, met: ev.met });
  }
  return out;
}
