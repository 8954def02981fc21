/**
 * A proposal list ready to render (danh sách đề nghị công nhận): a village's CDHT or "Gia đình học
 * tập" list, or the center's "Dòng họ học tập" list, for one year. The shapes are the wire shapes
 * of shared/schemas/proposal-list.ts, so the staff screen checks what the renderers print.
 */
export type {
  CdhtListData,
  ClanEntry,
  ClanListData,
  FamilyEntry,
  FamilyListData,
  PersonEntry,
  ProposalListData,
  ProposalListTitle,
} from '../../../shared/schemas/proposal-list.ts';
export { proposalListTitles } from '../../../shared/schemas/proposal-list.ts';

/** The CDHT entry under its first name (a person on a village's list). */
export type { PersonEntry as ProposalEntry } from '../../../shared/schemas/proposal-list.ts';
