import * as v from 'valibot';
import { ChangeMessageSchema, type ChangeMessage } from '../../../../shared/sync/messages.ts';

/**
 * A stored record's payload read back as the message its type names, or null when it is not one:
 * the hub checks every change before it stores it, but a record stored by an earlier version that
 * did not is kept, not counted.
 */
export function storedAs(payload: string | unknown): ChangeMessage | null {
  const result = v.safeParse(ChangeMessageSchema, typeof payload === 'string' ? JSON.parse(payload) : payload);
  return result.success ? result.output : null;
}
