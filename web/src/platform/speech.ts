/** One recorded or synthesized clip of a read-aloud pack the box serves. */
export interface ClipRef {
  pack: string;
  id: string;
  url: string;
}

/** The box's read-aloud packs as speech uses them (web/src/lib/audio-packs.ts; a fake in tests). */
export interface ClipSource {
  /** Called on first use: reads what the tablet kept and asks the box. */
  start(): void;
  onChange(listener: () => void): () => void;
  has(lang: string, kind: 'recorded' | 'synthesized'): boolean;
  clipsFor(text: string, lang: string, kind: 'recorded' | 'synthesized'): ClipRef[] | null;
}

/**
 * Read-aloud in the language the screens are in (`lang()`, web/src/lib/speech.ts passes the locale's). Seam so tests and tablets without
 * a voice behave predictably. A text is said, in order of preference, by:
 *  1. a recorded pack's clips (a person's voice; also the only voice for a minority language);
 *  2. the tablet's own voice for the language (Android ships vi-VN);
 *  3. the box's synthesized clips (espeak-ng), for a tablet with no such voice.
 * `available` is false when none of them can say anything, so the buttons hide and the staff
 * home page warns.
 */
export interface Speech {
  available(): boolean;
  speak(text: string): void;
  stop(): void;
  /** Whether this particular text can be said (a filled-in template may have no clip). */
  canSay?(text: string): boolean;
  /** Called when what can be said changes: voices loaded late, a pack index arrived. Returns the unsubscribe. */
  onChange?(listener: () => void): () => void;
}

const utteranceLang: Record<string, string> = { vi: 'vi-VN', en: 'en-US' };

function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
  const voices = globalThis.speechSynthesis?.getVoices() ?? [];
  const matching = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === lang);
  return matching.find((v) => v.localService) ?? matching[0];
}

/** The clip being played and a count that tells a playback it was stopped or replaced. */
let playing: HTMLAudioElement | null = null;
let generation = 0;

/** Plays the clips one after another; a newer speak() or stop() ends it. */
async function playClips(clips: ClipRef[]): Promise<void> {
  const mine = ++generation;
  for (const clip of clips) {
    // Fetched whole (not streamed by the element), so the service worker can keep it for offline use.
    const res = await fetch(clip.url);
    if (!res.ok || mine !== generation) return;
    const url = URL.createObjectURL(await res.blob());
    if (mine !== generation) {
      URL.revokeObjectURL(url);
      return;
    }
    const audio = new Audio(url);
    playing = audio;
    try {
      await new Promise<void>((resolve, reject) => {
        audio.addEventListener('ended', () => resolve(), { once: true });
        audio.addEventListener('error', () => reject(new Error('clip could not be played')), { once: true });
        audio.addEventListener('pause', () => {
          if (mine !== generation) resolve();
        });
        audio.play().catch(reject);
      });
    } finally {
      URL.revokeObjectURL(url);
      if (playing === audio) playing = null;
    }
    if (mine !== generation) return;
  }
}

function stopAll(): void {
  generation++;
  playing?.pause();
  playing = null;
  globalThis.speechSynthesis?.cancel();
}

function sayWithVoice(text: string, lang: string): void {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = utteranceLang[lang] ?? lang;
  const voice = voiceFor(lang);
  if (voice) u.voice = voice;
  u.rate = 0.9;
  synth.speak(u);
}

/** The browser's speech, saying texts in `lang()` with the clips of `audioPacks` where they serve best. */
export const createSpeech = (currentLang: () => string, audioPacks: ClipSource): Speech => ({
  available() {
    audioPacks.start();
    const lang = currentLang();
    return audioPacks.has(lang, 'recorded') || voiceFor(lang) !== undefined || audioPacks.has(lang, 'synthesized');
  },
  canSay(text) {
    audioPacks.start();
    const lang = currentLang();
    return (
      voiceFor(lang) !== undefined ||
      audioPacks.clipsFor(text, lang, 'recorded') !== null ||
      audioPacks.clipsFor(text, lang, 'synthesized') !== null
    );
  },
  speak(text) {
    audioPacks.start();
    stopAll();
    const lang = currentLang();
    const clips =
      audioPacks.clipsFor(text, lang, 'recorded') ??
      (voiceFor(lang) ? null : audioPacks.clipsFor(text, lang, 'synthesized'));
    if (clips) {
      void playClips(clips).catch(() => {
        // A clip that cannot be had or played: the platform's voice, if any, says it instead.
        if (voiceFor(lang)) sayWithVoice(text, lang);
      });
      return;
    }
    sayWithVoice(text, lang);
  },
  stop: stopAll,
  onChange(listener) {
    audioPacks.start();
    const synth = globalThis.speechSynthesis;
    synth?.addEventListener?.('voiceschanged', listener);
    const off = audioPacks.onChange(listener);
    return () => {
      off();
      synth?.removeEventListener?.('voiceschanged', listener);
    };
  },
});
