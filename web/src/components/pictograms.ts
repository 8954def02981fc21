// Inline SVG pictograms (viewBox 0 0 64 64) for buttons and labels.
// Emoji are unreliable on older tablets and headless Chromium, so every
// picture is drawn here. Values are the INNER markup of the <svg>; render
// them with <Pictogram name="..."/>. Colours: currentColor (follows the text
// colour), yellow accent #f2b705, white #fff. No ids, no text, no scripts.

/** Shared line style: bold round strokes in the current text colour. */
const g = (inner: string): string =>
  `<g fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">${inner}</g>`;

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
} as const satisfies Record<string, string>;

export type PictogramName = keyof typeof pictograms;
