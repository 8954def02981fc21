import type { ErrorEntry } from './entry.ts';

/** Staff sign-in and accounts, backups, village lists, the commune's decisions and population. */
export const staffErrors = {
  'auth.required': { status: 401, message: () => 'Sign in as center staff first.' },
  'auth.forbidden': {
    status: 403,
    message: (d: { roles?: string[] }) => `Only ${(d.roles ?? []).join(', ')} may do this.`,
  },
  'auth.invalid': { status: 401, message: () => 'Wrong name or PIN.' },
  'auth.locked': {
    status: 429,
    message: (d: { retryAfterSeconds?: number }) =>
      `Too many wrong PINs: try again in ${d.retryAfterSeconds ?? '?'} seconds.`,
  },
  'auth.setup-done': { status: 409, message: () => 'The center administrator already exists.' },
  'auth.setup-code-invalid': {
    status: 403,
    message: () =>
      "The setup code is missing or wrong: it is printed on the box's console at start (npm run staff -- setup-code shows it again).",
  },
  'auth.pin-weak': {
    status: 422,
    message: (d: { reason?: string }) =>
      `This PIN is too easy to guess (${d.reason ?? 'weak'}): avoid one digit repeated, runs like 123456 and common PINs.`,
  },
  'auth.throttled': {
    status: 429,
    message: (d: { retryAfterSeconds?: number }) =>
      `Too many attempts from this device: try again in ${d.retryAfterSeconds ?? '?'} seconds.`,
  },
  'staff.last-admin': {
    status: 409,
    message: () => 'The last active administrator cannot be deactivated: make another administrator first.',
  },
  'staff.name-taken': { status: 409, message: () => 'A staff account with this name already exists.' },
  'staff.not-found': { status: 404, message: () => 'No such staff account.' },
  'list.empty': {
    status: 409,
    message: (d: { title?: string }) =>
      d.title === 'dhht'
        ? 'No appraised clan of this center passes in this year.'
        : d.title === 'gdht'
          ? 'No appraised household passes in this village and year.'
          : 'No appraised person passes in this village and year.',
  },
  'decision.not-proposed': {
    status: 422,
    message: (d: { personIds?: string[]; subjects?: { kind: string; id: string }[] }) =>
      `Not proposed for recognition this year (appraised and passing): ${[...(d.personIds ?? []), ...(d.subjects ?? []).map((s) => `${s.kind} ${s.id}`)].join(', ')}.`,
  },
  'decision.already-recognized': {
    status: 409,
    message: (d: { personIds?: string[]; subjects?: { kind: string; id: string }[] }) =>
      `Already recognized by another decision this year: ${[...(d.personIds ?? []), ...(d.subjects ?? []).map((s) => `${s.kind} ${s.id}`)].join(', ')}.`,
  },
  'decision.not-found': { status: 404, message: () => 'No decision with that id.' },
  'decision.already-revoked': { status: 409, message: () => 'This decision has already been withdrawn.' },
  'decision.person-not-named': {
    status: 422,
    message: () => 'This decision does not name that person (or household, clan, village or unit).',
  },
  'decision.next-level-too-soon': {
    status: 422,
    message: (d: { subjects?: { kind: string; id: string; from: string }[] }) =>
      `A higher level only after the wait since the level below (circular 25/2023: 12 months): ${(d.subjects ?? []).map((s) => `${s.kind} ${s.id} from ${s.from}`).join(', ')}.`,
  },
  'decision.list-not-closed': {
    status: 422,
    message: (d: { lists?: string[] }) =>
      `The village branch has not closed (chốt) the list these come on, so the commune cannot decide on them yet: ${(d.lists ?? []).join(', ')}.`,
  },
  'list-return.not-closed': {
    status: 409,
    message: () => 'That list is not closed now (never sent, or returned already and not closed again).',
  },
  'list-return.decided': {
    status: 409,
    message: () => 'A decision already names someone on that list: reopen that result in the decision first.',
  },
  'backup.not-found': {
    status: 404,
    message: (d: { path?: string }) => `No backup (manifest.json) in ${d.path ?? 'that folder'}.`,
  },
  'backup.damaged': {
    status: 422,
    message: (d: { files?: string[] }) => `The backup is damaged and was not restored: ${(d.files ?? []).join(', ')}.`,
  },
  'backup.newer-version': {
    status: 409,
    message: (d: { schemaVersion?: string }) =>
      `The backup comes from a newer version of the kiosk (${d.schemaVersion ?? '?'}): update the kiosk first.`,
  },
  'backup.target-not-empty': {
    status: 409,
    message: (d: { dataDir?: string }) =>
      `${d.dataDir ?? 'The data folder'} already holds a database: restore over it only with --force.`,
  },
  'backup.kiosk-running': {
    status: 409,
    message: () => 'The kiosk is running on this data folder: stop it before restoring.',
  },
  'backup.folder-missing': {
    status: 404,
    message: (d: { path?: string }) => `The folder ${d.path ?? ''} does not exist (is the USB stick plugged in?).`,
  },
  'backup.no-data': {
    status: 404,
    message: (d: { dataDir?: string }) => `No kiosk database in ${d.dataDir ?? 'the data folder'}.`,
  },
  'backup.postgres': {
    status: 409,
    message: () =>
      'The database is on PostgreSQL (db.url): back it up with pg_dump; only the SQLite database of a box is backed up here.',
  },
  'backup.no-space': {
    status: 507,
    message: (d: { neededBytes?: number; freeBytes?: number }) =>
      `Not enough space for the backup: ${d.neededBytes ?? '?'} bytes needed, ${d.freeBytes ?? '?'} free.`,
  },
  'backup.failed': {
    status: 500,
    message: (d: { reason?: string }) => `The backup could not be written: ${d.reason ?? 'unknown error'}.`,
  },
  'population.village-unknown': {
    status: 422,
    message: (d: { name?: string }) =>
      `"${d.name ?? ''}" is not a village (or commune) this hub knows: enter figures only for the villages of its centers, under their current names.`,
  },
  'history.import-unreadable': {
    status: 422,
    message: () => 'The file is not a readable .xlsx workbook of past recognitions (download the template).',
  },
  'history.import-columns': {
    status: 422,
    message: (d: { missing?: string[] }) =>
      `The header row does not have the template's columns; missing: ${(d.missing ?? []).join(', ')}.`,
  },
  'history.import-invalid': {
    status: 422,
    message: (d: { rows?: { row: number; problems: string[] }[] }) =>
      `Nothing was imported: ${(d.rows ?? []).map((r) => `row ${r.row}: ${r.problems.join(', ')}`).join(' | ')}`,
  },
  'history.row-not-found': { status: 404, message: () => 'No imported recognition with that id.' },
  'history.not-in-review': {
    status: 409,
    message: () => 'This imported recognition has no close match waiting for review.',
  },
  'population.totals-commune-only': {
    status: 422,
    message: () => "The commune's totals of clans and of units are entered on the commune hub only.",
  },
  'population.total-below-registered': {
    status: 422,
    message: (d: { kind?: string; count?: number; registered?: number }) =>
      `The total (${d.count ?? '?'}) is below the ${d.kind === 'units-total' ? 'units' : 'clans'} already registered in the commune that year (${d.registered ?? '?'}).`,
  },
} as const satisfies Record<string, ErrorEntry>;
