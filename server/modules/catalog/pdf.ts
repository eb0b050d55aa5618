import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * One-page A4 print of a guide for door-to-door work: large type, the steps, the review date and a QR code to the
 * guide's web page. The font (Be Vietnam Pro, SIL OFL 1.1, licence in its npm package: LICENSE_FONT) is bundled, so
 * nothing is loaded from the system or the network and every Vietnamese letter prints.
 */

const require = createRequire(import.meta.url);
const fontPath = (weight: string) =>
  require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
const loadFonts = () => {
  fonts ??= { regular: readFileSync(fontPath('400Regular')), bold: readFileSync(fontPath('700Bold')) };
  return fonts;
};

export interface PrintableGuide {
  title: string;
  serviceName: string;
  publisher: string;
  reviewedOn: string;
  steps: string[];
  /** The web guide's address (printed and in the QR code). */
  url: string;
}

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
/** Step text starts large and shrinks one point at a time down to the floor; what still does not fit is online. */
const STEP_SIZES = { start: 20, floor: 13 };
const QR_SIZE = 112;

const vnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

/**
 * Renders the guide: the PDF and how many steps it holds (fewer than the guide's when the rest is left online).
 * `compress: false` writes readable streams.
 */
export async function renderGuidePdf(
  guide: PrintableGuide,
  opts: { compress?: boolean } = {},
): Promise<{ pdf: Buffer; printedSteps: number }> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    compress: opts.compress ?? true,
    autoFirstPage: true,
    info: { Title: guide.title, Subject: guide.serviceName, Creator: 'Xã Số' },
    lang: 'vi-VN',
  });
  // Everything is placed within the page by hand: no text may ever open a second page.
  doc.page.margins.bottom = 0;
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  const bottom = PAGE.height - PAGE.margin;

  // Header: the title beside the QR code.
  const qr = await QRCode.toBuffer(guide.url, {
    type: 'png',
    margin: 1,
    width: QR_SIZE * 3,
    errorCorrectionLevel: 'M',
  });
  doc.image(qr, PAGE.width - PAGE.margin - QR_SIZE, PAGE.margin, { width: QR_SIZE, height: QR_SIZE });
  const headWidth = width - QR_SIZE - 16;
  doc.font('bold').fontSize(12).fillColor('#0b5394').text('HƯỚNG DẪN SỬ DỤNG DỊCH VỤ SỐ', left, PAGE.margin, {
    width: headWidth,
  });
  doc.moveDown(0.3);
  const titleSize = doc.font('bold').fontSize(26).heightOfString(guide.title, { width: headWidth }) > 130 ? 20 : 26;
  doc.fillColor('#000').font('bold').fontSize(titleSize).text(guide.title, { width: headWidth });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(13)
    .fillColor('#222')
    .text(`${guide.serviceName} — ${guide.publisher}`, { width: headWidth });
  doc.text(`Cập nhật: ${vnDate(guide.reviewedOn)}`, { width: headWidth });
  const top = Math.max(doc.y, PAGE.margin + QR_SIZE) + 14;
  doc
    .moveTo(left, top)
    .lineTo(left + width, top)
    .lineWidth(1)
    .strokeColor('#999')
    .stroke();

  // Footer: where the guide lives online (printed under the QR code's promise).
  const footer = `Quét mã QR hoặc mở: ${guide.url}`;
  doc.font('regular').fontSize(11);
  const footerHeight = doc.heightOfString(footer, { width }) + 8;
  const stepsBottom = bottom - footerHeight;

  // The largest step size at which every step fits; else the floor and as many steps as fit.
  const numberWidth = 34;
  const textWidth = width - numberWidth;
  const gap = 0.45;
  const heightAt = (size: number, text: string) =>
    doc.font('regular').fontSize(size).heightOfString(text, { width: textWidth }) + size * gap;
  const available = stepsBottom - (top + 14);
  let size = STEP_SIZES.start;
  while (size > STEP_SIZES.floor && guide.steps.reduce((h, s) => h + heightAt(size, s), 0) > available) size -= 1;
  const moreNote = 'Còn các bước tiếp theo: xem đầy đủ trên trang web (quét mã QR).';
  const noteHeight = doc.font('bold').fontSize(size).heightOfString(moreNote, { width }) + 6;

  let y = top + 14;
  let printed = 0;
  for (const [i, step] of guide.steps.entries()) {
    const h = heightAt(size, step);
    const last = i === guide.steps.length - 1;
    if (y + h > stepsBottom - (last ? 0 : noteHeight)) break;
    doc
      .font('bold')
      .fontSize(size)
      .fillColor('#0b5394')
      .text(`${i + 1}.`, left, y, { width: numberWidth });
    doc
      .font('regular')
      .fontSize(size)
      .fillColor('#000')
      .text(step, left + numberWidth, y, { width: textWidth });
    y += h;
    printed += 1;
  }
  if (printed < guide.steps.length)
    doc.font('bold').fontSize(size).fillColor('#b00020').text(moreNote, left, y, { width });

  doc
    .font('regular')
    .fontSize(11)
    .fillColor('#333')
    .text(footer, left, bottom - footerHeight + 8, { width, lineBreak: true, height: footerHeight });
  doc.end();
  return { pdf: await done, printedSteps: printed };
}
