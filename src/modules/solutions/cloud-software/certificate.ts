import { chinaDate } from '../../../platform/china-time.js';
import PDFDocument from 'pdfkit';
import { registerCjkFont } from '../../../platform/pdf.js';

/** 云软件方案证书 / 先进云软件方案证书 as a PDF (pdfkit), in the platform's CJK font (src/platform/pdf.ts). */
export interface CertificateContent {
  title: { zh: string; en: string }; // e.g. 云软件方案认证证书
  companyName: string;
  solutionName: string;
  version: string;
  validFrom: Date;
  validUntil: Date;
  certificateNo: string;
}

export { chinaDate };

export async function renderCertificatePdf(c: CertificateContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 60, info: { Title: `${c.title.zh} ${c.solutionName}`, Author: 'Partner Center' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const zh = registerCjkFont(doc);
  const use = () => doc.font(zh ? 'cjk' : 'Helvetica');
  const validity = `${chinaDate(c.validFrom)} - ${chinaDate(c.validUntil)}`;
  const width = doc.page.width - 120;

  doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(3).stroke('#c7000b');
  use().fontSize(30).fillColor('#c7000b').text(zh ? c.title.zh : c.title.en, 60, 90, { width, align: 'center' });
  if (zh) use().fontSize(14).fillColor('#666666').text(c.title.en, { width, align: 'center' });
  doc.moveDown(2);
  const line = (label: string, value: string) => use().fontSize(16).fillColor('#222222').text(`${label}${value}`, { width, align: 'center' }).moveDown(0.6);
  line(zh ? '公司名称 / Company: ' : 'Company: ', c.companyName);
  line(zh ? '方案名称 / Solution: ' : 'Solution: ', c.solutionName);
  line(zh ? '版本号 / Version: ' : 'Version: ', c.version);
  line(zh ? '有效期 / Valid: ' : 'Valid: ', validity);
  doc.moveDown(1.5);
  use().fontSize(10).fillColor('#888888').text(`${zh ? '证书编号 / Certificate No.: ' : 'Certificate No.: '}${c.certificateNo}`, { width, align: 'center' });
  doc.end();
  return done;
}
