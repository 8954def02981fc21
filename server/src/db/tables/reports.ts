/** The written parts of a report the hub signs (issue 25), one per year and kind. */
export interface HubReportTextTable {
  year: number;
  /** 'result' or 'emulation' (shared/schemas/report-paper.ts). */
  kind: string;
  /** As entered ("45/BC-UBND"); '' while none. */
  number: string;
  /** YYYY-MM-DD as entered; '' while none. */
  signed_on: string;
  /** JSON: the officer's text by section; a section not in it follows the figures. */
  sections: string;
  updated_at: string;
  updated_by: string;
}
