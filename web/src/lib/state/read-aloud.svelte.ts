import { browserSpeech } from '../speech.ts';

/**
 * "Always read" (assisted sessions, or chosen from the welcome screen): reads a screen's prompt aloud
 * when it appears and again whenever the prompt itself changes (the next indicator, the next item).
 * Call it while a component initialises. Both arguments go through `$derived`, so a save that
 * replaces the session object with equal values reads nothing twice.
 */
export function readOnAppear(enabled: () => boolean, text: () => string): void {
  const on = $derived(enabled());
  const prompt = $derived(text().trim());
  $effect(() => {
    if (on && prompt !== '') browserSpeech.speak(prompt);
  });
}

/** Simple mode's spoken confirmations (a score chosen, the summary before sending): said when asked. */
export function confirmAloud(simple: boolean, text: string): void {
  if (simple) browserSpeech.speak(text);
}
