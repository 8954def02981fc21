import type { OutboxItem } from '../../db/db.ts';
import { tabletDb } from '../../db/tablet.ts';
import { OutboxSender, type Transport } from '../sync/outbox.ts';
import { fetchTransport } from '../sync/transport.ts';

export interface RefusedItem {
  seq: number;
  kind: OutboxItem['kind'];
  code: string;
  message: string;
  at: string;
}

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

/**
 * Sends the tablet's outbox to the box: at start, when the browser says it is back online, right
 * after something is queued, and on a timer that backs off (2 s doubling to 60 s) while the box
 * does not answer. Exposes counts for the screens.
 */
export class SyncState {
  pending = $state(0);
  refused = $state<RefusedItem[]>([]);
  /** Person ids with something still on the tablet. */
  pendingPeople = $state<string[]>([]);
  reachable = $state(true);
  /** Made on first use, once the tablet's database is loaded. */
  private sender: Promise<OutboxSender> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = FIRST_DELAY_MS;

  constructor(
    private readonly transport: Transport = fetchTransport(),
    private readonly onSent: (item: OutboxItem, response: unknown) => Promise<void> | void = () => {},
  ) {}

  private outbox(): Promise<OutboxSender> {
    this.sender ??= tabletDb().then((db) => new OutboxSender(db, this.transport, this.onSent));
    return this.sender;
  }

  start(): void {
    globalThis.addEventListener?.('online', () => this.kick());
    void this.kick();
  }

  /** Flush now; on no answer, try again after a growing delay. */
  async kick(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const result = await (await this.outbox()).flush();
    this.reachable = result === 'done';
    await this.refresh();
    if (result === 'unreachable') {
      this.timer = setTimeout(() => void this.kick(), this.delay);
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    } else {
      this.delay = FIRST_DELAY_MS;
    }
  }

  /** Shows a person as "on the tablet" at once, before the outbox is read again. */
  markPending(personId: string): void {
    if (!this.pendingPeople.includes(personId)) this.pendingPeople = [...this.pendingPeople, personId];
  }

  async retry(seq: number): Promise<void> {
    await (await this.outbox()).retry(seq);
    await this.kick();
  }

  async refresh(): Promise<void> {
    const items = await (await tabletDb()).outbox.toArray();
    const pending = items.filter((i) => i.state === 'pending');
    this.pending = pending.length;
    this.pendingPeople = [...new Set(pending.map((i) => i.personId))];
    this.refused = items
      .filter((i) => i.state === 'refused')
      .map((i) => ({
        seq: i.seq!,
        kind: i.kind,
        code: i.refusal?.code ?? 'internal',
        message: i.refusal?.message ?? '',
        at: i.refusal?.at ?? i.createdAt,
      }));
  }
}
