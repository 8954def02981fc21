import type { OutboxItem, TabletDb } from '../../db/db.ts';

/** What became of one send. */
export type SendOutcome =
  | { kind: 'sent'; response: unknown }
  /** The box answered no for a reason (bad data): retrying the same request cannot help. */
  | { kind: 'refused'; code: string; message: string }
  /** No answer, or the box is not able to answer now: try again later. */
  | { kind: 'unreachable' };

/** How an outbox item reaches the box; a fake in tests. */
export type Transport = (item: OutboxItem) => Promise<SendOutcome>;

export type OutboxItemInput = OutboxItem extends infer T
  ? T extends OutboxItem
    ? Omit<T, 'seq' | 'state' | 'attempts' | 'createdAt' | 'refusal' | 'token'>
    : never
  : never;

/**
 * Adds changes to the outbox, in order, in the caller's transaction if there is one. Each carries
 * the villager session's token (undefined only without a session), since the session is cleared
 * at "Xong" and the item may reach the box days later.
 */
export async function enqueue(
  db: TabletDb,
  items: OutboxItemInput[],
  token: string | undefined,
  now = new Date(),
): Promise<void> {
  const createdAt = now.toISOString();
  await db.outbox.bulkAdd(
    items.map(
      (item) => ({ ...item, ...(token ? { token } : {}), state: 'pending', attempts: 0, createdAt }) as OutboxItem,
    ),
  );
}

/**
 * Sends pending items oldest first, one at a time, so the box sees a person before her assessment
 * and a draft before its photos. An item leaves the outbox only when the box confirms it; a refused
 * item is set aside for the facilitator and the rest go on; no answer stops the round.
 */
export class OutboxSender {
  private running: Promise<'done' | 'unreachable'> | null = null;

  constructor(
    private readonly db: TabletDb,
    private readonly transport: Transport,
    private readonly onSent: (item: OutboxItem, response: unknown) => Promise<void> | void = () => {},
  ) {}

  /** One round; concurrent calls share the round in progress. */
  flush(): Promise<'done' | 'unreachable'> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<'done' | 'unreachable'> {
    for (;;) {
      const item = await this.db.outbox.where('state').equals('pending').first();
      if (!item) return 'done';
      // Ordering is by seq; `first()` on the state index returns the lowest seq among pending.
      let outcome: SendOutcome;
      try {
        outcome = await this.transport(item);
      } catch {
        outcome = { kind: 'unreachable' };
      }
      if (outcome.kind === 'unreachable') {
        await this.db.outbox.update(item.seq!, { attempts: item.attempts + 1 });
        return 'unreachable';
      }
      if (outcome.kind === 'refused') {
        await this.db.outbox.update(item.seq!, {
          state: 'refused',
          attempts: item.attempts + 1,
          refusal: { code: outcome.code, message: outcome.message, at: new Date().toISOString() },
        });
        continue;
      }
      await this.onSent(item, outcome.response);
      await this.db.outbox.delete(item.seq!);
    }
  }

  /** The facilitator sends a refused item again (after fixing what was wrong at the box). */
  async retry(seq: number): Promise<void> {
    await this.db.outbox.update(seq, { state: 'pending', refusal: undefined });
  }
}

/**
 * The box settled on another slip code for a person registered here (a clash, rare): a household
 * she registered that still waits behind her registration names its head by the box's code.
 */
export async function renameWaitingHead(db: TabletDb, personId: string, code: string): Promise<void> {
  await db.outbox
    .where('personId')
    .equals(personId)
    .modify((queued) => {
      if (queued.kind === 'household' && queued.state === 'pending') queued.body = { ...queued.body, headCode: code };
    });
}
