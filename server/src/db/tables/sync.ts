import type { Generated, Insertable } from 'kysely';

export interface OutboxTable {
  seq: Generated<number>;
  record_kind: string;
  record_id: string;
  revision: number;
  message_type: string;
  payload: string;
  created_at: string;
}
export type NewOutboxRow = Insertable<OutboxTable>;

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface FeedRecordTable {
  kind: string;
  record_id: string;
  revision: number;
  payload: string;
  received_at: string;
}
