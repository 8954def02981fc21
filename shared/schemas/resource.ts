import * as v from 'valibot';
import { digitalDomainIds } from './digital-bank.ts';
import { cleanText, MultiLineText, OneLineText } from './text.ts';

/**
 * A learning resource in the center's catalog: a class at the center (with its sessions), printed
 * material kept at the center, a video or document stored on the box, or a link to a national
 * platform (needs the Internet). Each is tagged with the indicators (CS01–CS10) and digital domains it
 * helps with, and the audience groups it is meant for.
 */
export const resourceKinds = ['class', 'printed', 'video', 'document', 'link'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

const Text = (max: number) => OneLineText(2, max);
const IndicatorId = v.pipe(v.string(), v.regex(/^CS(0[1-9]|10)$/, 'indicators are CS01 to CS10'));

/**
 * A video or document stored on the box, content-addressed by SHA-256 (served with range requests,
 * so a video can be scrubbed). The type is what the box found in the file's first bytes.
 */
export const mediaTypes = ['video/mp4', 'video/webm', 'application/pdf', 'audio/mpeg'] as const;
export type MediaType = (typeof mediaTypes)[number];
export const mediaExtension: Record<MediaType, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
  'audio/mpeg': 'mp3',
};
export const ResourceFileSchema = v.strictObject({
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  type: v.picklist(mediaTypes),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: OneLineText(1, 200),
});
export type ResourceFile = v.InferOutput<typeof ResourceFileSchema>;
/** Where a tablet fetches a stored file. */
export const mediaUrl = (f: Pick<ResourceFile, 'sha256' | 'type'>): string =>
  `/api/media/${f.sha256}.${mediaExtension[f.type]}`;

export const ClassSessionSchema = v.strictObject({
  startsAt: v.pipe(v.string(), v.isoTimestamp()),
  endsAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});

export const ResourceInputSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(resourceKinds),
    title: Text(200),
    topic: Text(100),
    description: v.optional(MultiLineText(0, 2000), ''),
    indicators: v.optional(v.pipe(v.array(IndicatorId), v.maxLength(10)), []),
    domains: v.optional(v.pipe(v.array(v.picklist(digitalDomainIds)), v.maxLength(6)), []),
    /** Audience groups (criteria-set group ids); empty means everyone. */
    audiences: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40), cleanText())), v.maxLength(10)), []),
    /** A class: who teaches, where, and when each session is. */
    teacher: v.optional(Text(120)),
    place: v.optional(Text(200)),
    sessions: v.optional(v.pipe(v.array(ClassSessionSchema), v.maxLength(200)), []),
    /** A link to an online platform: opened only with the Internet. */
    url: v.optional(v.pipe(v.string(), v.url(), v.startsWith('https://'), v.maxLength(500))),
    /** A video or document kept on the box. */
    file: v.optional(ResourceFileSchema),
  }),
  v.check(
    (r) => r.kind !== 'class' || (r.teacher !== undefined && r.place !== undefined),
    'a class needs its teacher and place',
  ),
  v.check((r) => r.kind !== 'link' || r.url !== undefined, 'a link needs its https:// address'),
  v.check((r) => r.kind === 'class' || (r.sessions ?? []).length === 0, 'only a class has sessions'),
  v.check(
    (r) => r.file === undefined || r.kind === 'video' || r.kind === 'document',
    'only a video or a document has a stored file',
  ),
  v.check(
    (r) => r.file === undefined || (r.kind === 'video') === r.file.type.startsWith('video/'),
    'a video needs a video file; a document a PDF or a recording',
  ),
);
export type ResourceInput = v.InferOutput<typeof ResourceInputSchema>;
/** What a staff screen or an import sends (defaults not yet filled in). */
export type ResourceInputDraft = v.InferInput<typeof ResourceInputSchema>;

export const ResourceViewSchema = v.object({
  id: v.string(),
  kind: v.picklist(resourceKinds),
  title: v.string(),
  topic: v.string(),
  description: v.string(),
  indicators: v.array(v.string()),
  domains: v.array(v.string()),
  audiences: v.array(v.string()),
  teacher: v.optional(v.string()),
  place: v.optional(v.string()),
  sessions: v.array(v.object({ startsAt: v.string(), endsAt: v.optional(v.string()) })),
  url: v.optional(v.string()),
  file: v.optional(v.object({ sha256: v.string(), type: v.picklist(mediaTypes), bytes: v.number(), name: v.string() })),
  /** Where it was made: this center, or the commune / province above it (then not editable here). */
  origin: v.picklist(['center', 'commune', 'province']),
  retired: v.boolean(),
  revision: v.number(),
  /** Catalog version at which this revision was made: a tablet asks for what changed after its own. */
  version: v.number(),
  updatedAt: v.string(),
});
export type ResourceView = v.InferOutput<typeof ResourceViewSchema>;

/** What changed in the catalog after a tablet's version (retired ones included, to be dropped). */
export const ResourceChangesSchema = v.object({ version: v.number(), changes: v.array(ResourceViewSchema) });
export type ResourceChanges = v.InferOutput<typeof ResourceChangesSchema>;
