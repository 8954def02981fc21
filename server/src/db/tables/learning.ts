/** A personal learning plan as the tablet sent it; `payload` is the JSON of source, needs and items. */
export interface LearningPlanTable {
  id: string;
  person_id: string;
  year: number;
  made_at: string;
  received_at: string;
  payload: string;
  assisted_by: string | null;
}

/** A person present at a session of a class; the session is named by its start (ISO instant, UTC). */
export interface AttendanceTable {
  resource_id: string;
  session_starts_at: string;
  person_id: string;
  /** Staff id of the facilitator who marked it. */
  marked_by: string;
  marked_at: string;
}

/** A finished digital-skills self-check; `result` is the JSON of the box's scoring. */
export interface DigitalAttemptTable {
  id: string;
  person_id: string;
  year: number;
  bank_id: string;
  bank_version: string;
  started_at: string;
  finished_at: string;
  responses: string;
  result: string;
  has_digital: number;
  proficient: number;
  assisted_by: string | null;
}

/** A paused digital-skills self-check; `responses` is the JSON of her answers so far, by item id. */
export interface DigitalDraftTable {
  person_id: string;
  attempt_id: string;
  bank_id: string;
  bank_version: string;
  started_at: string;
  item_index: number;
  responses: string;
  saved_at: string;
}

export interface ResourceTable {
  id: string;
  origin: 'center' | 'commune' | 'province';
  revision: number;
  version: number;
  retired: number;
  payload: string;
  updated_at: string;
  updated_by: string | null;
}
