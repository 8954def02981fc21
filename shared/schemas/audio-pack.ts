import * as v from 'valibot';

/**
 * Language packs of read-aloud audio: a folder of clips named `<string id>.<ext>`, a `pack.json`
 * (this manifest) and an optional `texts.json` ({ id: the text as recorded }). The string ids are
 * those of server/src/audio/texts.ts (catalog paths like `welcome.heading`, config content like
 * `criteria.cdht-2022.CS01.nhom-1.text`).
 */

/** A pack's folder name: what the box lists and what URLs name. */
export const PackIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-"'),
);

/** A string id, as it appears in a clip's file name. */
export const TextIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'),
);

/** Clip formats the tablets' browsers play, by file extension. */
export const clipTypes = {
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
} as const;
export type ClipExtension = keyof typeof clipTypes;
export const clipExtensions = Object.keys(clipTypes) as ClipExtension[];

/** `pack.json`: what language the clips speak and whether a person or a synthesizer made them. */
export const AudioPackManifestSchema = v.strictObject({
  /** BCP 47 language of the clips: vi, en, or a minority language (tyz Tày, nut Nùng, hmn H'Mông, …). */
  lang: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "vi" or "hmn"')),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty')),
  /** recorded: a person's voice, preferred over everything; synthesized: made on the box, used only when the tablet has no voice. */
  kind: v.picklist(['recorded', 'synthesized']),
  description: v.optional(v.string()),
  /** Who recorded it (with their consent), or the synthesizer and its settings. */
  voice: v.optional(v.string()),
  license: v.optional(v.string()),
  createdAt: v.optional(v.string()),
});
export type AudioPackManifest = v.InferOutput<typeof AudioPackManifestSchema>;

/** `texts.json`: the text each clip says (for a language without its own catalog: the Vietnamese text it translates). */
export const AudioPackTextsSchema = v.record(TextIdSchema, v.string());
export type AudioPackTexts = v.InferOutput<typeof AudioPackTextsSchema>;

/** One installed pack, as `GET /api/audio/packs` lists it. */
export const AudioPackSummarySchema = v.object({
  id: PackIdSchema,
  lang: v.string(),
  name: v.string(),
  kind: v.picklist(['recorded', 'synthesized']),
  clips: v.number(),
  /** Changes whenever a clip or its text changes: the tablet refetches the index only then. */
  version: v.string(),
});
export type AudioPackSummary = v.InferOutput<typeof AudioPackSummarySchema>;

export const AudioPackListSchema = v.object({
  packs: v.array(AudioPackSummarySchema),
  /** True while the box is making clips (its first start): a tablet asks again within seconds. */
  rendering: v.optional(v.boolean()),
});

export const AudioClipSchema = v.object({
  /** File name inside the pack, served at `/api/audio/packs/<pack>/clips/<file>?v=<sha>`. */
  file: v.string(),
  /** What the clip says, matched against the text the tablet is asked to read. */
  text: v.string(),
  /** SHA-256 of the file (hex): part of the clip's URL, so a cached clip is never stale. */
  sha: v.string(),
});
export type AudioClip = v.InferOutput<typeof AudioClipSchema>;

/** `GET /api/audio/packs/<pack>/index.json`. */
export const AudioPackIndexSchema = v.object({
  pack: AudioPackSummarySchema,
  clips: v.record(v.string(), AudioClipSchema),
});
export type AudioPackIndex = v.InferOutput<typeof AudioPackIndexSchema>;

/**
 * Text as compared between a clip and what is to be read: NFC (a Vietnamese letter may arrive
 * decomposed from another keyboard) and single spaces.
 */
export function normalizeSpoken(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Whether a catalog string has `{placeholders}` (a recorded clip cannot say the filled value). */
export const isTemplate = (text: string): boolean => /\{\w+\}/.test(text);
