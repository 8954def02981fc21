/**
 * Read-aloud through the platform's speech synthesis, in Vietnamese. Seam so tests and tablets
 * without a voice behave predictably: `available` is false when no vi-VN voice exists.
 */
export interface Speech {
  available(): boolean;
  speak(text: string): void;
  stop(): void;
}

function vietnameseVoice(): SpeechSynthesisVoice | undefined {
  const voices = globalThis.speechSynthesis?.getVoices() ?? [];
  const vi = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith('vi'));
  return vi.find((v) => v.localService) ?? vi[0];
}

export const browserSpeech: Speech = {
  available: () => vietnameseVoice() !== undefined,
  speak(text) {
    const synth = globalThis.speechSynthesis;
    if (!synth) return;
    synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'vi-VN';
    const voice = vietnameseVoice();
    if (voice) u.voice = voice;
    u.rate = 0.9;
    synth.speak(u);
  },
  stop: () => globalThis.speechSynthesis?.cancel(),
};
