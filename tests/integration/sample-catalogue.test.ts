import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetsThisWeek } from '../../shared/domain/catalog.ts';
import type { ResourceView } from '../../shared/schemas/resource.ts';
import { sampleIds, syncSampleCatalogue } from '../../server/src/resources/resources.sample.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The demonstration center's sample catalogue ("Mẫu: …"): made on a demo center with its classes
 * meeting in the coming week, moved on as the days pass, left alone once staff edited it, and retired
 * on a real center.
 */

let h: Harness;
const start = new Date('2026-11-23T03:00:00Z');
beforeEach(async () => {
  h = await startHarness(start);
});
afterEach(async () => {
  await h.close();
});

const catalog = async (since = 0) =>
  (await h.json('GET', `/api/resources?since=${since}`)).body as { version: number; changes: ResourceView[] };
const standing = async () => (await catalog()).changes.filter((r) => !r.retired);

describe('the sample catalogue', () => {
  it('on a demo center: five items marked "Mẫu", a class, printed matter, a video and a document, the classes meeting this week', async () => {
    await syncSampleCatalogue(h.db, start, true);
    const items = await standing();
    expect(items.map((r) => r.id).sort()).toEqual([...sampleIds].sort());
    expect(items.every((r) => r.title.startsWith('Mẫu: '))).toBe(true);
    expect(new Set(items.map((r) => r.kind))).toEqual(new Set(['class', 'printed', 'video', 'document']));
    const classes = items.filter((r) => r.kind === 'class');
    expect(classes).toHaveLength(2);
    for (const c of classes) expect(meetsThisWeek(c, start)).toBe(true);

    // Again the same day: nothing changes (no new catalog version for the tablets to fetch).
    const { version } = await catalog();
    await syncSampleCatalogue(h.db, start, true);
    expect((await catalog()).version).toBe(version);

    // Three weeks on, the classes still meet in the coming week.
    const later = new Date(start.getTime() + 21 * 86_400_000);
    await syncSampleCatalogue(h.db, later, true);
    for (const c of (await standing()).filter((r) => r.kind === 'class')) expect(meetsThisWeek(c, later)).toBe(true);
  });

  it('leaves a sample a facilitator edited as she left it, and retires the rest on a real center', async () => {
    await syncSampleCatalogue(h.db, start, true);
    const { admin } = await staffSessions(h);
    const booklet = (await standing()).find((r) => r.kind === 'printed')!;
    const { kind, title, topic, description, indicators, domains, audiences } = booklet;
    const edited = await h.json(
      'PUT',
      `/api/staff/resources/${booklet.id}`,
      { kind, title: title.replace('Mẫu: ', ''), topic, description, indicators, domains, audiences },
      admin,
    );
    expect(edited.status).toBe(200);
    await syncSampleCatalogue(h.db, new Date(start.getTime() + 7 * 86_400_000), true);
    expect((await standing()).find((r) => r.id === booklet.id)?.title).toBe(title.replace('Mẫu: ', ''));

    await syncSampleCatalogue(h.db, start, false);
    expect((await standing()).map((r) => r.id)).toEqual([booklet.id]);
  });

  it('on a real center: none', async () => {
    await syncSampleCatalogue(h.db, start, false);
    expect((await catalog()).changes).toEqual([]);
  });
});
