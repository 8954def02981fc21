import { Dexie, type EntityTable } from 'dexie';
import * as v from 'valibot';
import type { KioskInfo } from '../../../shared/schemas/kiosk-info.ts';
import type { PutAssessment } from '../../../shared/schemas/assessment.ts';
import type { RegisterPerson } from '../../../shared/schemas/person.ts';
import type { PutDigitalAttempt, PutDigitalDraft } from '../../../shared/schemas/digital-attempt.ts';
import type { ResourceView } from '../../../shared/schemas/resource.ts';
import type { AudioPackIndex } from '../../../shared/schemas/audio-pack.ts';
import type { PutLearningPlan } from '../../../shared/schemas/learning-plan.ts';
import type { HouseholdFacts, LinkMember, RegisterHousehold } from '../../../shared/schemas/registry.ts';
import {
  ModelCriteriaSetSchema,
  type ModelCriteriaSet,
  type ModelTitle,
} from '../../../shared/schemas/model-criteria-set.ts';
import type { PutModelAssessment } from '../../../shared/schemas/model-assessment.ts';
import type { Session } from './session-record.ts';
import { databaseName } from './saved-session.ts';

export { databaseName };

// The session record's schemas live in session-record.ts; feature code imports them from here.
export {
  DigitalDraftSchema,
  HouseholdDraftSchema,
  PlanDraftSchema,
  RegistrationDraftSchema,
  ScreenSchema,
  SessionSchema,
  type DigitalDraft,
  type HouseholdDraft,
  type PlanDraft,
  type RegistrationDraft,
  type Screen,
  type Session,
} from './session-record.ts';

export interface CachedKioskInfo {
  key: 'info';
  info: KioskInfo;
  fetchedAt: string;
}

/**
 * An evidence photo of the open session (of one of her indicators, or of a declared item of her
 * household's self-assessment: `assessmentId` tells which), kept as a blob on the tablet until it is
 * handed to the outbox.
 */
export interface StoredPhoto {
  id: string;
  assessmentId: string;
  indicatorId: string;
  blob: Blob;
}

interface OutboxBase {
  /** Order of sending: the box sees changes in the order they were made. */
  seq?: number;
  /** The person the change is about, to show "đang lưu / đã gửi" on their slip. */
  personId: string;
  state: 'pending' | 'refused';
  attempts: number;
  createdAt: string;
  /** Why the box refused it (bad data): shown to the facilitator, never retried on its own. */
  refusal?: { code: string; message: string; at: string };
  /**
   * The villager session's token when the change was made, sent with it (not indexed: no new
   * schema version). Items queued by an older version have none.
   */
  token?: string;
}

/** A change made on the tablet and not yet confirmed by the box; removed as soon as the box has it. */
export type OutboxItem = OutboxBase &
  (
    | { kind: 'person'; recordId: string; body: RegisterPerson }
    | { kind: 'assessment'; recordId: string; body: PutAssessment }
    | { kind: 'photo'; recordId: string; assessmentId: string; indicatorId: string; blob: Blob }
    | { kind: 'digital-attempt'; recordId: string; body: PutDigitalAttempt }
    /** Her self-check paused part-way, for the box to keep (recordId: the attempt's id; sent to the person's draft). */
    | { kind: 'digital-draft'; recordId: string; body: PutDigitalDraft }
    | { kind: 'learning-plan'; recordId: string; body: PutLearningPlan }
    /** A household registered by its head (recordId: the household's id, made on the tablet). */
    | { kind: 'household'; recordId: string; body: RegisterHousehold }
    /** An adult linked by her slip code (recordId: an id of this link, so the tablet can find what came of it). */
    | { kind: 'household-member'; recordId: string; householdId: string; body: LinkMember }
    /** The household's facts for a year (recordId: the household's id). */
    | { kind: 'household-facts'; recordId: string; year: number; body: HouseholdFacts }
    /** A self-assessment of a household (and later a clan, village or unit). */
    | { kind: 'model-assessment'; recordId: string; body: PutModelAssessment }
  );

export type TabletDb = Dexie & {
  kiosk: EntityTable<CachedKioskInfo, 'key'>;
  session: EntityTable<Session, 'key'>;
  photos: EntityTable<StoredPhoto, 'id'>;
  outbox: EntityTable<OutboxItem, 'seq'>;
  /** The catalog of learning resources, as of `catalogMeta.version` (retired ones dropped). */
  resources: EntityTable<ResourceView, 'id'>;
  catalogMeta: EntityTable<{ key: 'catalog'; version: number; fetchedAt: string }, 'key'>;
  /** Read-aloud packs the box serves, each with its index (web/src/lib/audio-packs.ts), for use with the box away. */
  audioPacks: EntityTable<StoredAudioPack, 'id'>;
  /** The criteria set of each other title as last fetched from the box (no one's data), for item texts with the box away. */
  modelSets: EntityTable<StoredModelSet, 'title'>;
};

/** A title's current criteria set, as the box last gave it. */
export interface StoredModelSet {
  title: ModelTitle;
  set: ModelCriteriaSet;
  fetchedAt: string;
}

/** A stored set read back through its schema: one from an older app version that no longer fits is not trusted. */
export const StoredModelSetSchema = v.object({ title: v.string(), set: ModelCriteriaSetSchema, fetchedAt: v.string() });

/** One pack's index as last fetched from the box. */
export interface StoredAudioPack {
  id: string;
  index: AudioPackIndex;
  fetchedAt: string;
}

/**
 * Every schema version of the tablet's database, oldest first. Never edit a shipped version: add
 * the next one, with an upgrade() that has its own test (tests/integration/tablet-db.test.ts).
 */
export function declareVersions(db: Dexie, upTo = 7): void {
  db.version(1).stores({
    kiosk: 'key',
    session: 'key',
    photos: 'id, assessmentId',
  });
  if (upTo < 2) return;
  // v2: sends go through an outbox; photos lose their "uploaded" flag, since a photo leaves the
  // photos table for the outbox when its session is handed over.
  db.version(2)
    .stores({ outbox: '++seq, state, personId' })
    .upgrade((tx) =>
      tx
        .table('photos')
        .toCollection()
        .modify((photo: Record<string, unknown>) => {
          delete photo.uploaded;
        }),
    );
  if (upTo < 3) return;
  // v3: digital-skills self-checks stopped part-way, by person.
  db.version(3).stores({ digitalDrafts: 'personId' });
  if (upTo < 4) return;
  // v4: the catalog of learning resources, kept for browsing with the box unreachable.
  db.version(4).stores({ resources: 'id', catalogMeta: 'key' });
  if (upTo < 5) return;
  // v5: read-aloud pack indexes from the box, so a tablet with no Vietnamese voice still reads offline.
  db.version(5).stores({ audioPacks: 'id' });
  if (upTo < 6) return;
  // v6: the other titles' criteria sets (the household's self-assessment), so their items can be
  // read with the box away. The household itself lives in the session, and its changes in the outbox.
  db.version(6).stores({ modelSets: 'title' });
  if (upTo < 7) return;
  // v7 (issue 21): no paused self-check on the tablet. A paused check goes to the box, which keeps
  // it for a limited time; the store of stopped checks, which kept a person's id and answers here
  // with no end, goes with what it held (queued without a villager token, the box would not take them).
  db.version(7).stores({ digitalDrafts: null });
}

/** The tablet's database: feature code imports this one instance. */
export const db = new Dexie(databaseName) as TabletDb;
declareVersions(db);
