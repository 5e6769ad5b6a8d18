import PDFDocument from 'pdfkit';
import { toMajorUnits, type Money } from '../../../libs/money/index.js';

export interface ReceiptLine {
  /** e.g. 收款 Payment received, 放款 Release, 退款 Refund */
  label: string;
  at: Date;
  amount: Money;
  note: string;
}

export interface Receipt {
  paymentId: string;
  engagementId: string;
  reference: string | null;
  enterprise: string;
  provider: string;
  method: string;
  issuedAt: Date;
  lines: ReceiptLine[];
  totals: { received: Money; released: Money; refunded: Money };
}

const money = (m: Money): string => `${m.currency} ${toMajorUnits(m)}`;

/**
 * A bilingual receipt (Chinese and English) as a PDF. The CJK font is embedded (subset) from
 * `fontPath` with its Unicode map, so the text can be extracted (pdftotext) and searched.
 */
export function receiptPdf(receipt: Receipt, font: { path: string; family?: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Seaward receipt ${receipt.paymentId}`, Author: 'Seaward 海程' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  doc.fontSize(18).text('收据 Receipt');
  doc.moveDown(0.5).fontSize(10);
  const field = (zh: string, en: string, value: string) => doc.text(`${zh} ${en}: ${value}`);
  field('收据编号', 'Receipt no.', receipt.paymentId);
  field('项目', 'Engagement', receipt.engagementId);
  if (receipt.reference) field('付款参考', 'Reference', receipt.reference);
  field('付款方', 'Payer', receipt.enterprise);
  field('收款方', 'Payee', receipt.provider);
  field('支付方式', 'Method', receipt.method === 'stripe' ? '银行卡 Card (Stripe)' : '银行转账 Bank transfer (资金存管 custodian account)');
  field('开具时间', 'Issued', receipt.issuedAt.toISOString());
  doc.moveDown();
  doc.fontSize(12).text('明细 Details');
  doc.fontSize(10);
  for (const line of receipt.lines) doc.text(`${line.at.toISOString().slice(0, 10)}  ${line.label}  ${money(line.amount)}  ${line.note}`);
  doc.moveDown();
  field('已收', 'Received', money(receipt.totals.received));
  field('已放款', 'Released to the provider', money(receipt.totals.released));
  field('已退款', 'Refunded', money(receipt.totals.refunded));
  doc.moveDown().fontSize(8).text('本收据由海程平台出具，并非发票。 This receipt is issued by the Seaward platform; it is not a fapiao.');
  doc.end();
  return done;
}
