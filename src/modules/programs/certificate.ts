import { chinaDate } from '../../platform/china-time.js';
import PDFDocument from 'pdfkit';
import { registerCjkFont } from '../../platform/pdf.js';
import type { Text } from '../../platform/i18n/index.js';

export { chinaDate };

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export interface ProgramCertificate {
  companyName: string;
  accountName: string;
  program: Text;
  level: Text | null;
  joinedAt: Date;
  validUntil: Date | null;
  certificateNo: string;
}

/** 伙伴计划证书 (下载证书, L2705–2728) as a PDF in the platform's CJK font, naming the company and the plan. */
export async function renderProgramCertificate(c: ProgramCertificate): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 60, info: { Title: `${c.program.zh} ${c.companyName}`, Author: 'Partner Center' } });
  const done = collect(doc);
  const zh = registerCjkFont(doc);
  const use = () => doc.font(zh ? 'cjk' : 'Helvetica');
  const width = doc.page.width - 120;

  doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(3).stroke('#c7000b');
  use().fontSize(30).fillColor('#c7000b').text(zh ? '华为云伙伴计划证书' : 'HUAWEI CLOUD Partner Program Certificate', 60, 80, { width, align: 'center' });
  if (zh) use().fontSize(14).fillColor('#666666').text('HUAWEI CLOUD Partner Program Certificate', { width, align: 'center' });
  doc.moveDown(1.5);
  use().fontSize(22).fillColor('#222222').text(c.companyName, { width, align: 'center' });
  doc.moveDown(0.8);
  const line = (label: string, value: string) => use().fontSize(15).fillColor('#222222').text(`${label}${value}`, { width, align: 'center' }).moveDown(0.5);
  line(zh ? '已加入 / Program: ' : 'Program: ', zh ? `${c.program.zh} ${c.program.en}` : c.program.en);
  if (c.level) line(zh ? '计划等级 / Level: ' : 'Level: ', zh ? `${c.level.zh} ${c.level.en}` : c.level.en);
  line(zh ? '伙伴账号 / Account: ' : 'Account: ', c.accountName);
  line(zh ? '加入日期 / Joined: ' : 'Joined: ', chinaDate(c.joinedAt));
  if (c.validUntil) line(zh ? '有效期至 / Valid until: ' : 'Valid until: ', chinaDate(c.validUntil));
  doc.moveDown(1.2);
  use().fontSize(10).fillColor('#888888').text(`${zh ? '证书编号 / Certificate No.: ' : 'Certificate No.: '}${c.certificateNo}`, { width, align: 'center' });
  doc.end();
  return done;
}

export interface AgreementDocument {
  name: Text;
  version: string;
  companyName: string;
  accountName: string;
  signedAt: Date;
  paragraphs: readonly Text[];
}

/** 已签署协议 > 下载 (L2730–2743). */
export async function renderAgreementPdf(a: AgreementDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: a.name.zh, Author: 'Partner Center' } });
  const done = collect(doc);
  const zh = registerCjkFont(doc);
  const use = () => doc.font(zh ? 'cjk' : 'Helvetica');
  use().fontSize(20).fillColor('#222222').text(zh ? a.name.zh : a.name.en, { align: 'center' });
  if (zh) use().fontSize(11).fillColor('#666666').text(a.name.en, { align: 'center' });
  doc.moveDown(1);
  use().fontSize(11).fillColor('#333333');
  doc.text(`${zh ? '版本 / Version: ' : 'Version: '}${a.version}`);
  doc.text(`${zh ? '签署方 / Signed by: ' : 'Signed by: '}${a.companyName}（${a.accountName}）`);
  doc.text(`${zh ? '签署时间 / Signed at: ' : 'Signed at: '}${chinaDate(a.signedAt)}`);
  doc.moveDown(1);
  for (const p of a.paragraphs) {
    use().fontSize(11).fillColor('#222222').text(zh ? p.zh : p.en, { align: 'left' });
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}
