import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import type { PersonView } from '../../../../shared/schemas/person.ts';
import type { OutboxItem, Screen, Session } from '../../db/db.ts';
import { sessionOnTablet } from '../../db/saved-session.ts';
import { openedDb, tabletDb, tabletDbModule } from '../../db/tablet.ts';
import { nextTask, whenIdle } from '../when-idle.ts';
import { api, ApiError } from '../api.ts';
import { enqueue, type OutboxItemInput } from '../sync/outbox.ts';
import { attempt } from './attempt.ts';
import { SyncState } from './sync.svelte.ts';

export function newSession(): Session {
  return {
    key: 'current',
    screen: 'welcome',
    indicatorIndex: 0,
    personId: uuidv7(),
    person: null,
    assessmentId: uuidv7(),
    group: null,
    answers: {},
    submitted: false,
  };
}

/** A change to the session: the fields to set, or a function of the session as saved. */
export type SessionPatch = Partial<Session> | ((current: Session) => Partial<Session>);

/**
 * What a part of the villager's flow (her assessment, the digital check, the household…) takes part
 * in: the session's start, her being found, and its end. The core calls each part it was given
 * (SessionCore.join) and knows nothing else of them.
 */
export interface SessionPart {
  /** After a reload, with the session read back from the tablet. */
  restore?(session: Session): Promise<void>;
  /** A returning villager confirmed "this is me", with the token bound to her at the box. */
  found?(person: PersonView, token: string): Promise<void>;
  /** What the session's end hands to the outbox (so the box keeps what she began); read before it is cleared. */
  handOver?(session: Session): OutboxItemInput[];
  /** Forgets what is held in memory: the session has ended (or a new one begins). */
  forget?(): void;
}

/**
 * The villager's session on the tablet. Every change is written to IndexedDB before the screen
 * moves on (one after another, never two at once), so a reload, a closed tab or a flat battery
 * resumes exactly there; whatever goes to the box is written to the outbox in the same transaction
 * and then sent, so it works the same with the box switched off.
 */
export class SessionCore {
  info = $state<KioskInfo | null>(null);
  session = $state<Session>(newSession());
  busy = $state(false);
  /** An error code from the box, or 'network'. */
  error = $state<string | null>(null);
  readonly sync = new SyncState(undefined, (item, response) => this.confirmed(item, response));
  private readonly parts: SessionPart[] = [];
  private saving: Promise<void> = Promise.resolve();

  /** Adds a part, in the order its hand-over goes to the outbox at the session's end. */
  protected join<P extends SessionPart>(part: P): P {
    this.parts.push(part);
    return part;
  }

  /** Called when the box confirms an outbox item (the flow handles each kind: confirmations.ts). */
  protected confirmed(_item: OutboxItem, _response: unknown): Promise<void> {
    return Promise.resolve();
  }

  /** True while this villager has something the box does not hold yet. */
  get savedOnTabletOnly(): boolean {
    return this.sync.pendingPeople.includes(this.session.personId);
  }

  /**
   * Settles once what start() left for after the first screen is done: the box's answer kept on the
   * tablet and the outbox sending (at once when start() had to read the database anyway).
   */
  settled: Promise<void> = Promise.resolve();

  /**
   * Loads the kiosk info (from the box, else the copy on the tablet) and the saved session, and
   * starts sending; resolves once the first screen can be drawn. With no session saved on the
   * tablet (read without the database's code: db/saved-session.ts) and the box answering, that is
   * as soon as the box answers: the database's code loads after the welcome screen is drawn.
   * Otherwise the database is read first, so a session under way comes back before any screen.
   */
  async start(): Promise<void> {
    // The box is asked at once, beside whatever the tablet holds.
    const asked = api.kiosk();
    asked.catch(() => {}); // Answered below.
    if ((await sessionOnTablet()) === false) {
      const info = await asked.catch(() => null);
      if (info) {
        // The box's answer was read and checked in this task; the welcome screen is drawn in the next.
        await nextTask();
        this.info = info;
        this.settled = whenIdle().then(() => this.keep(info));
        this.settled.catch(() => {});
        return;
      }
    }
    const { db, SessionSchema } = await tabletDbModule();
    try {
      const info = await asked;
      await db.kiosk.put({ key: 'info', info, fetchedAt: new Date().toISOString() });
      this.info = info;
    } catch {
      this.info = (await db.kiosk.get('info'))?.info ?? null;
    }
    const saved = v.safeParse(SessionSchema, await db.session.get('current'));
    if (saved.success) {
      this.session = saved.output;
      for (const part of this.parts) await part.restore?.(saved.output);
    }
    this.sync.start();
    this.settled = Promise.resolve();
  }

  /** Keeps the box's answer on the tablet (for a start with the box away) and starts sending, each step in an idle moment of its own. */
  private async keep(info: KioskInfo): Promise<void> {
    const db = await tabletDb();
    await whenIdle();
    await db.kiosk.put({ key: 'info', info, fetchedAt: new Date().toISOString() });
    await whenIdle();
    this.sync.start();
  }

