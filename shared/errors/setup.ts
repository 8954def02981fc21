import type { ErrorEntry } from './entry.ts';

/** The setup of a box in the browser (issue 24): what it is, its place, villages, criteria and targets. */
export const setupErrors = {
  'setup.province-unknown': {
    status: 422,
    message: (d: { provinceCode?: string }) => `No province has the code "${d.provinceCode ?? ''}" in the 2025 list.`,
  },
  'setup.commune-unknown': {
    status: 422,
    message: (d: { communeCode?: string }) =>
      `No commune of this province has the code "${d.communeCode ?? ''}" in the 2025 list.`,
  },
  'setup.commune-required': {
    status: 422,
    message: () => 'A center and a commune hub need their commune; only a province hub has none.',
  },
  'setup.villages-required': {
    status: 422,
    message: () => 'A center needs at least one village (thôn, ấp, bản, tổ dân phố...).',
  },
  'setup.village-duplicate': {
    status: 422,
    message: (d: { name?: string }) => `The village "${d.name ?? ''}" is listed twice.`,
  },
  'setup.name-required': { status: 422, message: () => 'A center needs its name.' },
  'setup.criteria-set-unknown': {
    status: 422,
    message: (d: { ref?: string }) => `The criteria set "${d.ref ?? ''}" is not one this box knows.`,
  },
  'setup.kind-locked': {
    status: 409,
    message: () =>
      'What this box is (center, commune hub, province hub) is chosen once: install the box again to change it.',
  },
} as const satisfies Record<string, ErrorEntry>;
