import { Dexie, type EntityTable } from 'dexie';
import * as v from 'valibot';
import type { KioskInfo } from '../../../shared/schemas/kiosk-info.ts';
import type { PutAssessment } from '../../../shared/schemas/assessment.ts';
import { AttendanceEvidenceSchema } from '../../../shared/schemas/attendance.ts';
import { PersonViewSchema, type RegisterPerson } from '../../../shared/schemas/person.ts';
import {
  DigitalAttemptViewSchema,
  DigitalResponseSchema,
  type PutDigitalAttempt,
  type PutDigitalDraft,
} from '../../../shared/schemas/digital-attempt.ts';
import type { ResourceView } from '../../../shared/schemas/resource.ts';
import type { AudioPackIndex } from '../../../shared/schemas/audio-pack.ts';
import {
  LearningPlanEvidenceSchema,
  PutLearningPlanSchema,
  type PutLearningPlan,
} from '../../../shared/schemas/learning-plan.ts';
import {
  HouseholdViewSchema,
  type HouseholdFacts,
  type LinkMember,
  type RegisterHousehold,
} from '../../../shared/schemas/registry.ts';
import {
  ModelCriteriaSetSchema,
  type ModelCriteriaSet,
  type ModelTitle,
} from '../../../shared/schemas/model-criteria-set.ts';
import type { PutModelAssessment } from '../../../shared/schemas/model-assessment.ts';
import { ModelVerdictSchema } from '../../../shared/schemas/responses/model-verdict.ts';

/** Where the villager is in the flow; saved on every step so a reload resumes there. */
export const ScreenSchema = v.picklist([
  'welcome',
  'register',
  'find',
  'group',
  'indicator',
  'review',
  'result',
  'digital',
  'digital-result',
  'resources',
  'plan',
  'household',
  'household-facts',
  'household-item',
  'household-review',
  'household-result',
]);
export type Screen = v.InferOutput<typeof ScreenSchema>;

export const RegistrationDraftSchema = v.object({
  name: v.string(),
  birthYear: v.string(),
  village: v.string(),
  phone: v.string(),
  consents: v.object({ assessment: v.boolean(), publicList: v.boolean(), statistics: v.boolean() }),
  /** A child's guardian, as typed (assisted mode only). */
  guardianName: v.optional(v.string()),
  guardianRelation: v.optional(v.string()),
  guardianAgrees: v.optional(v.boolean()),
});
export type RegistrationDraft = v.InferOutput<typeof RegistrationDraftSchema>;

/**
 * A digital-skills self-check in progress: where she is and what she did on each item. It lives in
 * the session only while she is doing it; paused, it goes to the box (outbox kind 'digital-draft').
 */
export const DigitalDraftSchema = v.object({
  personId: v.string(),
  attemptId: v.string(),
  startedAt: v.string(),
  index: v.number(),
  responses: v.record(v.string(), DigitalResponseSchema),
  /** Set once finished: the result (scored here the same way the box scores it, then the box's own). */
  result: v.optional(DigitalAttemptViewSchema),
});
export type DigitalDraft = v.InferOutput<typeof DigitalDraftSchema>;

/**
 * A personal learning plan being made: what it answers, the resources picked (each with how many
 * months ahead to learn it by; a class goes by its sessions), and once saved, what was sent.
 */
export const PlanDraftSchema = v.object({
  planId: v.string(),
  source: v.picklist(['assessment', 'digital']),
  needs: v.object({ indicators: v.array(v.string()), domains: v.array(v.string()) }),
  picks: v.record(v.string(), v.picklist([0, 1, 3])),
  saved: v.optional(PutLearningPlanSchema),
});
export type PlanDraft = v.InferOutput<typeof PlanDraftSchema>;

/**
 * "Gia đình tôi": the household of the villager at the tablet and its self-assessment under way.
 * Lives in the session only, so it leaves the tablet with the session; what the box must get goes
 * through the outbox.
 */
