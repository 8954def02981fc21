/** Fills `{name}` placeholders (of a catalog's text: shared/i18n/vi.ts, en.ts). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
