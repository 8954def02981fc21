/**
 * The one catalogue of error codes. The server answers `{ code, message, details }`; the web app
 * shows its own Vietnamese text for each code (web/src/lib/i18n), so codes never change meaning.
 */
export const errorCatalogue = {
  'request.invalid': { status: 400, message: () => 'The request does not match the expected shape.' },
  'request.too-large': {
    status: 413,
    message: (d: { limitBytes?: number }) => `The body is larger than ${d.limitBytes ?? '?'} bytes.`,
  },
  'route.not-found': { status: 404, message: () => 'No such route.' },
  'id.invalid': { status: 400, message: () => 'Ids must be UUIDv7 made by the client.' },
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
  'assessment.not-found': { status: 404, message: () => 'No assessment with that id.' },
  'assessment.criteria-set-unknown': {
    status: 422,
    message: (d: { criteriaSetId?: string; version?: string }) =>
      `Criteria set ${d.criteriaSetId ?? ''} ${d.version ?? ''} is not installed.`,
  },
  'assessment.group-unknown': {
    status: 422,
    message: (d: { group?: string }) => `Group "${d.group ?? ''}" is not in this criteria set.`,
  },
  'assessment.indicator-unknown': {
    status: 422,
    message: (d: { indicatorId?: string }) => `Indicator ${d.indicatorId ?? ''} is not in this criteria set.`,
  },
  'assessment.score-out-of-range': {
    status: 422,
    message: (d: { indicatorId?: string; min?: number; max?: number }) =>
      `Score of ${d.indicatorId ?? ''} must be a whole number from ${d.min ?? '?'} to ${d.max ?? '?'}.`,
  },
  'assessment.incomplete': {
    status: 422,
    message: (d: { missing?: string[] }) => `Cannot submit: no score for ${(d.missing ?? []).join(', ')}.`,
  },
  'assessment.already-submitted': {
    status: 409,
    message: () => 'This assessment was submitted and can no longer change.',
  },
  'assessment.id-conflict': { status: 409, message: () => 'This id belongs to another person or year.' },
  'assessment.year-taken': {
    status: 409,
    message: (d: { year?: number }) => `This person already has an assessment for ${d.year ?? 'this year'}.`,
  },
  'evidence.not-an-image': { status: 415, message: () => 'Evidence photos must be JPEG, PNG or WebP images.' },
  'storage.full-for-photos': {
    status: 507,
    message: (d: { freeMb?: number }) =>
      `The box is nearly full (${d.freeMb ?? '?'} MB free): it takes no more photos or files until space is freed, but still takes records.`,
  },
  'storage.full': {
    status: 503,
    message: (d: { freeMb?: number }) =>
      `The box is full (${d.freeMb ?? '?'} MB free): nothing can be saved until space is freed. The tablet keeps it and retries.`,
  },
  'evidence.too-large': {
    status: 413,
    message: (d: { limitBytes?: number }) => `The photo is larger than ${d.limitBytes ?? '?'} bytes.`,
  },
  'evidence.id-conflict': { status: 409, message: () => 'A different photo was already stored with this id.' },
  'assessment.assistant-unknown': {
    status: 422,
    message: () => 'The assisting facilitator is not an active staff account of this center.',
  },
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
  'request.origin-refused': {
    status: 403,
    message: () => "This change must come from the kiosk's own pages (Origin / Sec-Fetch-Site did not match).",
  },
  'staff.last-admin': {
    status: 409,
    message: () => 'The last active administrator cannot be deactivated: make another administrator first.',
  },
  'villager.token-required': {
    status: 401,
    message: () => "Start the villager's session with her code and birth year (or her registration) first.",
  },
  'villager.forbidden': { status: 403, message: () => "This session's token does not cover that record." },
  'sync.owner-mismatch': {
    status: 403,
    message: (d: { recordId?: string }) =>
      `This change names a record another center owns${d.recordId ? ` (${d.recordId})` : ''}: refused.`,
  },
  'sync.change-invalid': {
    status: 422,
    message: (d: { recordId?: string }) =>
      `This change does not match the shape of its message type${d.recordId ? ` (${d.recordId})` : ''}: refused.`,
  },
  'sync.tls-pin-mismatch': {
    status: 502,
    message: () => "The hub's certificate does not match the fingerprint pinned at enrolment.",
  },
  'sync.insecure-hub': {
    status: 422,
    message: () =>
      'A hub that is not on this machine must be reached over HTTPS (sync.allowInsecureHttp allows plain HTTP).',
  },
  'staff.name-taken': { status: 409, message: () => 'A staff account with this name already exists.' },
  'staff.not-found': { status: 404, message: () => 'No such staff account.' },
  'appraisal.not-submitted': { status: 409, message: () => 'Only a submitted self-assessment can be appraised.' },
  'appraisal.reason-required': {
    status: 422,
    message: (d: { indicatorId?: string }) =>
      `A reason is required where the appraised score of ${d.indicatorId ?? ''} differs from the self-score.`,
  },
  'appraisal.locked': {
    status: 409,
    message: () => 'This appraisal is on a finalized list and locked; the administrator must reopen it.',
  },
  'appraisal.decided': {
    status: 409,
    message: (d: { decisionNumber?: string }) =>
      `The commune recognized this subject by decision ${d.decisionNumber ?? ''}; only the commune can reopen it, by withdrawing the decision.`,
  },
  'appraisal.not-here': {
    status: 409,
    message: (d: { kind?: string }) =>
      `A ${d.kind ?? 'subject'}'s self-assessment is appraised by the commune, not at the center.`,
  },
  'appraisal.not-found': { status: 404, message: () => 'This assessment has not been appraised.' },
  'list.empty': {
    status: 409,
    message: (d: { title?: string }) =>
      d.title === 'dhht'
        ? 'No appraised clan of this center passes in this year.'
        : d.title === 'gdht'
          ? 'No appraised household passes in this village and year.'
          : 'No appraised person passes in this village and year.',
  },
  'evidence.not-found': { status: 404, message: () => 'No such evidence photo.' },
  'sync.not-enrolled': { status: 409, message: () => 'This center is not enrolled with a hub yet.' },
  'sync.unreachable': { status: 502, message: () => 'The hub did not answer.' },
  'sync.enrolment-invalid': { status: 403, message: () => 'The enrolment code is unknown, used or expired.' },
  'sync.node-unknown': { status: 401, message: () => 'The sender is not registered at this hub.' },
  'sync.node-revoked': { status: 403, message: () => "The sender's key has been revoked." },
  'sync.request-stale': {
    status: 401,
    message: (d: { skewSeconds?: number }) => `The request's time is outside the ${d.skewSeconds ?? '?'} s window.`,
  },
  'sync.request-replayed': { status: 409, message: () => 'This request was already received (same nonce).' },
  'sync.signature-invalid': { status: 401, message: () => 'The signature does not match the request.' },
  'evidence.hash-mismatch': { status: 422, message: () => 'The file does not match its SHA-256.' },
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
  'decline.decided': {
    status: 409,
    message: () => 'This person is already recognized for the year: reopen the decision instead of declining.',
  },
  'digital.bank-unknown': {
    status: 422,
    message: (d: { bankId?: string; version?: string }) =>
      `Question bank ${d.bankId ?? ''} ${d.version ?? ''} is not installed.`,
  },
  'digital.item-unknown': {
    status: 422,
    message: (d: { itemIds?: string[] }) =>
      `These items are not in the question bank, or answered in the wrong way: ${(d.itemIds ?? []).join(', ')}.`,
  },
  'digital.retake-too-soon': {
    status: 409,
    message: (d: { nextDate?: string }) =>
      `The self-check can be taken again from ${d.nextDate ?? '?'} (or after attending a lesson).`,
  },
  'plan.id-conflict': { status: 409, message: () => 'A different learning plan was already stored with this id.' },
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
  'digital.id-conflict': { status: 409, message: () => 'This attempt id belongs to another person or content.' },
  'attendance.not-a-class': {
    status: 422,
    message: () => 'Attendance is kept only for classes (resources of kind class).',
  },
  'attendance.session-unknown': {
    status: 422,
    message: (d: { sessionStartsAt?: string }) => `This class has no session starting at ${d.sessionStartsAt ?? '?'}.`,
  },
  'attendance.session-not-started': {
    status: 409,
    message: (d: { sessionStartsAt?: string }) =>
      `The session of ${d.sessionStartsAt ?? '?'} has not started yet: attendance cannot be marked in advance.`,
  },
  'resource.not-found': { status: 404, message: () => 'No learning resource with that id.' },
  'resource.not-editable': {
    status: 409,
    message: (d: { origin?: string }) =>
      `This resource was made at the ${d.origin ?? 'level above'}: only there can it be changed.`,
  },
  'resource.import-unreadable': {
    status: 422,
    message: () => 'The file is not a readable .xlsx or .csv with a header row (Loại, Tiêu đề, Chủ đề, …).',
  },
  'resource.import-invalid': {
    status: 422,
    message: (d: { rows?: { row: number; problems: string[] }[] }) =>
      `Nothing was imported: ${(d.rows ?? []).map((r) => `row ${r.row}: ${r.problems.join('; ')}`).join(' | ')}`,
  },
  'resource.file-type': {
    status: 415,
    message: () => 'Stored files must be MP4 or WebM videos, PDF documents or MP3 recordings.',
  },
  'resource.file-too-large': {
    status: 413,
    message: (d: { limitBytes?: number }) => `The file is larger than ${d.limitBytes ?? '?'} bytes.`,
  },
  'resource.file-missing': {
    status: 422,
    message: () => 'The resource names a file the box does not hold: upload it first.',
  },
  'resource.retired': { status: 409, message: () => 'This resource was retired and no longer changes.' },
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
  'sync.wrong-role': { status: 404, message: () => 'This server does not play that role.' },
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
  'audio.pack-unknown': {
    status: 404,
    message: (d: { pack?: string }) => `No audio pack "${d.pack ?? ''}" is installed on this box.`,
  },
  'audio.clip-not-found': {
    status: 404,
    message: (d: { file?: string }) => `The pack has no clip ${d.file ?? ''} (or it changed since the index was read).`,
  },
  'audio.path-invalid': {
    status: 400,
    message: () => 'A pack or clip name may hold only letters, digits, ".", "_" and "-".',
  },
  'audio.pack-invalid': {
    status: 422,
    message: (d: { pack?: string; problem?: string }) =>
      `The audio pack ${d.pack ?? ''} is not valid: ${d.problem ?? ''}`,
  },
  'audio.synthesizer-missing': {
    status: 503,
    message: () => 'espeak-ng is not installed on this box (apt-get install espeak-ng).',
  },
  'criteria.points-mismatch': {
    status: 422,
    message: (d: { set?: string; problems?: string[] }) =>
      `The points of criteria set ${d.set ?? ''} do not add up: ${(d.problems ?? []).join('; ')}.`,
  },
  'criteria.invalid': {
    status: 422,
    message: (d: { set?: string; problems?: string[] }) =>
      `Criteria set ${d.set ?? ''} is not valid: ${(d.problems ?? []).join('; ')}.`,
  },
  'text.invalid-characters': {
    status: 422,
    message: (d: { fields?: string[] }) =>
      `Hidden control or direction characters are not allowed in ${(d.fields ?? []).join(', ') || 'this text'}.`,
  },
  // -- issue 21 (restore, enrolment): codes go here
  'sync.epoch-mismatch': {
    status: 409,
    message: (d: { lastSeq?: number }) =>
      `This hub holds another history of this center (one of the two was restored from a backup; the hub holds its changes up to ${d.lastSeq ?? '?'}): agree the position first (POST /api/hub/position).`,
  },
  'sync.position-mismatch': {
    status: 409,
    message: (d: { lastSeq?: number }) =>
      `The hub holds this center's changes up to ${d.lastSeq ?? '?'}, not up to where this push starts: send again from there.`,
  },
  'sync.epoch-retired': {
    status: 409,
    message: () =>
      'This history of the center was replaced by a restored copy that has synced since: this box may no longer send as the center.',
  },
  'sync.history-unresolved': {
    status: 409,
    message: () =>
      'The center and the hub do not agree on which changes the hub holds; nothing more is sent until an administrator looks at it.',
  },
  // -- issue 21 (digital-skills answers and paused checks): codes go here
  'digital.no-answers': {
    status: 422,
    message: () => 'A self-check with no answer (none, or every item skipped) is not kept nor scored.',
  },
  'digital.answer-unknown': {
    status: 422,
    message: (d: { itemIds?: string[] }) =>
      `These answers name an option, picture, message or form field the item does not have: ${(d.itemIds ?? []).join(', ')}.`,
  },
  'digital.started-at-invalid': {
    status: 422,
    message: (d: { startedAt?: string; reason?: string; skewSeconds?: number; maxDays?: number }) =>
      d.reason === 'too-old'
        ? `The check is dated ${d.startedAt ?? '?'}, more than ${d.maxDays ?? '?'} days ago: it cannot still be open.`
        : `The check is dated ${d.startedAt ?? '?'}, later than the box's clock (allowing ${d.skewSeconds ?? '?'} s): check the tablet's date.`,
  },
  // -- issue 21 (plans, free text, hub population): codes go here
  'plan.resource-unknown': {
    status: 422,
    message: (d: { resourceIds?: string[] }) =>
      `The plan names resources this box does not have: ${(d.resourceIds ?? []).join(', ')}.`,
  },
  'plan.date-outside-year': {
    status: 422,
    message: (d: { year?: number; from?: string; to?: string; dates?: string[] }) =>
      `The plan's dates must lie within its assessment year ${d.year ?? ''} (${d.from ?? '?'} to ${d.to ?? '?'}): ${(d.dates ?? []).join(', ')}.`,
  },
  'plan.made-in-future': {
    status: 422,
    message: (d: { madeAt?: string; skewSeconds?: number }) =>
      `The plan is dated ${d.madeAt ?? '?'}, later than the box's clock (allowing ${d.skewSeconds ?? '?'} s): check the tablet's date.`,
  },
  'population.village-unknown': {
    status: 422,
    message: (d: { name?: string }) =>
      `"${d.name ?? ''}" is not a village (or commune) this hub knows: enter figures only for the villages of its centers, under their current names.`,
  },
  // -- issue 21 (registration, children, consents): codes go here
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
  'assessment.child-group': {
    status: 422,
    message: (d: { group?: string }) =>
      `A child is assessed only in a group for pupils and students, with her guardian's consent; not in "${d.group ?? ''}".`,
  },
  // -- issue 21 (evidence retention): codes go here
  internal: { status: 500, message: () => 'Something went wrong on the box.' },
} as const satisfies Record<string, { status: number; message: (details: never) => string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type ErrorDetails = Record<string, unknown>;

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** An error with a stable code; thrown by services, mapped to an answer in one place. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, details?: ErrorDetails) {
    const entry = errorCatalogue[code];
    super((entry.message as (d: ErrorDetails) => string)(details ?? {}));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}
