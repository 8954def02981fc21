import type { ErrorEntry } from './entry.ts';

/** Assessments and their appraisal and photos, the digital check, learning plans, classes and resources, read-aloud. */
export const learningErrors = {
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
  'evidence.too-large': {
    status: 413,
    message: (d: { limitBytes?: number }) => `The photo is larger than ${d.limitBytes ?? '?'} bytes.`,
  },
  'evidence.id-conflict': { status: 409, message: () => 'A different photo was already stored with this id.' },
  'assessment.assistant-unknown': {
    status: 422,
    message: () => 'The assisting facilitator is not an active staff account of this center.',
  },
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
  'evidence.not-found': { status: 404, message: () => 'No such evidence photo.' },
  'evidence.hash-mismatch': { status: 422, message: () => 'The file does not match its SHA-256.' },
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
  'assessment.child-group': {
    status: 422,
    message: (d: { group?: string }) =>
      `A child is assessed only in a group for pupils and students, with her guardian's consent; not in "${d.group ?? ''}".`,
  },
} as const satisfies Record<string, ErrorEntry>;
