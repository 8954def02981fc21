/** A closed list the commune returned (issue 24): at the hub, one row per returned revision of a center's list. */
export interface HubListReturnTable {
  node_id: string;
  list_id: string;
  revision: number;
  title: string;
  /** Null for the center's clans' list. */
  village: string | null;
  year: number;
  reason: string;
  at: string;
  by_id: string;
  by_name: string;
}

/** At the center: a return of one revision of its list, as it came down the feed. */
export interface ListReturnTable {
  list_id: string;
  revision: number;
  reason: string;
  returned_at: string;
  by_name: string;
  received_at: string;
}
