import type { ReportDraft, ReportKind } from '../../../../shared/schemas/report-paper.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { errorCode } from '../../lib/api.ts';
import { reportApi } from '../report-api.ts';
import { reportText as t } from '../report-text.ts';

/**
 * The hub's report editor (issue 25): one report (year and kind) as the hub gives it — each written
 * section pre-filled from the figures or as the officer rewrote it — the fields being edited, and
 * the last save's outcome, said only once the report has been read again. A refused save keeps
 * what the officer typed, to correct it.
 */
export class ReportEditorState {
  year: number;
  kind = $state<ReportKind>('result');
  draft = $state<ReportDraft | null>(null);
  number = $state('');
  date = $state('');
  texts = $state<Record<string, string>>({});
  saving = $state(false);
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(year: number) {
    this.year = year;
  }

  /** Something typed that the hub does not hold yet. */
  get dirty(): boolean {
    const d = this.draft;
    if (!d) return false;
    return (
      this.number !== d.number || this.date !== d.date || d.sections.some((s) => (this.texts[s.key] ?? '') !== s.text)
    );
  }

  /** Reads the report again; `keepFields` leaves what the officer typed in place. */
  async load(keepFields = false): Promise<void> {
    const d = await reportApi.draft(this.year, this.kind);
    this.draft = d;
    if (keepFields) return;
    this.number = d.number;
    this.date = d.date;
    this.texts = Object.fromEntries(d.sections.map((s) => [s.key, s.text]));
  }

  /** Opens another kind of report, clearing the last outcome. */
  async open(kind: ReportKind): Promise<void> {
    this.kind = kind;
    this.done = null;
    this.error = null;
    try {
      await this.load();
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** Saves the number, the date and every section; the outcome is said once the report is read again. */
  async save(): Promise<void> {
    this.done = null;
    this.error = null;
    this.saving = true;
    let done: string | null = null;
    let refused = false;
    try {
      const saved = await reportApi.save({
        year: this.year,
        kind: this.kind,
        number: this.number.trim(),
        date: this.date,
        sections: { ...this.texts },
      });
      done = fill(t.saved, { n: saved.sections.filter((s) => s.edited).length });
    } catch (e) {
      refused = true;
      this.error = errorCode(e);
    }
    await this.load(refused).catch(() => {});
    this.saving = false;
    this.done = done;
  }
}
