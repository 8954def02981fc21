import { ReportDraftSchema, type ReportKind, type SaveReport } from '../../../shared/schemas/report-paper.ts';
import { call } from '../lib/api.ts';

const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, x]) => [k, String(x)])).toString();

/** The reports the hub signs (issue 25): the editor's view, its save, and the links the browser opens itself. */
export const reportApi = {
  draft: (year: number, kind: ReportKind) =>
    call(ReportDraftSchema, `/staff/hub/report-paper?${q({ year, kind, format: 'json' })}`),
  save: (input: SaveReport) =>
    call(ReportDraftSchema, '/staff/hub/report-paper', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    }),
  paperUrl: (year: number, kind: ReportKind, format: 'html' | 'docx') =>
    `/api/staff/hub/report-paper?${q({ year, kind, format })}`,
};
