/**
 * Certificates printed in batches on the print kit: two A5 landscape certificates on each A4 sheet
 * (one above the other, a dashed line to cut along), each with the administrative heading, the
 * name, what it certifies, the decision, the signer block, and its QR code (drawn as SVG by
 * `qrcode`, loaded the first time certificates are printed, not with the server).
 */
import { printDocument } from '../../../print/document.ts';
import { html, lines, raw, type Html } from '../../../print/html.ts';
import { documentStyle } from '../../../print/print.css.ts';
import type { Certificate, CertificateBatch } from './certificates.ts';

/** A4 portrait sheets with no page margin: each holds two A5 landscape certificates (210 × 148 mm). */
const SHEETS = {
  pages: '@page { size: A4 portrait; margin: 0; }\n',
  body: 'margin: 0 auto; padding: 0; width: 210mm;',
  layout: '@media screen { .sheet { outline: 1px solid #ccc; margin-bottom: 4mm; } }',
};

const CSS = `.sheet { width: 210mm; height: 296mm; overflow: hidden; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.certificate { width: 210mm; height: 148mm; padding: 6mm 8mm; overflow: hidden; break-inside: avoid; }
.certificate + .certificate { border-top: 1px dashed #777; }
.frame { height: 100%; border: 3pt double #7a1414; padding: 4mm 7mm; display: flex; flex-direction: column; }
.heading { font-size: 11pt; }
h1 { font-size: 22pt; color: #7a1414; margin: 5mm 0 1mm; letter-spacing: 1pt; }
.issuer { text-align: center; font-weight: bold; font-size: 12pt; }
.recognizes { text-align: center; font-weight: bold; font-size: 12pt; margin-top: 1mm; }
.name { text-align: center; font-size: 20pt; font-weight: bold; margin: 3mm 0 1mm; }
.details, .achievement, .decision { text-align: center; }
.achievement { font-weight: bold; font-size: 14pt; margin-top: 1mm; }
.decision { font-style: italic; font-size: 11pt; }
.foot { display: flex; justify-content: space-between; align-items: flex-end; margin-top: auto; }
.qr { width: 34mm; text-align: center; font-size: 8.5pt; }
.qr svg { width: 30mm; height: 30mm; display: block; margin: 0 auto; }
.foot .sign { width: 55%; font-size: 12pt; }
.foot .sign .space { height: 16mm; }`;

const STYLE = documentStyle(SHEETS, CSS);

/** The QR code of a link, as SVG markup from the library (its input is our own link: base64url and the base address). */
async function qrSvg(text: string): Promise<Html> {
  const QR = (await import('qrcode')).default;
  return raw(await QR.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
}

async function certificateHtml(batch: CertificateBatch, c: Certificate): Promise<Html> {
  const details = c.details.length > 0 ? html`<p class="details">${c.details.join(' – ')}</p>` : '';
  return html`<section class="certificate" data-certificate data-verify-url="${c.verifyUrl}">
<div class="frame">
<table class="heading"><tr>
<td class="org"><p>${batch.agency[0]}</p><p class="b">${batch.agency[1]}</p><div class="rule"></div></td>
<td class="nation"><p class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class="b motto">Độc lập - Tự do - Hạnh phúc</p></td>
</tr></table>
<h1>GIẤY CÔNG NHẬN</h1>
<p class="issuer">${batch.issuerUpper}</p>
<p class="recognizes">CÔNG NHẬN</p>
<p class="name">${c.claims.name}</p>
${details}
<p class="achievement">${batch.achievement}</p>
<p class="decision">${batch.decisionLine}</p>
<div class="foot">
<div class="qr">${await qrSvg(c.verifyUrl)}<p>Quét mã để xác minh</p></div>
<div class="sign"><p class="i">${batch.placeAndDate}</p><p class="b">${batch.signerLines[0]}</p><p class="b">${batch.signerLines[1]}</p>
<div class="space"></div><p class="b">${batch.signerName}</p></div>
</div>
</div>
</section>`;
}

/** The whole batch: the certificates two by two, one A4 sheet each pair. */
export async function certificatesHtml(batch: CertificateBatch): Promise<string> {
  const parts: Html[] = [];
  for (const c of batch.certificates) parts.push(await certificateHtml(batch, c));
  const sheets: Html[] = [];
  for (let i = 0; i < parts.length; i += 2)
    sheets.push(html`<div class="sheet" data-sheet>
${lines(parts.slice(i, i + 2))}
</div>`);
  return printDocument(`Giấy công nhận – Quyết định số ${batch.number}`, STYLE, html`${lines(sheets)}`);
}
