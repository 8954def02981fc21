import type { Generated } from 'kysely';

/** A person's membership of a household or unit; closed (`left_at`) rather than deleted, so moves keep history. */
export interface MembershipTable {
  id: Generated<number>;
  person_id: string;
  joined_at: string;
  left_at: string | null;
}

export interface HouseholdTable {
  id: string;
  village: string;
  head_person_id: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export type HouseholdMemberTable = MembershipTable & { household_id: string; role: 'head' | 'member' };

/** Children only as household-level facts: a count and a yes/no (null when there is none). */
export interface HouseholdFactsTable {
  household_id: string;
  year: number;
  school_age_children: number;
  all_children_in_school: number | null;
  updated_at: string;
}

export interface ClanTable {
  id: string;
  name: string;
  representative: string;
  created_at: string;
  updated_at: string;
}

export interface ClanHouseholdTable {
  id: Generated<number>;
  clan_id: string;
  household_id: string;
  joined_at: string;
  left_at: string | null;
}

export interface UnitTable {
  id: string;
  name: string;
  kind: string;
  village: string;
  created_at: string;
  updated_at: string;
}

export interface UnitStaffCountTable {
  unit_id: string;
  year: number;
  count: number;
  entered_by: string;
  entered_at: string;
}

export type UnitMemberTable = MembershipTable & { unit_id: string };
