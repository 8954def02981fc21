import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';

/** Purposes a person consents to, each separately (Law 91/2025: explicit, per purpose). */
export const consentPurposes = ['assessment', 'publicList', 'statistics'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Characters of a person's short code: no 0/O, 1/I/L, so it reads back from a paper slip. */
export const personCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PersonCodeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(new RegExp(`^[${personCodeAlphabet}]{6}$`), 'must be 6 letters or digits from the slip'),
);

const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, 'name too short'),
  v.maxLength(80, 'name too long'),
  v.regex(/^[\p{L}\p{M}' .-]+$/u, 'letters only'),
);

/** Who gives a child's consent: her father, her mother, or another guardian (ông, bà, anh, chị… raising her). */
export const guardianRelations = ['father', 'mother', 'guardian'] as const;
export type GuardianRelation = (typeof guardianRelations)[number];

/**
 * A parent's or guardian's consent to a child's registration (Law 91/2025), given at the tablet
 * beside a facilitator: their name and relation, kept at the center with the consents and the time.
 */
export const GuardianConsentSchema = v.strictObject({
  name: NameSchema,
  relation: v.picklist(guardianRelations),
  /** Ticked by the guardian, never pre-ticked. */
  consented: v.literal(true),
});
export type GuardianConsent = v.InferOutput<typeof GuardianConsentSchema>;

/**
 * Registration sent by the tablet: the minimum the law allows us to collect. The birth year's
 * range for the assessment year is the box's rule (shared/domain/age.ts, refused with its own code);
 * the shape asks only for four digits.
 */
export const RegisterPersonSchema = v.strictObject({
  name: NameSchema,
  birthYear: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(9999)),
  village: v.pipe(v.string(), v.trim(), v.minLength(1)),
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^(0|\+84)[0-9]{9,10}$/, 'Vietnamese phone number'))),
  /** The slip code the tablet made (so a registration offline still gets its code); the box keeps it unless taken. */
  code: v.optional(PersonCodeSchema),
  /** Each purpose ticked by the person, never pre-ticked. */
  consents: v.strictObject(
    Object.fromEntries(consentPurposes.map((p) => [p, v.boolean()])) as Record<
      ConsentPurpose,
      v.BooleanSchema<undefined>
    >,
  ),
  /** A child's (under person.guardianUnder) only: her guardian's consent. */
  guardian: v.optional(GuardianConsentSchema),
  /** A child's only: the facilitator beside her (staff id), whose signed-in session comes with the request. */
  assistedBy: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
export type RegisterPerson = v.InferOutput<typeof RegisterPersonSchema>;

export const ConsentViewSchema = v.object({
  purpose: v.picklist(consentPurposes),
  granted: v.boolean(),
  at: v.string(),
});

/** What the tablet gets back about a person. */
export const PersonViewSchema = v.object({
  id: Uuid7Schema,
  code: PersonCodeSchema,
  name: v.string(),
  birthYear: v.number(),
  village: v.string(),
  phone: v.nullable(v.string()),
  consents: v.array(ConsentViewSchema),
  /** A child's guardian's consent as recorded at the center (absent for adults, and from an older box). */
  guardian: v.optional(
    v.nullable(v.object({ name: v.string(), relation: v.picklist(guardianRelations), at: v.string() })),
  ),
  revision: v.number(),
  /** Recognitions decided by the commune and received through the downward feed, newest first. */
  recognitions: v.optional(
    v.array(v.object({ title: v.string(), year: v.number(), decisionNumber: v.string(), signedOn: v.string() })),
  ),
});
export type PersonView = v.InferOutput<typeof PersonViewSchema>;
