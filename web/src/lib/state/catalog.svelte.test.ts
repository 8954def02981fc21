import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceChanges, ResourceView } from '../../../../shared/schemas/resource.ts';
import { db } from '../../db/db.ts';
import { Catalog } from './catalog.svelte.ts';

/**
 * The catalog on the tablet as a screen uses it: values derived from it must follow every load and
 * refresh (the list once stayed on "nothing found" after the first refresh brought resources).
 */
let box: ResourceView[] = [];
const asked: string[] = [];
const realFetch = globalThis.fetch;
const resource = (n: number, title: string, topic = 'Nông nghiệp'): ResourceView => ({
  id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  kind: 'printed',
  title,
  topic,
  description: '',
  indicators: [],
  domains: [],
  audiences: [],
  sessions: [],
  origin: 'center',
  retired: false,
  revision: 1,
  version: n,
  updatedAt: '2026-11-23T03:00:00.000Z',
});

beforeEach(async () => {
  box = [];
  asked.length = 0;
  // The box: what changed after the version asked for.
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const since = Number(new URL(String(input), 'http://box').searchParams.get('since'));
    asked.push(String(since));
    const body: ResourceChanges = {
      version: Math.max(0, ...box.map((r) => r.version)),
      changes: box.filter((r) => r.version > since),
    };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  await db.open();
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the catalog on the tablet', () => {
  it('values derived from it follow the first load, a refresh and a later change, fetching only what changed', async () => {
    const catalog = new Catalog();
    let all: string[] = [];
    let found: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        all = catalog.find('').map((r) => r.title);
      });
      $effect(() => {
        found = catalog.find('lua').map((r) => r.title);
      });
    });
    try {
      await catalog.load();
      flushSync();
      expect(all).toEqual([]);
      box = [resource(1, 'Sổ tay trồng lúa'), resource(2, 'Cẩm nang chăn nuôi', 'Chăn nuôi')];
      await catalog.refresh();
      flushSync();
      expect(all).toEqual(['Cẩm nang chăn nuôi', 'Sổ tay trồng lúa']);
      expect(found).toEqual(['Sổ tay trồng lúa']);
      box.push(resource(3, 'Kỹ thuật trồng lúa nước'));
      await catalog.refresh();
      flushSync();
      expect(all).toEqual(['Cẩm nang chăn nuôi', 'Kỹ thuật trồng lúa nước', 'Sổ tay trồng lúa']);
      expect(found).toHaveLength(2);
      expect(asked).toEqual(['0', '2']);
    } finally {
      stop();
    }
  });

  it('filters narrow a search; a retired resource is dropped; with the box unreachable the stored catalog stays', async () => {
    box = [resource(1, 'Sổ tay trồng lúa'), resource(2, 'Lúa và chăn nuôi', 'Chăn nuôi')];
    const catalog = new Catalog();
    await catalog.refresh();
    expect(
      catalog
        .find('lua')
        .map((r) => r.title)
        .sort(),
    ).toEqual(['Lúa và chăn nuôi', 'Sổ tay trồng lúa']);
    expect(catalog.find('lua', { topic: 'Chăn nuôi' }).map((r) => r.title)).toEqual(['Lúa và chăn nuôi']);
    expect(catalog.find('', { kind: 'class' })).toEqual([]);
    box[0] = { ...box[0]!, retired: true, version: 3 };
    await catalog.refresh();
    expect(catalog.items.map((r) => r.title)).toEqual(['Lúa và chăn nuôi']);
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const offline = new Catalog();
    await offline.refresh();
    expect(offline.fresh).toBe(false);
    expect(offline.items.map((r) => r.title)).toEqual(['Lúa và chăn nuôi']);
  });
});
