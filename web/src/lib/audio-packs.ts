import * as v from 'valibot';
import { AudioPackIndexSchema, AudioPackListSchema, type AudioPackIndex } from '../../../shared/schemas/audio-pack.ts';
import { tabletDb } from '../db/tablet.ts';
import { clipLookup, coverText, type ClipLookup } from '../platform/audio-cover.ts';
import type { ClipRef, ClipSource } from '../platform/speech.ts';
import { call } from './api.ts';
import { whenIdle } from './when-idle.ts';

/**
 * The read-aloud packs the box serves (recorded voices, and the box's synthesized Vietnamese),
 * kept in IndexedDB so a tablet reads aloud with the box away. Indexes come from the box at first
 * use, when the tablet comes back online and every ten minutes (a pack the box has just rendered
 * shows up without a reload); only a pack whose version changed is fetched again. The clips
 * themselves are fetched on first play and kept by the service worker (vite.config.ts).
 */

type Kind = AudioPackIndex['pack']['kind'];

interface Loaded {
  index: AudioPackIndex;
  lookup: ClipLookup<ClipRef>;
}

const REFRESH_MS = 10 * 60_000;
/** While the box says it is making clips: each one can be played as soon as it is made. */
const RENDERING_REFRESH_MS = 1_500;

/** Whether a pack's language is the one asked for (`vi` matches `vi-VN`). */
const sameLang = (packLang: string, lang: string) =>
  packLang.toLowerCase().split('-')[0] === lang.toLowerCase().split('-')[0];

function load(index: AudioPackIndex): Loaded {
  const id = index.pack.id;
  const clips = Object.entries(index.clips).map(([clipId, c]) => ({
    text: c.text,
    clip: {
      pack: id,
      id: clipId,
      url: `/api/audio/packs/${encodeURIComponent(id)}/clips/${encodeURIComponent(c.file)}?v=${c.sha}`,
    },
  }));
  return { index, lookup: clipLookup(clips) };
}

class AudioPacks implements ClipSource {
  private packs: Loaded[] = [];
  private listeners = new Set<() => void>();
  private started = false;
  private soon: ReturnType<typeof setTimeout> | null = null;

  /**
   * Reads what the tablet kept, then asks the box; called on first use of read-aloud (the welcome
   * screen's button asks as it is drawn). Both wait until the page has loaded and is idle, so the
   * first screen never waits for the database's code; a button that only a pack can say shows then.
   */
  start(): void {
    if (this.started || typeof indexedDB === 'undefined') return;
    this.started = true;
    void whenIdle()
      .then(() => this.fromDevice())
      .then(() => this.refresh());
    globalThis.addEventListener?.('online', () => void this.refresh());
    setInterval(() => void this.refresh(), REFRESH_MS);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether any pack of this kind speaks the language. */
  has(lang: string, kind: Kind): boolean {
    return this.packs.some(
      (p) => p.index.pack.kind === kind && p.index.pack.clips > 0 && sameLang(p.index.pack.lang, lang),
    );
  }

  /** Clips of one pack of this kind and language that, one after another, say the whole text; null if none does. */
  clipsFor(text: string, lang: string, kind: Kind): ClipRef[] | null {
    for (const p of this.packs) {
      if (p.index.pack.kind !== kind || !sameLang(p.index.pack.lang, lang)) continue;
      const clips = coverText(text, p.lookup);
      if (clips) return clips;
    }
    return null;
  }

  private set(indexes: AudioPackIndex[]): void {
    // Recorded before synthesized, then by name: the same order every time.
    this.packs = indexes
      .map(load)
      .sort(
        (a, b) => a.index.pack.kind.localeCompare(b.index.pack.kind) || a.index.pack.id.localeCompare(b.index.pack.id),
      );
    for (const l of this.listeners) l();
  }

  private async fromDevice(): Promise<void> {
    try {
      const rows = await (await tabletDb()).audioPacks.toArray();
      // Read back through the schema: a row from an older app version that no longer fits is dropped.
      this.set(rows.flatMap((r) => (v.is(AudioPackIndexSchema, r.index) ? [r.index] : [])));
    } catch {
      // No IndexedDB (private mode): the box's answer alone will do.
    }
  }

  private async refresh(): Promise<void> {
    let list: v.InferOutput<typeof AudioPackListSchema>;
    try {
      list = await call(AudioPackListSchema, '/audio/packs');
    } catch {
      return; // The box is away: keep what the tablet has.
    }
    if (list.rendering && this.soon === null)
      this.soon = setTimeout(() => {
        this.soon = null;
        void this.refresh();
      }, RENDERING_REFRESH_MS);
    const known = new Map(this.packs.map((p) => [p.index.pack.id, p.index]));
    const next: AudioPackIndex[] = [];
    for (const summary of list.packs) {
      const have = known.get(summary.id);
      if (have && have.pack.version === summary.version) {
        next.push(have);
        continue;
      }
      try {
        next.push(await call(AudioPackIndexSchema, `/audio/packs/${encodeURIComponent(summary.id)}/index.json`));
      } catch {
        if (have) next.push(have);
      }
    }
    const fetchedAt = new Date().toISOString();
    try {
      const db = await tabletDb();
      await db.transaction('rw', db.audioPacks, async () => {
        await db.audioPacks.clear();
        await db.audioPacks.bulkPut(next.map((index) => ({ id: index.pack.id, index, fetchedAt })));
      });
    } catch {
      // Kept in memory for this visit all the same.
    }
    this.set(next);
  }
}

export const audioPacks = new AudioPacks();
