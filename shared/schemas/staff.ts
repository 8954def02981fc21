import * as v from 'valibot';

export const staffRoles = ['admin', 'facilitator', 'appraiser'] as const;
export type StaffRole = (typeof staffRoles)[number];

const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, 'name too short'),
  v.maxLength(80),
  v.regex(/^[\p{L}\p{M}' .-]+$/u, 'letters only'),
);
/** A 6-digit PIN, typed on a number pad. */
export const PinSchema = v.pipe(v.string(), v.regex(/^\d{6}$/, 'PIN must be 6 digits'));

export const SignInSchema = v.strictObject({ name: Name, pin: PinSchema });
export type SignIn = v.InferOutput<typeof SignInSchema>;

/**
 * The first administrator: her name and PIN, and the one-time setup code printed on the box's
 * console. The code is optional here so that a missing one answers `auth.setup-code-invalid` (403)
 * like a wrong one, not `request.invalid`.
 */
export const SetupSchema = v.strictObject({
  name: Name,
  pin: PinSchema,
  setupCode: v.optional(v.pipe(v.string(), v.maxLength(40))),
});
export type Setup = v.InferOutput<typeof SetupSchema>;

export const CreateStaffSchema = v.strictObject({ name: Name, role: v.picklist(staffRoles), pin: PinSchema });
export type CreateStaff = v.InferOutput<typeof CreateStaffSchema>;

export const StaffViewSchema = v.object({
  id: v.string(),
  name: v.string(),
  role: v.picklist(staffRoles),
  active: v.boolean(),
});
export type StaffView = v.InferOutput<typeof StaffViewSchema>;

export const StaffStatusSchema = v.object({
  /** No administrator yet: the first start asks for one. */
  setupNeeded: v.boolean(),
  me: v.nullable(StaffViewSchema),
  /** What this server is: a center's box, or a commune/province hub. */
  serverRole: v.picklist(['center', 'hub']),
  /** For a hub: whether it serves a commune or a province. */
  hubLevel: v.optional(v.nullable(v.picklist(['commune', 'province']))),
});
