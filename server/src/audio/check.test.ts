import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPack, hasProblems } from './check.ts';
import type { TextEntry } from './texts.ts';

/** The strings a pack is checked against: two fixed ones and a template. */
const strings: TextEntry[] = [
  { id: 'welcome.heading', text: 'Chào mừng đến với trung tâm học tập cộng đồng', fixed: true },
  { id: 'indicator.next', text: 'Tiếp theo', fixed: true },
  { id: 'indicator.progress', text: 'Chỉ số {n} / {total}', fixed: false },
];
const textsFor = async () => strings;
const okManifest = { lang: 'vi', name: 'Giọng chị Hoa', kind: 'recorded', voice: 'Nguyễn Thị Hoa' };

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A pack folder: pack.json (an object, or raw text), texts.json and clip files of a few bytes. */
function pack(files: { manifest?: unknown; texts?: Record<string, string>; clips?: string[] }): string {
  const root = mkdtempSync(join(tmpdir(), 'audio-pack-'));
  dirs.push(root);
  const dir = join(root, 'hoa-vi');
  mkdirSync(dir);
  if (files.manifest !== undefined)
    writeFileSync(
      join(dir, 'pack.json'),
      typeof files.manifest === 'string' ? files.manifest : JSON.stringify(files.manifest),
    );
  if (files.texts) writeFileSync(join(dir, 'texts.json'), JSON.stringify(files.texts));
  for (const c of files.clips ?? []) writeFileSync(join(dir, c), 'RIFF....WAVE');
  return dir;
}

const complete = {
  manifest: okManifest,
  texts: { 'welcome.heading': strings[0]!.text, 'indicator.next': strings[1]!.text },
  clips: ['welcome.heading.ogg', 'indicator.next.mp3'],
};

describe('the pack checker', () => {
  it('passes a complete pack whose texts match', async () => {
    const r = await checkPack(pack(complete), textsFor);
    expect(hasProblems(r)).toBe(false);
    expect(r).toMatchObject({
      pack: 'hoa-vi',
      clips: 2,
      missing: [],
      extra: [],
      stale: [],
      templates: [],
      duplicates: [],
      unverified: [],
      invalid: [],
    });
  });

  it.each([
    ['a missing clip', { ...complete, clips: ['welcome.heading.ogg'] }, { missing: [strings[1]] }],
    [
      'a clip for an id that does not exist',
      { ...complete, clips: [...complete.clips, 'welcome.headline.ogg'] },
      { extra: ['welcome.headline'] },
    ],
    [
      'a clip whose recorded text has changed since',
      { ...complete, texts: { ...complete.texts, 'indicator.next': 'Đi tiếp' } },
      { stale: [{ id: 'indicator.next', recorded: 'Đi tiếp', now: 'Tiếp theo' }] },
    ],
    [
      'a clip for a template',
      { ...complete, clips: [...complete.clips, 'indicator.progress.wav'] },
      { templates: ['indicator.progress'] },
    ],
    [
      'two files for one id',
      { ...complete, clips: [...complete.clips, 'indicator.next.ogg'] },
      { duplicates: ['indicator.next'] },
    ],
    [
      'pack.json that is not JSON',
      { ...complete, manifest: '{ lang: vi' },
      { invalid: [expect.stringContaining('pack.json is not JSON')] },
    ],
    [
      'pack.json without a kind',
      { ...complete, manifest: { lang: 'vi', name: 'x' } },
      { invalid: [expect.stringContaining('kind')] },
    ],
    [
      'pack.json with a bad language',
      { ...complete, manifest: { ...okManifest, lang: 'Tiếng Việt' } },
      { invalid: [expect.stringContaining('lang')] },
    ],
    ['no pack.json', { texts: complete.texts, clips: complete.clips }, { invalid: ['pack.json is missing'] }],
  ])('fails on %s', async (_name, files, expected) => {
    const r = await checkPack(pack(files), textsFor);
    expect(r).toMatchObject(expected);
    expect(hasProblems(r)).toBe(true);
  });

  it('matches texts whatever their Unicode form and spacing', async () => {
    const r = await checkPack(
      pack({ ...complete, texts: { ...complete.texts, 'welcome.heading': ` ${strings[0]!.text.normalize('NFD')}  ` } }),
      textsFor,
    );
    expect(r.stale).toEqual([]);
  });

  it('only warns about clips it cannot check without texts.json', async () => {
    const r = await checkPack(pack({ manifest: okManifest, clips: complete.clips }), textsFor);
    expect(r.unverified.sort()).toEqual(['indicator.next', 'welcome.heading']);
    expect(hasProblems(r)).toBe(false);
  });

  it('ignores files that are not clips', async () => {
    const dir = pack(complete);
    writeFileSync(join(dir, 'README.txt'), 'ghi chú');
    writeFileSync(join(dir, '.welcome.heading.tmp.wav'), '');
    expect((await checkPack(dir, textsFor)).clips).toBe(2);
  });

  it('checks the pack against the strings of its own language', async () => {
    const langs: string[] = [];
    await checkPack(pack({ ...complete, manifest: { ...okManifest, lang: 'hmn' } }), async (lang) => {
      langs.push(lang);
      return strings;
    });
    expect(langs).toEqual(['hmn']);
  });
});
