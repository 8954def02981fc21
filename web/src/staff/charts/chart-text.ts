/** Small helpers shared by the dashboard's SVG charts: text is measured by estimate, since an svg cannot measure it before drawing. */

/** Rough advance of one character, per unit of font size (Noto Sans / Roboto). */
export const CHAR_EM = 0.58;

export const round = (v: number): number => Math.round(v * 10) / 10;
export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
export const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
export const textWidth = (text: string, fontSize: number): number => Array.from(text).length * fontSize * CHAR_EM;

/** Word-wraps `text` to lines of at most `perLine` characters; past `maxLines` the last line ends in "…". */
export function wrapText(text: string, perLine: number, maxLines: number): string[] {
  const words = text
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of words) {
    let chars = Array.from(word);
    const sep = line.length > 0 ? 1 : 0;
    if (line.length + sep + chars.length <= perLine) {
      if (sep) line.push(' ');
      line.push(...chars);
      continue;
    }
    if (line.length > 0) lines.push(line.join(''));
    while (chars.length > perLine) {
      lines.push(chars.slice(0, perLine).join(''));
      chars = chars.slice(perLine);
    }
    line = chars;
  }
  if (line.length > 0) lines.push(line.join(''));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = Array.from(kept[maxLines - 1] ?? '');
  const room = last.length >= perLine ? last.slice(0, perLine - 1) : last;
  kept[maxLines - 1] = `${room.join('').trimEnd()}…`;
  return kept;
}
