import { createSpeech } from '../platform/speech.ts';
import { audioPacks } from './audio-packs.ts';
import { locale } from './i18n/locale.svelte.ts';

/** Read-aloud for every screen: in the screens' language, with the box's packs (web/src/platform/speech.ts). */
export const browserSpeech = createSpeech(() => locale.lang, audioPacks);
