// Inline SVG pictograms (viewBox 0 0 64 64) for buttons and labels.
// Emoji are unreliable on older tablets and headless Chromium, so every
// picture is drawn here. Values are the INNER markup of the <svg>; render
// them with <Pictogram name="..."/>. Colours: currentColor (follows the text
// colour), yellow accent #f2b705, white #fff. No ids, no text, no scripts.

/** Shared line style: bold round strokes in the current text colour. */
const g = (inner: string): string =>
  `<g fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">${inner}</g>`;

/** Four bars of rising height, the first `n` filled: how well something is done. */
function bars(n: number): string {
  return g(
    [0, 1, 2, 3]
      .map(
        (i) =>
          `<rect x="${7 + i * 13}" y="${46 - i * 11}" width="10" height="${12 + i * 11}" rx="2" fill="${i < n ? '#f2b705' : '#fff'}"/>`,
      )
      .join(''),
  );
}

export const pictograms = {
  farmer: g(
    '<circle cx="24" cy="30" r="8" fill="currentColor"/>' +
      '<path d="M7 60v-3c0-8 8-13 17-13s17 5 17 13v3z" fill="currentColor"/>' +
      '<path d="M5 27 24 10l19 17z" fill="#f2b705"/>' +
      '<path d="M55 60V16" stroke-width="3"/>' +
      '<g fill="#f2b705" stroke-width="2"><ellipse cx="55" cy="13" rx="2.6" ry="5"/><ellipse cx="51.5" cy="24" rx="2.6" ry="5" transform="rotate(-35 51.5 24)"/><ellipse cx="58.5" cy="24" rx="2.6" ry="5" transform="rotate(35 58.5 24)"/><ellipse cx="51.5" cy="34" rx="2.6" ry="5" transform="rotate(-35 51.5 34)"/><ellipse cx="58.5" cy="34" rx="2.6" ry="5" transform="rotate(35 58.5 34)"/></g>',
  ),
  worker: g(
    '<circle cx="32" cy="31" r="8" fill="currentColor"/>' +
      '<path d="M12 60v-3c0-9 9-14 20-14s20 5 20 14v3z" fill="currentColor"/>' +
      '<path d="M18 24a14 13 0 0 1 28 0z" fill="#f2b705"/><path d="M12 25h40M32 11v7"/>' +
      '<path d="M24 46v12M40 46v12" stroke="#f2b705"/>',
  ),
  official: g(
    '<circle cx="26" cy="19" r="9" fill="currentColor"/>' +
      '<path d="M6 60v-6c0-10 9-17 20-17s20 7 20 17v6z" fill="currentColor"/>' +
      '<path d="m26 38-3 4 3 12 3-12z" fill="#f2b705" stroke="#f2b705" stroke-width="2"/>' +
      '<rect x="38" y="42" width="22" height="16" rx="3" fill="#f2b705"/><path d="M44 42v-4h10v4"/>',
  ),
  resident: g(
    '<path d="M14 28v28h36V28"/><path d="M6 30 32 8l26 22z" fill="#f2b705"/>' +
      '<rect x="27" y="40" width="10" height="16" fill="currentColor"/>' +
      '<rect x="17" y="36" width="6" height="6" fill="#f2b705" stroke-width="3"/>' +
      '<path d="M6 56h52"/>',
  ),
  student: g(
    '<circle cx="32" cy="33" r="8" fill="currentColor"/>' +
      '<path d="M12 60v-3c0-8 9-12 20-12s20 4 20 12v3z" fill="currentColor"/>' +
      '<path d="M21 21v6c0 2 5 3 11 3s11-1 11-3v-6" fill="currentColor"/>' +
      '<path d="M32 8l26 10-26 10L6 18z" fill="#f2b705"/>' +
      '<path d="M55 20v11" stroke-width="3"/><circle cx="55" cy="34" r="3" fill="currentColor"/>',
  ),
  newPerson: g(
    '<circle cx="24" cy="22" r="9" fill="currentColor"/>' +
      '<path d="M5 60v-5c0-10 9-16 19-16s19 6 19 16v5z" fill="currentColor"/>' +
      '<circle cx="50" cy="20" r="11" fill="#f2b705"/><path d="M50 14v12M44 20h12"/>',
  ),
  card: g(
    '<path d="M6 12h40l12 12v28H6z"/><path d="M46 12v12h12" fill="#f2b705"/>' +
      '<g stroke-width="3"><rect x="12" y="20" width="8" height="8"/><rect x="24" y="20" width="8" height="8"/><rect x="12" y="36" width="8" height="8"/></g>' +
      '<path d="M24 36h3v3h-3zM29 36h3v3h-3zM29 41h3v3h-3z" fill="currentColor" stroke-width="1.5"/>' +
      '<path d="M38 32h12M38 40h14M38 48h8" stroke-width="3"/>',
  ),
  camera: g(
    '<path d="M6 24a5 5 0 0 1 5-5h8l4-7h18l4 7h8a5 5 0 0 1 5 5v24a5 5 0 0 1-5 5H11a5 5 0 0 1-5-5z"/>' +
      '<circle cx="32" cy="35" r="11" fill="#f2b705"/><circle cx="32" cy="35" r="4" fill="currentColor"/>' +
      '<path d="M13 26h4" />',
  ),
  speaker: g(
    '<path d="M8 24h10v16H8z" fill="#f2b705"/><path d="M18 24 32 12v40L18 40z" fill="currentColor"/>' +
      '<path d="M40 25a10 10 0 0 1 0 14M46 18a20 20 0 0 1 0 28M52 12a28 28 0 0 1 0 40"/>',
  ),
  book: g(
    '<path d="M32 16c-6-5-16-6-26-4v38c10-2 20-1 26 4 6-5 16-6 26-4V12c-10-2-20-1-26 4z" fill="#f2b705"/>' +
      '<path d="M32 16v38"/><path d="M12 22c5-1 10 0 14 2M12 30c5-1 10 0 14 2M38 24c4-2 9-3 14-2M38 32c4-2 9-3 14-2" stroke-width="3"/>',
  ),
  printer: g(
    '<path d="M18 24V8h28v16"/>' +
      '<path d="M16 46h-6a4 4 0 0 1-4-4V28a4 4 0 0 1 4-4h44a4 4 0 0 1 4 4v14a4 4 0 0 1-4 4h-6"/>' +
      '<path d="M18 38h28v20H18z"/><path d="M24 46h16M24 52h10" stroke-width="3"/>' +
      '<circle cx="50" cy="31" r="3" fill="#f2b705" stroke-width="2"/>',
  ),
  check: g('<circle cx="32" cy="32" r="26" fill="#f2b705"/><path d="m19 33 9 9 17-19" stroke-width="6"/>'),
  hourglass: g(
    '<path d="M22 17h20c-2 6-6 9-10 11-4-2-8-5-10-11zM20 54c1-7 6-11 12-12 6 1 11 5 12 12z" fill="#f2b705" stroke="none"/>' +
      '<path d="M32 30v14" stroke="#f2b705" stroke-width="3"/>' +
      '<path d="M17 7c0 15 12 18 12 25S17 42 17 57M47 7c0 15-12 18-12 25s12 10 12 25"/>' +
      '<path d="M12 6h40M12 58h40" stroke-width="5"/>',
  ),
  search: g(
    '<circle cx="26" cy="26" r="17" fill="#f2b705"/><path d="M18 21a9 9 0 0 1 8-6" stroke="#fff" stroke-width="3"/>' +
      '<path d="M39 39 57 57" stroke-width="8"/>',
  ),
  weather: g(
    '<circle cx="22" cy="22" r="9" fill="#f2b705"/><path d="M22 5v3M5 22h3M10 10l2 2M34 10l-2 2M10 34l2-2"/>' +
      '<path d="M20 54h28a10 10 0 0 0 0-20A13 13 0 0 0 24 31a12 12 0 0 0-4 23z" fill="#fff"/>',
  ),
  news: g(
    '<path d="M8 10h40v44H12a4 4 0 0 1-4-4z"/><path d="M48 20h8v30a4 4 0 0 1-8 0"/>' +
      '<rect x="14" y="16" width="28" height="8" fill="#f2b705" stroke-width="3"/>' +
      '<rect x="14" y="30" width="11" height="10" fill="currentColor" stroke-width="3"/>' +
      '<path d="M30 31h12M30 38h12M14 46h28" stroke-width="3"/>',
  ),
  photo: g(
    '<rect x="6" y="10" width="52" height="44" rx="5"/><circle cx="21" cy="23" r="5" fill="#f2b705"/>' +
      '<path d="M11 49l13-15 9 10 9-12 11 17z" fill="currentColor"/>',
  ),
  message: g(
    '<path d="M14 8h36a6 6 0 0 1 6 6v24a6 6 0 0 1-6 6H28L16 55V44h-2a6 6 0 0 1-6-6V14a6 6 0 0 1 6-6z" fill="#f2b705"/>' +
      '<g fill="currentColor" stroke="none"><circle cx="21" cy="26" r="4"/><circle cx="32" cy="26" r="4"/><circle cx="43" cy="26" r="4"/></g>',
  ),
  videoCall: g(
    '<rect x="5" y="16" width="38" height="32" rx="6" fill="#f2b705"/><path d="m43 28 15-9v26l-15-9z" fill="currentColor"/>' +
      '<circle cx="24" cy="28" r="5" fill="currentColor" stroke-width="2"/><path d="M14 46c1-6 5-9 10-9s9 3 10 9z" fill="currentColor" stroke-width="2"/>',
  ),
  phone: g(
    '<path d="M14 8h10l4 12-7 5c3 7 8 12 15 15l5-7 12 4v10c0 3-3 5-6 5C28 52 12 36 10 14c0-3 2-6 4-6z" fill="currentColor"/>' +
      '<path d="M38 8a18 18 0 0 1 18 18M38 17a9 9 0 0 1 9 9" stroke="#f2b705"/>',
  ),
  group: g(
    '<circle cx="13" cy="25" r="6" fill="#f2b705"/><path d="M2 54v-3c0-7 5-11 11-11s11 4 11 11v3z" fill="#f2b705"/>' +
      '<circle cx="51" cy="25" r="6" fill="#f2b705"/><path d="M40 54v-3c0-7 5-11 11-11s11 4 11 11v3z" fill="#f2b705"/>' +
      '<circle cx="32" cy="21" r="8" fill="currentColor"/><path d="M17 58v-4c0-9 7-14 15-14s15 5 15 14v4z" fill="currentColor"/>',
  ),
  form: g(
    '<rect x="11" y="10" width="42" height="48" rx="4"/><rect x="22" y="5" width="20" height="10" rx="3" fill="#f2b705"/>' +
      '<g stroke-width="3"><rect x="18" y="23" width="7" height="7"/><rect x="18" y="35" width="7" height="7"/><rect x="18" y="47" width="7" height="7"/>' +
      '<path d="M31 27h15M31 39h15M31 51h10"/></g><path d="m18 26 4 4 7-9" stroke="#f2b705" stroke-width="4"/>',
  ),
  lock: g(
    '<path d="M20 28v-8a12 12 0 0 1 24 0v8"/><rect x="11" y="28" width="42" height="30" rx="5" fill="#f2b705"/>' +
      '<circle cx="32" cy="40" r="4" fill="currentColor"/><path d="M32 43v7"/>',
  ),
  shield: g(
    '<path d="M32 5 54 13v17c0 14-9 23-22 29C19 53 10 44 10 30V13z" fill="#f2b705"/><path d="m22 31 7 7 13-14" stroke-width="5"/>',
  ),
  link: g(
    '<g transform="rotate(-45 32 32)" stroke-width="5"><rect x="5" y="24" width="29" height="16" rx="8"/>' +
      '<rect x="30" y="24" width="29" height="16" rx="8"/></g><circle cx="32" cy="32" r="3" fill="#f2b705" stroke="none"/>',
  ),
  warning: g(
    '<path d="M32 6 60 56H4z" fill="#f2b705"/><path d="M32 23v17" stroke-width="6"/>' +
      '<circle cx="32" cy="48" r="3.5" fill="currentColor" stroke="none"/>',
  ),
  cart: g(
    '<path d="M15 18h43l-6 22H21z" fill="#f2b705"/><path d="M4 10h8l9 30-3 8h36"/>' +
      '<circle cx="24" cy="55" r="4" fill="currentColor"/><circle cx="48" cy="55" r="4" fill="currentColor"/>',
  ),
  qrCode: g(
    '<g stroke-width="4"><rect x="7" y="7" width="19" height="19" rx="2"/><rect x="38" y="7" width="19" height="19" rx="2"/><rect x="7" y="38" width="19" height="19" rx="2"/></g>' +
      '<g fill="currentColor" stroke="none"><rect x="13" y="13" width="7" height="7"/><rect x="44" y="13" width="7" height="7"/><rect x="13" y="44" width="7" height="7"/>' +
      '<path d="M36 36h7v7h-7zM50 36h7v7h-7zM43 43h7v7h-7zM36 50h7v7h-7zM50 50h7v7h-7z"/></g>' +
      '<path d="M43 50h7v7h-7z" fill="#f2b705" stroke="none"/>',
  ),
  receipt: g(
    '<path d="M13 6h38v52l-6-4-6 4-7-4-7 4-6-4-6 4z"/>' +
      '<path d="M20 15h24M20 23h24M20 31h14" stroke-width="3"/>' +
      '<rect x="19" y="38" width="26" height="9" rx="2" fill="#f2b705" stroke-width="3"/>',
  ),
  hospital: g(
    '<path d="M10 58V12h44v46M4 58h56"/>' +
      '<path d="M27 17h10v8h8v10h-8v8H27v-8h-8V25h8z" fill="#f2b705" stroke-width="3"/><path d="M26 58V49h12v9"/>',
  ),
  robot: g(
    '<path d="M32 8v6"/><circle cx="32" cy="6" r="3" fill="#f2b705"/><path d="M6 25v10M58 25v10"/>' +
      '<rect x="12" y="14" width="40" height="32" rx="8" fill="#f2b705"/>' +
      '<circle cx="24" cy="28" r="4" fill="currentColor"/><circle cx="40" cy="28" r="4" fill="currentColor"/><path d="M25 38h14"/>' +
      '<path d="M16 60v-5a5 5 0 0 1 5-5h22a5 5 0 0 1 5 5v5"/>',
  ),
  // The welcome screen's settings, chosen by picture (many villagers read little).
  /** Vietnamese: a conical hat (nón lá). */
  langVi: g(
    '<path d="M4 40 32 8l28 32c-9 6-47 6-56 0z" fill="#f2b705"/>' +
      '<path d="M32 8 21 43M32 8l11 35M32 8v37"/>' +
      '<path d="M16 45c4 12 28 12 32 0" stroke-width="3"/>',
  ),
  /** English, for visitors: a globe. */
  langEn: g(
    '<circle cx="32" cy="32" r="26" fill="#f2b705"/><ellipse cx="32" cy="32" rx="11" ry="26"/>' +
      '<path d="M6 32h52M11 19h42M11 45h42"/>',
  ),
  /** Text sizes: the letter A drawn small, larger, largest. */
  textSmall: g('<path d="M24 50 32 28l8 22M27 43h10"/>'),
  textMedium: g('<path d="M18 54 32 18l14 36M23 42h18" stroke-width="5"/>'),
  textLarge: g('<path d="M10 58 32 6l22 52M18 40h28" stroke-width="6"/>'),
  /** Simple mode: one big button, one finger. */
  simple: g(
    '<rect x="8" y="6" width="48" height="32" rx="10" fill="#f2b705"/>' +
      '<path d="M30 60V30a4 4 0 0 1 8 0v12l8 2c3 1 4 3 3 6l-3 10" fill="#fff"/>',
  ),
  arrowLeft: g('<path d="M54 32H12M28 15 11 32l17 17" stroke-width="6"/>'),
  arrowRight: g('<path d="M10 32h42M36 15l17 17-17 17" stroke-width="6"/>'),
  /** "Gia đình tôi": a house roof over two adults and a child. */
  family: g(
    '<path d="M4 28 32 6l28 22" fill="#f2b705"/>' +
      '<circle cx="20" cy="30" r="6" fill="currentColor"/><path d="M9 60v-8c0-7 5-11 11-11s11 4 11 11v8z" fill="currentColor"/>' +
      '<circle cx="44" cy="30" r="6" fill="currentColor"/><path d="M33 60v-8c0-7 5-11 11-11s11 4 11 11v8z" fill="currentColor"/>' +
      '<circle cx="32" cy="44" r="4.5" fill="#fff"/><path d="M24 60v-3c0-5 4-8 8-8s8 3 8 8v3z" fill="#fff"/>',
  ),
  /** A child of school age: a small figure with a school bag. */
  child: g(
    '<circle cx="30" cy="18" r="9" fill="currentColor"/>' +
      '<path d="M16 60V44c0-9 6-15 14-15s14 6 14 15v16z" fill="currentColor"/>' +
      '<rect x="40" y="32" width="16" height="20" rx="4" fill="#f2b705"/><path d="M44 32v-4h8v4"/>',
  ),
  /** A school: a building with a flag. */
  school: g(
    '<path d="M10 58V30h44v28z" fill="#fff"/><path d="M6 32 32 16l26 16z" fill="#f2b705"/>' +
      '<rect x="27" y="42" width="10" height="16" fill="currentColor"/>' +
      '<path d="M32 16V4"/><path d="M32 4h12l-3 4 3 4H32" fill="#f2b705" stroke-width="2"/>',
  ),
  /** No: a circle with a cross. */
  no: g('<circle cx="32" cy="32" r="26" fill="#fff"/><path d="m21 21 22 22M43 21 21 43" stroke-width="6"/>'),
  /** Simple mode's score levels: one to four bars filled. */
  bars1: bars(1),
  bars2: bars(2),
  bars3: bars(3),
  bars4: bars(4),
} as const satisfies Record<string, string>;

export type PictogramName = keyof typeof pictograms;

/** Whether a name from data (e.g. a question bank's `picture`) is a picture drawn here. */
export function isPictogramName(name: string): name is PictogramName {
  return Object.hasOwn(pictograms, name);
}
