/** A village's proposal list for one year, ready to render (danh sách đề nghị công nhận). */
export interface ProposalListData {
  center: { name: string; commune: string; province: string };
  village: string;
  year: number;
  /**
   * "official" goes to the commune with every recognized person; "public" is the list posted in
   * the village: only people who consented to it, name and village only (no scores, no birth year).
   */
  kind: 'official' | 'public';
  /** When the list was finalized (locked), or null while still a draft. */
  finalizedAt: string | null;
  generatedAt: string;
  entries: ProposalEntry[];
}

export interface ProposalEntry {
  name: string;
  birthYear: number;
  village: string;
  /** Title of the person's subject group, e.g. "Nhóm 1: Nông dân, lao động nông thôn". */
  group: string;
  /** Appraised total. */
  total: number;
  note: string;
}
