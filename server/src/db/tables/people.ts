import type { Generated, Selectable } from 'kysely';

export interface PersonTable {
  id: string;
  code: string;
  name: string;
  birth_year: number;
  village: string;
  phone: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}
export type PersonRow = Selectable<PersonTable>;

export interface ConsentTable {
  id: Generated<number>;
  person_id: string;
  purpose: string;
  granted: number;
  at: string;
}

export interface GuardianConsentTable {
  id: Generated<number>;
  person_id: string;
  guardian_name: string;
  /** 'father', 'mother' or 'guardian' (shared/schemas/person.ts). */
  relation: string;
  /** The facilitator signed in beside her. */
  assisted_by: string;
  at: string;
}

export interface VillagerTokenTable {
  token_hash: string;
  person_id: string;
  /** When a registration or a code + birth-year look-up bound it; reads and writes age from here. */
  bound_at: string;
}
