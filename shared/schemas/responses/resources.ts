import * as v from 'valibot';
import { mediaTypes } from '../resource.ts';

/** A media file the box has stored, by its content's hash. */
export const StoredMediaSchema = v.object({ sha256: v.string(), type: v.picklist(mediaTypes), bytes: v.number() });

/** How many resources an import added. */
export const ImportedSchema = v.object({ imported: v.number() });
