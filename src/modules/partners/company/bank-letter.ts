import PDFDocument from 'pdfkit';
import { registerCjkFont } from '../../../platform/pdf.js';

/**
 * 银行确认函模板 (guide L3137–3143, steps 9–10): the partner downloads it, has it stamped (加盖公章) or
 * signed, and uploads the scan. Prefilled with the company and the bank details being certified.
 */
export interface BankLetterContent {
  companyName: string;
  contractingEntity: string; // 华为签约主体
  bankName: string;
  branchName: string;
  branchCode: string;
  accountHolder: string;
  accountNumber: string;
  currency: string;
  date: string; // 2025/03/10
}

export async function renderBankLetterPdf(c: BankLetterContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: `银行确认函 ${c.companyName}`, Author: 'Partner Center' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const zh = registerCjkFont(doc);
  const use = () => doc.font(zh ? 'cjk' : 'Helvetica');
  const width = doc.page.width - 120;

  use().fontSize(22).fillColor('#222222').text(zh ? '银行确认函' : 'Bank Confirmation Letter', { width, align: 'center' });
  use().fontSize(11).fillColor('#666666').text('Bank Confirmation Letter', { width, align: 'center' });
  doc.moveDown(1.5);
  use()
    .fontSize(12)
    .fillColor('#222222')
    .text(
      zh
        ? `致${c.contractingEntity}：\n\n兹确认以下银行账户为${c.companyName}（以下简称“我司”）的对公结算账户，我司同意以该账户与贵司进行结算。我司承诺以下信息真实、准确、有效，因信息错误造成的损失由我司承担。`
        : `To ${c.contractingEntity}:\n\nWe confirm that the bank account below is the corporate settlement account of ${c.companyName} and agree to settle with you through it. We warrant the information is true, accurate and valid.`,
      { width },
    );
  doc.moveDown(1);
  const rows: [string, string][] = [
    ['公司名称 / Company', c.companyName],
    ['银行名称 / Bank', c.bankName],
    ['分行名称 / Branch', c.branchName],
    ['分行代码 / Branch code', c.branchCode],
    ['银行账户 / Account holder', c.accountHolder],
    ['银行账号 / Account number', c.accountNumber],
    ['货币 / Currency', c.currency],
  ];
  for (const [label, value] of rows) use().fontSize(12).text(`${label}：${value}`, { width }).moveDown(0.4);
  doc.moveDown(2);
  use().fontSize(12).text(zh ? '公司盖章（公章）/ 法定代表人或授权代表签字：' : 'Company stamp / signature of the legal or authorised representative:', { width });
  doc.moveDown(3);
  use().fontSize(12).text(zh ? `日期：${c.date}` : `Date: ${c.date}`, { width, align: 'right' });
  doc.end();
  return done;
}