  /**
   * Runs each change to the tablet's storage after the last one has finished: a late form save
   * can never overwrite the screen change that followed it, nor bring back a session that ended.
   * Photos are written through it too.
   */
  serial(work: () => Promise<void>): Promise<void> {
    const run = this.saving.then(work);
    this.saving = run.catch(() => {});
    return run;
  }

  /**
   * Saves a change to the session, with `alongside` (outbox, photos) written in the same
   * IndexedDB transaction, so the two are kept together or not at all.
   */
  save(patch: SessionPatch, alongside?: () => Promise<void>): Promise<void> {
    return this.serial(async () => {
      const db = await tabletDb();
      // A snapshot: IndexedDB cannot store Svelte's reactive proxies.
      // (A patch may hold reactive state too, such as the person found.)
      const current = $state.snapshot(this.session) as Session;
      const change = typeof patch === 'function' ? patch(current) : patch;
      const next = $state.snapshot({ ...current, ...change }) as Session;
      // A registration form's draft lives only while the form is open: leaving it, by whatever way,
      // takes what was typed off the tablet, so the next person finds an empty form.
      if (next.screen !== 'register') delete next.registration;
      if (alongside) {
        await db.transaction('rw', db.session, db.outbox, db.photos, async () => {
          await alongside();
          await db.session.put(next);
        });
      } else {
        await db.session.put(next);
      }
      this.session = next;
    });
  }

  /**
   * Outbox items to write alongside a change (in its transaction), read when they are written, each
   * with the session's token (or `token`, for a session that begins with the change).
   */
  queue(items: () => OutboxItemInput[], token?: string): () => Promise<void> {
    return async () => {
      const list = items();
      if (list.length > 0) await enqueue(openedDb(), list, token ?? this.session.token);
    };
  }

  /**
   * Enqueue-then-send: the change and its outbox items kept together (with `also`, in the same
   * transaction), her slip shows "saved on the tablet" at once, and the outbox is sent.
   */
  async send(
    personId: string,
    patch: SessionPatch,
    items: () => OutboxItemInput[],
    also?: () => Promise<void>,
  ): Promise<void> {
    this.sync.markPending(personId);
    const queue = this.queue(items);
    await this.save(
      patch,
      also
        ? async () => {
            await queue();
            await also();
          }
        : queue,
    );
    void this.sync.kick();
  }

  go(screen: Screen, indicatorIndex = this.session.indicatorIndex): Promise<void> {
    this.error = null;
    return this.save({ screen, indicatorIndex });
  }

  /** Runs work for the villager's screens (busy, its failure as `error`), ending a session whose token expired. */
  attempt(work: () => Promise<void>): Promise<void> {
    return attempt(this, () => this.unlessExpired(work));
  }

  /**
   * Runs work that reads from the box about her; when the box says her session's token is no longer
   * good for reading (hours after she began), the session ends as at "Xong" (what she did still goes
   * to the box: writes stay accepted for weeks) and she is asked for her code and birth year again.
   */
  async unlessExpired(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'villager.token-required' || this.session.person === null) throw e;
      await this.endSession();
      await this.go('find');
      this.error = e.code;
    }
  }

  /** Her being found, passed to every part (a part may ask the box about her). */
  protected async foundPerson(person: PersonView, token: string): Promise<void> {
    for (const part of this.parts) await part.found?.(person, token);
  }

  /** Forgets what is in memory of the session (it has just been cleared from the tablet). */
  protected forget(): void {
    this.error = null;
    for (const part of this.parts) part.forget?.();
  }

  /**
   * Ends the session ("Xong", the idle timeout or "Để người khác dùng máy"): what each part has
   * begun and not sent (a draft and its photos, a household's self-assessment, a digital check
   * under way) goes to the outbox so the box keeps it for later; then everything about this
   * villager leaves the screens, memory and IndexedDB. The outbox keeps only what the box does not
   * hold yet, and drops each item once the box confirms it.
   */
  endSession(): Promise<void> {
    // An assisted session ends the facilitator's sign-in too: the next person at this tablet
    // must not find the staff screens open.
    if (this.session.assistedBy) void api.staffSignOut().catch(() => {});
    return this.serial(async () => {
      const session = this.session;
      const items = this.parts.flatMap((part) => part.handOver?.(session) ?? []);
      // The token goes on with what is handed over (the box takes her writes with it for weeks) and
      // leaves the session table with everything else.
      const token = session.token;
      const db = await tabletDb();
      await db.transaction('rw', db.session, db.photos, db.outbox, async () => {
        if (items.length > 0) await enqueue(db, items, token);
        await db.session.clear();
        await db.photos.clear();
      });
      this.session = newSession();
      this.forget();
      void this.sync.kick();
    });
  }
}
