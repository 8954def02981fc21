import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSpeech, type ClipRef, type ClipSource } from './speech.ts';

/** What the box's packs hold in each case: clips by kind and language, for any text. */
const packs = { clips: {} as Record<string, ClipRef[] | undefined> };
const audioPacks: ClipSource = {
  start: () => {},
  onChange: () => () => {},
  has: (lang, kind) => packs.clips[`${kind}:${lang}`] !== undefined,
  clipsFor: (_text, lang, kind) => packs.clips[`${kind}:${lang}`] ?? null,
};
/** The screens' language (web/src/lib/speech.ts reads the locale's). */
const locale = { lang: 'vi' };
const browserSpeech = createSpeech(() => locale.lang, audioPacks);

const clip = (pack: string, id: string): ClipRef => ({ pack, id, url: `/api/audio/packs/${pack}/clips/${id}.ogg?v=1` });
const said: { text: string; lang: string }[] = [];
const fetched: string[] = [];
const played: string[] = [];
let voices: { lang: string; localService: boolean; name: string }[] = [];

beforeEach(() => {
  said.length = 0;
  fetched.length = 0;
  played.length = 0;
  voices = [];
  packs.clips = {};
  locale.lang = 'vi';
  vi.stubGlobal('speechSynthesis', {
    getVoices: () => voices,
    speak: (u: { text: string; lang: string }) => said.push({ text: u.text, lang: u.lang }),
    cancel: () => {},
  });
  vi.stubGlobal(
    'SpeechSynthesisUtterance',
    class {
      lang = '';
      voice: unknown = null;
      rate = 1;
      constructor(readonly text: string) {}
    },
  );
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return new Response(new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/ogg' }));
  });
  // An audio element that plays at once and ends on the next turn.
  vi.stubGlobal(
    'Audio',
    class extends EventTarget {
      constructor(readonly src: string) {
        super();
      }
      play() {
        played.push(this.src);
        setTimeout(() => this.dispatchEvent(new Event('ended')));
        return Promise.resolve();
      }
      pause() {
        this.dispatchEvent(new Event('pause'));
      }
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const recorded = [clip('hoa-vi', 'CS01.text'), clip('hoa-vi', 'CS01.explain')];
const synthesized = [clip('vi-espeak', 'CS01.text')];
const viVoice = { lang: 'vi-VN', localService: true, name: 'Tiếng Việt' };

describe('read-aloud: who says the text', () => {
  it.each([
    [
      "a recorded voice before the tablet's own",
      { 'recorded:vi': recorded, 'synthesized:vi': synthesized },
      [viVoice],
      recorded.map((c) => c.url),
      [],
    ],
    [
      "the tablet's voice before the box's synthesized clips",
      { 'synthesized:vi': synthesized },
      [viVoice],
      [],
      ['vi-VN'],
    ],
    [
      "the box's synthesized clips on a tablet without a Vietnamese voice",
      { 'synthesized:vi': synthesized },
      [{ lang: 'en-US', localService: true, name: 'English' }],
      synthesized.map((c) => c.url),
      [],
    ],
    ["the tablet's voice for a text no clip covers", {}, [viVoice], [], ['vi-VN']],
  ])('%s', async (_name, clips, v, expectFetched, expectSaid) => {
    packs.clips = clips;
    voices = v;
    browserSpeech.speak('Thường xuyên đọc sách báo. Câu này hỏi…');
    await settle();
    // On a loaded machine the clips' fetch-then-play chain may take longer than the settle: wait for it.
    await vi.waitFor(() => {
      expect(fetched).toEqual(expectFetched);
      expect(played).toHaveLength(expectFetched.length);
      expect(said.map((s) => s.lang)).toEqual(expectSaid);
    });
  });

  it('in English, uses an English voice and never the Vietnamese clips', async () => {
    packs.clips = { 'synthesized:vi': synthesized };
    voices = [viVoice, { lang: 'en-GB', localService: true, name: 'English' }];
    locale.lang = 'en';
    expect(browserSpeech.available()).toBe(true);
    browserSpeech.speak('Welcome');
    await settle();
    expect(fetched).toEqual([]);
    expect(said).toEqual([{ text: 'Welcome', lang: 'en-US' }]);
  });

  it.each([
    ['nothing at all', {}, [], false],
    ['only a voice in another language', {}, [{ lang: 'en-US', localService: true, name: 'English' }], false],
    ["the box's synthesized clips", { 'synthesized:vi': synthesized }, [], true],
    ['a recorded pack', { 'recorded:vi': recorded }, [], true],
    ['a Vietnamese voice', {}, [viVoice], true],
  ])('available() with %s: %s', (_name, clips, v, expected) => {
    packs.clips = clips;
    voices = v;
    expect(browserSpeech.available()).toBe(expected);
    expect(browserSpeech.canSay!('Tiếp theo')).toBe(expected);
  });

  it('stop() ends a run of clips part-way', async () => {
    packs.clips = { 'recorded:vi': recorded };
    vi.stubGlobal(
      'Audio',
      class extends EventTarget {
        constructor(readonly src: string) {
          super();
        }
        play() {
          played.push(this.src);
          return Promise.resolve();
        } // never ends by itself
        pause() {
          this.dispatchEvent(new Event('pause'));
        }
      },
    );
    browserSpeech.speak('Thường xuyên đọc sách báo. Câu này hỏi…');
    await settle();
    browserSpeech.stop();
    await settle();
    expect(played).toHaveLength(1);
    expect(fetched).toEqual([recorded[0]!.url]);
  });
});
