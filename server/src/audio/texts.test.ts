import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TextIdSchema } from '../../../shared/schemas/audio-pack.ts';
import { loadConfig } from '../config/load.ts';
import { catalogTexts, villagerTexts } from './texts.ts';

const config = loadConfig({ configDir: join(import.meta.dirname, '../../../kiosk-config'), env: {} });

describe('villager-facing strings and their ids', () => {
  it.each([
    ['a catalog string, by its path', 'welcome.heading', true],
    ['a catalog template', 'indicator.progress', false],
    ['an error message', 'errors.person.not-found', true],
    ['an indicator for a group', 'criteria.cdht-2022.CS01.nhom-1.text', true],
    ['its explanation', 'criteria.cdht-2022.CS01.nhom-1.explain', true],
    ['one of its evidence examples', 'criteria.cdht-2022.CS01.nhom-1.evidence.0', true],
    [
      'a group title of the 2023 set',
      `criteria.cdht-2023.group.${config.criteriaSets.find((s) => s.id === 'cdht-2023')!.groups[0]!.id}.title`,
      true,
    ],
    ['a question of the digital bank', 'digital.digital-2025.DS01.prompt', true],
    ['an option of a choice question', 'digital.digital-2025.DS05.options.c.text', true],
    ['a message in a scam task', 'digital.digital-2025.DS28.task.messages.con.text', true],
    ['a rating step', 'digital.digital-2025.ratingStep.0', true],
  ])('lists %s (%s)', async (_name, id, fixed) => {
    const entry = (await villagerTexts(config, 'vi')).find((e) => e.id === id);
    expect(entry).toMatchObject({ id, fixed });
    expect(entry!.text.length).toBeGreaterThan(0);
  });

  it('gives every string an id that can name a clip file, once', async () => {
    const all = await villagerTexts(config, 'vi');
    expect(all.filter((e) => !v.is(TextIdSchema, e.id))).toEqual([]);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('leaves out what a villager never hears: data, pictures, right answers', async () => {
    const ids = (await villagerTexts(config, 'vi')).map((e) => e.id);
    expect(
      ids.filter(
        (id) =>
          id.startsWith('digital.digital-2025.DS') && /\.(picture|correct|expected|domain|kind|scam|weight)$/.test(id),
      ),
    ).toEqual([]);
    expect(ids).toContain('digital.digital-2025.DS01.prompt');
  });

  it('a language without its own catalog records from the Vietnamese strings, content included', async () => {
    const hmong = await villagerTexts(config, 'hmn');
    expect(hmong.find((e) => e.id === 'welcome.heading')?.text).toBe(
      (await villagerTexts(config, 'vi')).find((e) => e.id === 'welcome.heading')?.text,
    );
    expect(hmong.some((e) => e.id.startsWith('criteria.'))).toBe(true);
  });

  it('walks nested catalog objects and skips what is not text', () => {
    expect(catalogTexts({ a: { b: 'Xin chào', n: 3, f: () => 'x', c: { d: 'Còn {n} câu' } } })).toEqual([
      { id: 'a.b', text: 'Xin chào', fixed: true },
      { id: 'a.c.d', text: 'Còn {n} câu', fixed: false },
    ]);
  });
});
