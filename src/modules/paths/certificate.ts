import PDFDocument from 'pdfkit';
import { and, desc, eq, gt, isNotNull, max, min } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { P, requirePermission } from '../../platform/access/index.js';
import { registerCjkFont } from '../../platform/pdf.js';
import { companies, partners } from '../partners/schema.js';
import { cloudSolutions } from '../solutions/cloud-software/schema.js';
import { chinaDate } from '../solutions/cloud-software/certificate.js';
import { CERTIFIED_STAGES, STAGE_NAMES, pathDefinition, stageIndex, type PathType, type Stage } from './catalogue.js';
import { effectiveStage } from './requirements.js';
import { pathCertifications, pathEnrollments, type PathEnrollment } from './schema.js';

/**
 * 下载证书 (spec 01 §2.8, R14; L952, L982, L1106, L1150): the 伙伴证书 of a certified stage as a PDF naming
 * the company, the path, the stage and its dates. Made on each download from the current standing, so a
 * stage lost in an annual review (L1625) has no certificate any more.
 */

const PATH_ENTITY: Text = { zh: '发展路径', en: 'Development path' };
const NO_CERTIFICATE: Text = { zh: '该阶段无伙伴证书', en: 'This stage has no partner certificate' };
const NOT_CERTIFIED: Text = { zh: '该阶段尚未完成认证，无法下载证书', en: 'This stage is not certified yet; no certificate can be downloaded' };

const PATH_CODES: Record<PathType, string> = { software: 'SW', service: 'SV', si: 'SI', learning: 'LE', distributor: 'DI' };
const STAGE_CODES: Record<Stage, string> = { role_selected: 'RS', role_certified: 'RC', differentiated: 'CD' };

export interface PathCertificateContent {
  companyName: string;
  pathName: Text;
  stageName: Text;
  certifiedAt: Date; // 认证日期
  validUntil: Date | null; // 有效期至 (software: the certifying solutions' validity)
  issuedAt: Date; // 发证日期
  certificateNo: string;
}

export async function renderPathCertificatePdf(c: PathCertificateContent): Promise<Buffer> {
  const title: Text = { zh: '华为云合作伙伴证书', en: 'Huawei Cloud Partner Certificate' };
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 60,
    info: { Title: `${title.zh} ${c.companyName} ${c.pathName.zh} ${c.stageName.zh}`, Author: 'Partner Center' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const zh = registerCjkFont(doc);
  const use = () => doc.font(zh ? 'cjk' : 'Helvetica');
  const both = (t: Text) => (zh ? `${t.zh} / ${t.en}` : t.en);
  const width = doc.page.width - 120;

  doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(3).stroke('#c7000b');
  use().fontSize(30).fillColor('#c7000b').text(zh ? title.zh : title.en, 60, 80, { width, align: 'center' });
  if (zh) use().fontSize(14).fillColor('#666666').text(title.en, { width, align: 'center' });
  doc.moveDown(1.5);
  use().fontSize(22).fillColor('#222222').text(c.companyName, { width, align: 'center' });
  doc.moveDown(1);
  const line = (label: Text, value: string) =>
    use().fontSize(15).fillColor('#222222').text(`${both(label)}: ${value}`, { width, align: 'center' }).moveDown(0.5);
  line({ zh: '发展路径', en: 'Development path' }, both(c.pathName));
  line({ zh: '认证阶段', en: 'Stage' }, both(c.stageName));
  line({ zh: '认证日期', en: 'Certified on' }, chinaDate(c.certifiedAt));
  if (c.validUntil) line({ zh: '有效期至', en: 'Valid until' }, chinaDate(c.validUntil));
  line({ zh: '发证日期', en: 'Issued on' }, chinaDate(c.issuedAt));
  doc.moveDown(1.5);
  use().fontSize(10).fillColor('#888888').text(`${both({ zh: '证书编号', en: 'Certificate No.' })}: ${c.certificateNo}`, { width, align: 'center' });
  doc.end();
  return done;
}

/**
 * When the stage was certified and until when. Software (R13): the company's valid certifying
 * solutions (read-only from the cloud-software module). The others: the approved application.
 */
async function stageDates(ex: Executor, e: PathEnrollment, stage: Stage): Promise<{ certifiedAt: Date; validUntil: Date | null }> {
  if (e.path === 'software') {
    const [r] = await ex
      .select({ from: min(cloudSolutions.validFrom), until: max(cloudSolutions.validUntil) })
      .from(cloudSolutions)
      .innerJoin(partners, eq(partners.id, cloudSolutions.partnerId))
      .where(
        and(
          eq(partners.companyId, e.companyId),
          isNotNull(cloudSolutions.validFrom),
          gt(cloudSolutions.validUntil, clock.now()),
          stage === 'differentiated' ? eq(cloudSolutions.kind, 'advanced') : undefined,
        ),
      );
    return { certifiedAt: r?.from ?? e.joinedAt ?? e.selectedAt, validUntil: r?.until ?? null };
  }
  const [passed] = await ex
    .select({ decidedAt: pathCertifications.decidedAt })
    .from(pathCertifications)
    .where(
      and(
        eq(pathCertifications.partnerId, e.partnerId),
        eq(pathCertifications.path, e.path),
        eq(pathCertifications.targetStage, stage),
        eq(pathCertifications.status, 'passed'),
      ),
    )
    .orderBy(desc(pathCertifications.decidedAt))
    .limit(1);
  // accounts certified before this module (seeded or migrated) have no application record
  return { certifiedAt: passed?.decidedAt ?? e.updatedAt, validUntil: null };
}

export async function pathCertificate(ctx: Ctx, path: PathType, stage: Stage): Promise<{ name: string; body: Buffer }> {
  const actor = requirePermission(ctx, P.home);
  const [e] = await ctx.db
    .select()
    .from(pathEnrollments)
    .where(and(eq(pathEnrollments.partnerId, actor.partnerId), eq(pathEnrollments.path, path), eq(pathEnrollments.status, 'joined')));
  if (!e) throw notFound(PATH_ENTITY);
  if (!CERTIFIED_STAGES.includes(stage)) throw refused('paths.certificate.none-for-stage', NO_CERTIFICATE);
  const reached = await effectiveStage(ctx.db, actor.partnerId, e);
  if (!reached || stageIndex(reached) < stageIndex(stage)) throw refused('paths.certificate.not-certified', NOT_CERTIFIED);

  const [company] = await ctx.db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, e.companyId));
  const def = pathDefinition(path);
  const { certifiedAt, validUntil } = await stageDates(ctx.db, e, stage);
  const issuedAt = clock.now();
  const body = await renderPathCertificatePdf({
    companyName: company?.name ?? actor.displayName,
    pathName: def.name,
    stageName: STAGE_NAMES[stage],
    certifiedAt,
    validUntil,
    issuedAt,
    certificateNo: `HCPN-${PATH_CODES[path]}${STAGE_CODES[stage]}-${chinaDate(certifiedAt).replaceAll('/', '')}-${e.id.slice(0, 8).toUpperCase()}`,
  });
  return { name: `${company?.name ?? actor.displayName}-${def.name.zh}-${STAGE_NAMES[stage].zh}证书.pdf`, body };
}
