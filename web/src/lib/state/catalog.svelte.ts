import { matchesFilter, type CatalogFilter } from '../../../../shared/domain/catalog.ts';
import { buildIndex, search, type SearchIndex } from '../../../../shared/domain/search.ts';
import { ResourceChangesSchema, type ResourceView } from '../../../../shared/schemas/resource.ts';
import { tabletDb } from '../../db/tablet.ts';
import { call } from '../api.ts';

const collator = new Intl.Collator('vi');

/**
 * The catalog of learning resources on the tablet: kept in IndexedDB and browsable with the box
 * unreachable; refreshed by asking the box only for what changed after the version held here.
 */
export class Catalog {
  /** Replaced whole on each load (never changed in place), so it is not deeply reactive: 5,000 plain objects stay fast to read. */
  items = $state.raw<ResourceView[]>([]);
  version = $state(0);
  /** The box answered the last refresh (false: showing what the tablet holds). */
  fresh = $state(false);
  /** What is computed from one `items` array (the index, lookups, the list by title), dropped when it is replaced. */
  private derived: {
    of: ResourceView[];
    index?: SearchIndex;
    byId?: Map<string, ResourceView>;
    byTitle?: ResourceView[];
  } = { of: [] };

  async load(): Promise<void> {
    const db = await tabletDb();
    const items = await db.resources.toArray();
    this.version = (await db.catalogMeta.get('catalog'))?.version ?? 0;
    this.items = items;
  }

  /** Fetches what changed since this tablet's version and applies it in one transaction. */
  async refresh(): Promise<void> {
    try {
      const { version, changes } = await call(ResourceChangesSchema, `/resources?since=${this.version}`);
      const db = await tabletDb();
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

  /** The computed parts for the current items (reading `items` here also makes a caller depend on it). */
  private current() {
    if (this.derived.of !== this.items) this.derived = { of: this.items };
    return this.derived;
  }

  /** Builds the search index now (after the list is drawn), so the first keystroke does not pay for it. */
  prepare(): SearchIndex {
    const d = this.current();
    d.index ??= buildIndex(
      d.of.map((r) => ({
        id: r.id,
        fields: [
          { text: r.title, weight: 3 },
          { text: r.topic, weight: 2 },
          { text: [r.teacher ?? '', r.place ?? ''].join(' '), weight: 1 },
          { text: r.description, weight: 1 },
        ],
      })),
    );
    return d.index;
  }

  /**
   * Accent-insensitive, typo-tolerant search over titles, topics, teachers, places and descriptions,
   * within what the filters keep (kind, topic, indicator, classes meeting this week).
   */
  find(query: string, filter: CatalogFilter = {}, now = new Date()): ResourceView[] {
    const kept = (r: ResourceView) => matchesFilter(r, filter, now);
    const d = this.current();
    if (query.trim() === '') {
      // Sorted once per load by title, Vietnamese order; each change of filter only walks it.
      d.byTitle ??= [...d.of].sort((a, b) => collator.compare(a.title, b.title));
      return d.byTitle.filter(kept);
    }
    const index = this.prepare();
    const byId = (d.byId ??= new Map(d.of.map((r) => [r.id, r])));
    const filtered = Boolean(filter.kind || filter.topic || filter.indicator || filter.thisWeek);
    return search(index, query, filtered ? d.of.length : 200)
      .map((hit) => byId.get(hit.id))
      .filter((r): r is ResourceView => r !== undefined && kept(r));
  }
}
