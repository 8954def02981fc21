import * as v from 'valibot';

/** A change the box made and has nothing more to say about. */
export const OkSchema = v.object({ ok: v.literal(true) });

/** The id of what the box created. */
export const CreatedSchema = v.object({ id: v.string() });

/** An answer whose content the caller does not read (any object). */
export const AnyObjectSchema = v.looseObject({});
