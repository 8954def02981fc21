import type { ErrorEntry } from './entry.ts';

/** Villagers, their look-up and their records, households, clans and units. */
export const peopleErrors = {
  'person.not-found': { status: 404, message: () => 'No person with that id or code at this center.' },
  'person.consent-required': {
    status: 422,
    message: () => 'Consent to the assessment purpose is required to register.',
  },
  'person.village-unknown': {
    status: 422,
    message: (d: { village?: string }) => `Village "${d.village ?? ''}" is not one of this center's villages.`,
  },
  'person.id-conflict': { status: 409, message: () => 'A different person was already registered with this id.' },
  'villager.token-required': {
    status: 401,
    message: () => "Start the villager's session with her code and birth year (or her registration) first.",
  },
  'villager.forbidden': { status: 403, message: () => "This session's token does not cover that record." },
  'decline.decided': {
    status: 409,
    message: () => 'This person is already recognized for the year: reopen the decision instead of declining.',
  },
  'household.not-found': {
    status: 404,
    message: () => 'No household with that id (or no household headed by that person).',
  },
  'household.id-conflict': { status: 409, message: () => 'A different household was already registered with this id.' },
  'household.member-taken': {
    status: 409,
    message: () => 'This person already belongs to another household; a facilitator can move them.',
  },
  'household.member-not-found': { status: 404, message: () => 'This person is not a current member of the household.' },
  'household.head-cannot-leave': {
    status: 409,
    message: () => 'The head of a household cannot leave it: make another member the head first.',
  },
  'household.year-invalid': {
    status: 422,
    message: (d: { year?: number }) => `Facts cannot be entered for ${d.year ?? 'that year'}, which has not begun.`,
  },
  'clan.not-found': { status: 404, message: () => 'No clan with that id.' },
  'clan.id-conflict': { status: 409, message: () => 'A different clan was already created with this id.' },
  'clan.household-taken': { status: 409, message: () => 'This household already belongs to another clan.' },
  'clan.household-not-found': { status: 404, message: () => 'This household is not in the clan.' },
  'registry.subject-not-found': {
    status: 404,
    message: (d: { kind?: string; id?: string }) =>
      `No ${d.kind ?? 'subject'} "${d.id ?? ''}" in this center's registry.`,
  },
  'unit.not-found': { status: 404, message: () => 'No unit with that id.' },
  'unit.id-conflict': { status: 409, message: () => 'A different unit was already created with this id.' },
  'unit.member-not-found': { status: 404, message: () => 'This person is not linked to the unit.' },
  'unit.staff-count-below-linked': {
    status: 422,
    message: (d: { count?: number; linked?: number }) =>
      `The staff count (${d.count ?? '?'}) cannot be below the number of staff linked to the unit (${d.linked ?? '?'}).`,
  },
  'unit.unknown': {
    status: 422,
    message: (d: { names?: string[] }) =>
      `No village or center of that kind is known by these names: ${(d.names ?? []).join(', ')}.`,
  },
  'unit.same-name': { status: 422, message: () => 'A unit cannot be renamed or merged into itself.' },
  'unit.cycle': {
    status: 422,
    message: (d: { name?: string }) =>
      `"${d.name ?? ''}" was itself merged or renamed into one of these names: that would go round in a circle.`,
  },
  'person.birth-year-out-of-range': {
    status: 422,
    message: (d: { earliest?: number; latest?: number; year?: number }) =>
      `The birth year must be from ${d.earliest ?? '?'} to ${d.latest ?? '?'} (the ages this center registers, in ${d.year ?? 'the assessment year'}).`,
  },
  'person.minors-off': {
    status: 422,
    message: (d: { guardianUnder?: number }) =>
      `This center does not register children (under ${d.guardianUnder ?? '?'}).`,
  },
  'person.child-needs-assistance': {
    status: 422,
    message: (d: { guardianUnder?: number }) =>
      `A child (under ${d.guardianUnder ?? '?'}) is registered only in assisted mode: a facilitator signed in beside her, named as assistedBy.`,
  },
  'person.guardian-consent-required': {
    status: 422,
    message: () =>
      "A child's registration and assessment need her parent's or guardian's consent recorded (name and relation).",
  },
  'person.guardian-not-needed': {
    status: 422,
    message: () => "An adult's registration carries no guardian: it is not collected.",
  },
  'person.consents-differ': {
    status: 409,
    message: () =>
      'This person was registered under this id with other consents (or another guardian): change consents at the center, not by registering again.',
  },
} as const satisfies Record<string, ErrorEntry>;
