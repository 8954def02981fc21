import * as v from 'valibot';
import { MultiLineText, OneLineText } from '../../schemas/text.ts';

/** The fields the change messages (../messages.ts) share. */

export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
export const Revision = v.pipe(v.number(), v.integer(), v.minValue(1));
export const Year = v.pipe(v.number(), v.integer());
export const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A time as the center wrote it (ISO 8601). */
export const Time = v.string();
/** A name of a place, a commune, a clan or a unit: one line of free text. */
export const Name = OneLineText(1, 200);
/** A village's name; a record may carry none ('' or, where the field allows it, null). */
export const Village = OneLineText(0, 200);
export const Note = v.nullable(MultiLineText(0, 2000));
