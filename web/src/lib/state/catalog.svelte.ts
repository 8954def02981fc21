import { buildIndex, search, type SearchIndex } from '../../../../shared/domain/search.ts';
import { ResourceChangesSchema, type ResourceView } from '../../../../shared/schemas/resource.ts';
import { db } from '../../db/db.ts';
import { call } from '../api.ts';

/**
 * The catalog of learning resources on the tablet: kept in IndexedDB and browsable with the box
 * unreachable; refreshed by asking the box only for what changed after the version held here.
 */
export class Catalog {
  items = $state<ResourceView[]>([]);
  version = $state(0);
  /** The box answered the last refresh (false: showing what the tablet holds). */
  fresh = $state(false);
  private index: SearchIndex | null = null;

  async load(): Promise<void> {
    this.items = await db.resources.toArray();
    this.version = (await db.catalogMeta.get('catalog'))?.version ?? 0;
    this.index = null;
  }

  /** Fetches what changed since this tablet's version and applies it in one transaction. */
  async refresh(): Promise<void> {
    try {
      const { version, changes } = await call(ResourceChangesSchema, `/resources?since=${this.version}`);
      await db.transaction('rw', db.resources, db.catalogMeta, async () => {
        const retired = changes.filter((r) => r.retired).map((r) => r.id);
        await db.resources.bulkPut(changes.filter((r) => !r.retired));
        await db.resources.bulkDelete(retired);
        await db.catalogMeta.put({ key: 'catalog', version, fetchedAt: new Date().toISOString() });
      });
      this.fresh = true;
    } catch {
      this.fresh = false;
    }
    await this.load();
  }

  /** Accent-insensitive, typo-tolerant search over titles, topics, teachers, places and descriptions. */
  find(query: string): ResourceView[] {
    if (query.trim() === '') return [...this.items].sort((a, b) => a.title.localeCompare(b.title, 'vi'));
    this.index ??= buildIndex(this.items.map((r) => ({
      id: r.id,
      fields: [{ text: r.title, weight: 3 }, { text: r.topic, weight: 2 }, { text: [r.teacher ?? '', r.place ?? ''].join(' '), weight: 1 }, { text: r.description, weight: 1 }],
    })));
    const byId = new Map(this.items.map((r) => [r.id, r]));
    return search(this.index, query).map((hit) => byId.get(hit.id)!).filter(Boolean);
  }
}
