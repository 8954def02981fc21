/** Where each row of the dashboard's bar chart (BarChart.svelte) is drawn: label lines, bar, value and target. */
import { clamp, finite, round, textWidth, wrapText } from './chart-text.ts';

export interface BarChartRow {
  label: string;
  /** A share 0..1 (or a count when `max` is given); null when unknown. */
  value: number | null;
  /** Target on the same scale as `value`; null when none. */
  target: number | null;
}

/** Width of the drawing in viewBox units; the svg scales it to the container. */
export const W = 400;
/** Labels: left column, wrapped on two lines at most, then cut with an ellipsis. */
const LABEL_CHARS = 17;
const LABEL_LINES = 2;
/** Bars run from X0 to X1; the space right of X1 is kept for the printed value. */
export const X0 = 172;
export const X1 = W - 64;
export const ROW_H_PLAIN = 44;
export const ROW_H_TARGET = 60;
export const PAD_TOP = 6;
export const PAD_BOTTOM = 6;
export const BAR_Y = 4;
export const BAR_H = 26;

export interface BarLayoutOptions {
  rowH: number;
  scaleMax: number;
  format: (v: number) => string;
  unknownText: string;
  targetText: string;
}

/** The drawing of every row, in viewBox units. */
export function barLayout(rows: BarChartRow[], { rowH, scaleMax, format, unknownText, targetText }: BarLayoutOptions) {
  const xOf = (v: number): number => round(X0 + clamp(v / scaleMax, 0, 1) * (X1 - X0));

  return rows.map((row, i) => {
    const top = PAD_TOP + i * rowH;
    const barMid = top + BAR_Y + BAR_H / 2;
    const lines = wrapText(row.label, LABEL_CHARS, LABEL_LINES);
    // One line sits level with the bar; two lines straddle it.
    const lineYs = lines.length > 1 ? [barMid - 4, barMid + 15] : [barMid + 6];
    const labelLines = lines.map((text, j) => ({ text, y: lineYs[j] ?? barMid }));

    let bar: { width: number } | null = null;
    let valueText: { x: number; text: string; anchor: 'start' | 'end'; inside: boolean; unknown: boolean };
    if (finite(row.value)) {
      const end = xOf(row.value);
      const text = format(row.value);
      const width = round(end - X0);
      if (width > 0) bar = { width };
      const need = textWidth(text, 16);
      // Past the bar when it fits, otherwise inside the end of a long bar (white on the dark fill).
      if (end + 6 + need <= W || width < need + 12)
        valueText = { x: end + 6, text, anchor: 'start', inside: false, unknown: false };
      else valueText = { x: end - 6, text, anchor: 'end', inside: true, unknown: false };
    } else {
      valueText = { x: X0 + 6, text: unknownText, anchor: 'start', inside: false, unknown: true };
    }

    const targetX = finite(row.target) ? xOf(row.target) : null;
    // A value just left of the target tick moves past it rather than print across it.
    if (targetX !== null && !valueText.inside && !valueText.unknown) {
      const need = textWidth(valueText.text, 16);
      const moved = targetX + 6;
      if (targetX >= valueText.x - 4 && targetX <= valueText.x + need && moved + need <= W)
        valueText = { ...valueText, x: moved };
    }

    let target: { x: number; text: string; textX: number; anchor: 'start' | 'middle' | 'end' } | null = null;
    if (finite(row.target) && targetX !== null) {
      const x = targetX;
      const text = `${targetText}: ${format(row.target)}`;
      const half = textWidth(text, 14) / 2;
      let anchor: 'start' | 'middle' | 'end' = 'middle';
      let textX = x;
      if (x + half > W) {
        anchor = 'end';
        textX = Math.min(x + 4, W);
      } else if (x - half < X0) {
        anchor = 'start';
        textX = Math.max(x - 4, X0);
      }
      target = { x, text, textX, anchor };
    }
    return { top, labelLines, bar, valueText, target };
  });
}
