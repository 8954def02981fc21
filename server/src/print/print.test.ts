import { describe, expect, it } from 'vitest';
import { emptyRow, heading, printDocument, signatures, signer, table, td, th, tr } from './document.ts';
import { html, lines } from './html.ts';
import { documentStyle, PORTRAIT } from './print.css.ts';

const evil = 'Lan <script>alert("x")</script> & \'Hoa\'';
const escaped = 'Lan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Hoa&#39;';

describe('html', () => {
  it.each([
    ['text', html`<p>${evil}</p>`, `<p>${escaped}</p>`],
    ['a number as written', html`<td>${1234.5}</td>`, '<td>1234.5</td>'],
    ['nothing for null, undefined and false', html`<p>${null}${undefined}${false}</p>`, '<p></p>'],
    [
      'a list, joined',
      html`<tr>${[html`<td>${evil}</td>`, html`<td>2</td>`]}</tr>`,
      `<tr><td>${escaped}</td><td>2</td></tr>`,
    ],
    ['HTML made here, as it is', html`<div>${html`<b>${evil}</b>`}</div>`, `<div><b>${escaped}</b></div>`],
    ['pieces one per line', lines([html`<p>1</p>`, html`<p>${'<2>'}</p>`]), '<p>1</p>\n<p>&lt;2&gt;</p>'],
  ])('writes %s', (_what, out, expected) => {
    expect(out.toString()).toBe(expected);
  });
});

describe('the document parts', () => {
  it('escape every text they are given', () => {
    const parts = [
      heading({
        agency: [{ text: evil }, { text: evil, bold: true }],
        number: evil,
        placeAndDate: evil,
        title: evil,
        subtitle: evil,
      }),
      signatures([signer([evil], evil)]),
      table('grid', tr([th(evil, 10)]), [tr([td(evil, 'num')]), emptyRow(2, evil)], 'summary'),
    ];
    for (const part of parts) {
      expect(part.toString()).not.toContain('<script');
      expect(part.toString()).toContain(escaped);
    }
  });

  it('frame a whole A4 document with its title escaped and its style sheet as written', () => {
    const doc = printDocument(evil, documentStyle(PORTRAIT, '.list { margin: 0; }'), html`<p>${evil}</p>`);
    expect(typeof doc).toBe('string');
    expect(doc.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(doc).toContain(`<title>${escaped}</title>`);
    expect(doc).toContain('font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif;');
    expect(doc).toContain('@page { size: A4;');
    expect(doc).not.toContain('<script');
  });

  it('lays out the administrative heading: agency, motto, place and date, title', () => {
    const out = heading({
      agency: [{ text: 'HỘI KHUYẾN HỌC XÃ TÂN LẬP' }, { text: 'CHI HỘI THÔN ĐỒNG CHẰM', bold: true }],
      placeAndDate: 'Tân Lập, ngày 05 tháng 3 năm 2026',
      title: 'DANH SÁCH',
      subtitle: 'Thôn Đồng Chằm',
    }).toString();
    expect(out).toContain(
      '<td class="org"><p>HỘI KHUYẾN HỌC XÃ TÂN LẬP</p>\n<p class="b">CHI HỘI THÔN ĐỒNG CHẰM</p><div class="rule"></div></td>',
    );
    expect(out).toContain('<p class="b motto">Độc lập - Tự do - Hạnh phúc</p>');
    expect(out).toContain('<td class="place i">Tân Lập, ngày 05 tháng 3 năm 2026</td>');
    expect(out).toContain('<h1>DANH SÁCH</h1>\n<p class="subtitle">Thôn Đồng Chằm</p>');
  });
});
