import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CERTIFICATE_KIND_LABELS } from '../../../common/constants/certificates.js';
import type { CertificateKind } from '../../../common/constants/learning.js';

/**
 * The certificate as a PDF: A4 landscape, in Vietnamese, with the holder's name, what they did, the course title or
 * session topic, the day, the unit, the serial and a QR code to the public verification page. The font (Be Vietnam
 * Pro, SIL OFL 1.1, as the catalog's guide print) is bundled, so nothing comes from the system or the network. The QR
 * code is drawn as vector squares (no PNG to encode per page), so thousands of pages print quickly.
 */

const require = createRequire(import.meta.url);
const fontPath = (weight: string) =>
  require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;
const loadFonts = () => {
  fonts ??= {
    regular: readFileSync(fontPath('400Regular')),
    bold: readFileSync(fontPath('700Bold')),
    italic: readFileSync(fontPath('400Regular_Italic')),
  };
  return fonts;
};

export interface PrintableCertificate {
  serial: string;
  kind: CertificateKind;
  holderName: string;
  title: string;
  unitName: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** The public verification page (printed and in the QR code). */
  verifyUrl: string;
}

const PAGE = { width: 841.89, height: 595.28, margin: 36 };
const QR_SIZE = 96;
const BLUE = '#0b5394';
const RED = '#a61c00';

const vnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

function newDocument(info: { title: string; subject?: string }, compress = true) {
  const { regular, bold, italic } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    compress,
    autoFirstPage: false,
    info: { Title: info.title, ...(info.subject ? { Subject: info.subject } : {}), Creator: 'Xã Số' },
    lang: 'vi-VN',
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.registerFont('italic', italic);
  return doc;
}

/** The QR code's dark modules as filled squares, one row's runs merged into one rectangle. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.rect(x, y, size, size).fill('#fff');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000');
}

/** One certificate on a new page of `doc`. */
function drawCertificate(doc: PDFKit.PDFDocument, c: PrintableCertificate) {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  const { width: W, height: H, margin: M } = PAGE;
  // Frame: a thick outer line and a thin inner one.
  doc
    .lineWidth(4)
    .strokeColor(BLUE)
    .rect(M, M, W - 2 * M, H - 2 * M)
    .stroke();
  doc
    .lineWidth(1)
    .strokeColor(BLUE)
    .rect(M + 8, M + 8, W - 2 * M - 16, H - 2 * M - 16)
    .stroke();

  const left = M + 40;
  const inner = W - 2 * left;
  const centre = { width: inner, align: 'center' as const };

  doc
    .font('bold')
    .fontSize(13)
    .fillColor('#000')
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left, M + 34, centre);
  doc.font('bold').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', centre);
  doc.font('italic').fontSize(11).fillColor('#333').text('Phong trào “Bình dân học vụ số”', centre);

  doc
    .font('bold')
    .fontSize(40)
    .fillColor(RED)
    .text('GIẤY CHỨNG NHẬN', left, M + 112, centre);
  doc
    .font('regular')
    .fontSize(16)
    .fillColor('#000')
    .text('Chứng nhận Ông/Bà', left, M + 172, centre);

  const nameSize = doc.font('bold').fontSize(32).widthOfString(c.holderName) > inner ? 24 : 32;
  doc
    .font('bold')
    .fontSize(nameSize)
    .fillColor(BLUE)
    .text(c.holderName, left, M + 198, { ...centre, height: 44 });

  doc
    .font('regular')
    .fontSize(16)
    .fillColor('#000')
    .text(CERTIFICATE_KIND_LABELS[c.kind].vi, left, M + 252, centre);
  const titleSize = doc.font('bold').fontSize(22).heightOfString(c.title, { width: inner }) > 60 ? 16 : 22;
  doc
    .font('bold')
    .fontSize(titleSize)
    .fillColor('#000')
    .text(`“${c.title}”`, left, M + 278, { ...centre, height: 64, ellipsis: true });

  doc
    .font('regular')
    .fontSize(14)
    .fillColor('#222')
    .text(`Đơn vị: ${c.unitName}`, left, M + 352, centre);
  doc.text(`Ngày cấp: ${vnDate(c.issuedOn)}`, centre);

  // Bottom row: the serial and where to check it, beside the QR code.
  const qrX = W - M - 24 - QR_SIZE;
  const qrY = H - M - 24 - QR_SIZE;
  drawQr(doc, c.verifyUrl, qrX, qrY, QR_SIZE);
  const textWidth = qrX - left - 16;
  doc
    .font('bold')
    .fontSize(13)
    .fillColor('#000')
    .text(`Số hiệu: ${c.serial}`, left, qrY + 30, { width: textWidth });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#333')
    .text(`Kiểm tra tính hợp lệ: quét mã QR hoặc mở ${c.verifyUrl}`, { width: textWidth });
}

const collect = (doc: PDFKit.PDFDocument) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

/** One certificate's PDF. `compress: false` writes readable streams (tests). */
export async function renderCertificatePdf(
  c: PrintableCertificate,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = newDocument(
    { title: `Giấy chứng nhận ${c.serial}`, subject: `${c.holderName} — ${c.title}` },
    opts.compress ?? true,
  );
  const done = collect(doc);
  drawCertificate(doc, c);
  doc.end();
  return done;
}

/**
 * Many certificates as one PDF, one per page, streamed: pages are written as they are drawn and the source is read
 * a page of rows at a time, so memory stays flat however many there are. The consumer's pace is respected (drawing
 * waits while more than a megabyte is unread). A document with no certificate has one page saying so.
 */
export function streamCertificatesPdf(title: string, source: AsyncIterable<PrintableCertificate>): PDFKit.PDFDocument {
  const doc = newDocument({ title });
  (async () => {
    let any = false;
    for await (const c of source) {
      any = true;
      drawCertificate(doc, c);
      while (doc.readableLength > 1 << 20 && !doc.destroyed) await new Promise((r) => setTimeout(r, 5));
      if (doc.destroyed) return;
    }
    if (!any) {
      doc.addPage({ size: 'A4', layout: 'landscape', margin: PAGE.margin });
      doc.font('regular').fontSize(16).text('Không có giấy chứng nhận nào. / No certificates.');
    }
    doc.end();
  })().catch((e: unknown) => doc.destroy(e instanceof Error ? e : new Error(String(e))));
  return doc;
}