export const HouseholdDraftSchema = v.object({
  /** null until looked up at the box (or registered here). */
  view: v.nullable(HouseholdViewSchema),
  /** Registered on this tablet and still in the outbox: no member can be linked until the box has it. */
  registeredHere: v.optional(v.boolean()),
  /** The last link asked for, and what came of it (the name linked, the box's refusal, or kept to send later). */
  link: v.optional(
    v.object({
      outcome: v.picklist(['linked', 'refused', 'queued']),
      name: v.optional(v.string()),
      code: v.optional(v.string()),
    }),
  ),
  /** The year's facts as answered so far (children only as counts: never a name, birth year or grade). */
  facts: v.optional(
    v.object({
      schoolAgeChildren: v.optional(v.number()),
      allChildrenInSchool: v.optional(v.nullable(v.boolean())),
      more: v.optional(v.boolean()),
    }),
  ),
  factsStep: v.optional(v.picklist(['count', 'school'])),
  /** The self-assessment "Gia đình học tập": its id (made here), answers by item, where she is. */
  assessmentId: v.string(),
  answers: v.record(v.string(), v.number()),
  index: v.number(),
  submitted: v.boolean(),
  /** What the box gave when the assessment was opened: the set, the year and its computed items so far. */
  start: v.optional(
    v.object({ setId: v.string(), setVersion: v.string(), year: v.number(), verdict: v.nullable(ModelVerdictSchema) }),
  ),
  /** The box could not be reached when the assessment was opened: computed items are not known. */
  unreachable: v.optional(v.boolean()),
  /** The box's verdict once it has the submitted assessment. */
  result: v.optional(ModelVerdictSchema),
  /** Photos the box already holds for a draft taken up from the box, by item (those taken here are in `photos`). */
  remotePhotos: v.optional(v.record(v.string(), v.number())),
});
export type HouseholdDraft = v.InferOutput<typeof HouseholdDraftSchema>;

/**
 * The one session on this tablet: who is at it and every answer given so far. Read back through
 * this schema, so a record from an older app version that no longer fits is dropped, not trusted.
 */
export const SessionSchema = v.object({
  key: v.literal('current'),
  screen: ScreenSchema,
  indicatorIndex: v.number(),
  /** Made on the tablet before the first send, so a retried registration is the same record. */
  personId: v.string(),
  person: v.nullable(PersonViewSchema),
  assessmentId: v.string(),
  group: v.nullable(v.string()),
  answers: v.record(
    v.string(),
    v.object({ score: v.optional(v.number()), note: v.optional(v.string()), confirmed: v.optional(v.boolean()) }),
  ),
  /**
   * The token the box binds to her for this session (web/src/platform/villager-token.ts), made when
   * she registers or looks herself up; sent on every request about her, and gone with the session.
   */
  token: v.optional(v.string()),
  /** Assisted mode: the facilitator sitting with the villager. */
  assistedBy: v.optional(v.object({ id: v.string(), name: v.string() })),
  /** Text size, 1 to 2 (100 % to 200 %). */
  textScale: v.optional(v.number()),
  /** Chosen on the welcome screen for this session only (reset when it ends): language, simple mode, always read aloud. */
  lang: v.optional(v.picklist(['vi', 'en'])),
  simple: v.optional(v.boolean()),
  alwaysRead: v.optional(v.boolean()),
  /** The appraiser's message when the assessment came back for more evidence. */
  returnedMessage: v.optional(v.string()),
  /** Whether the villager has submitted (the box may not have it yet: see the outbox). */
  submitted: v.boolean(),
  /** Photos the box already holds for a draft resumed from the box, by indicator. */
  remotePhotos: v.optional(v.record(v.string(), v.number())),
  /** Classes she attended at the center this year (from the box when she was found), shown at CS03. */
  attendance: v.optional(AttendanceEvidenceSchema),
  /** Her latest learning plan of this year (from the box when she was found), shown at CS02. */
  learningPlan: v.optional(LearningPlanEvidenceSchema),
  /** The registration form as typed so far, so a reload mid-form loses nothing. */
  registration: v.optional(RegistrationDraftSchema),
  /** The digital-skills self-check under way (or just finished, with its result). */
  digital: v.optional(DigitalDraftSchema),
  /** The personal learning plan being made (or just saved). */
  plan: v.optional(PlanDraftSchema),
  /** "Gia đình tôi": her household and its self-assessment under way. */
  household: v.optional(HouseholdDraftSchema),
});
export type Session = v.InferOutput<typeof SessionSchema>;

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

export const databaseName = 'hoctap-kiosk';

/** The tablet's database: feature code imports this one instance. */
export const db = new Dexie(databaseName) as TabletDb;
declareVersions(db);
