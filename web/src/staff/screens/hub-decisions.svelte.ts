import type { DecisionTitle } from '../../../../shared/schemas/decision.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { ApiError, errorCode } from '../../lib/api.ts';
import { hubText as h } from '../hub-text.ts';
import { staffApi, type Decision, type ModelProposal, type Proposal } from '../api.ts';

/** What a decision names besides its selection: typed on the screen (HubDecisions.svelte). */
export interface DecisionAct {
  year: number;
  number: string;
  signedOn: string;
  signer: string;
}

/**
 * The commune's decisions screen: the year's proposals of one title, the selection the officer
 * ticks, and the decisions recorded; every change is followed by reading the proposals again, and
 * only then is its outcome said.
 */
export class HubDecisionsState {
  year = $state(0);
  title = $state<DecisionTitle>('cdht');
  proposals = $state<Proposal[]>([]);
  /** The proposals of the four other titles, by subject id (a village by its name). */
  models = $state<ModelProposal[]>([]);
  decisions = $state<Decision[]>([]);
  chosen = $state<string[]>([]);
  done = $state<string | null>(null);
  error = $state<string | null>(null);
  /** What the refusal's text names (the first day a higher level becomes possible, as dd/mm/yyyy). */
  errorValues = $state<Record<string, string>>({});

  constructor(year: number) {
    this.year = year;
  }

  get modelTitle(): Exclude<DecisionTitle, 'cdht'> | null {
    return this.title === 'cdht' ? null : this.title;
  }

  /** Each center's village lists of the year with proposals, and whether the village branch closed it. */
  get villageLists(): { center: string; village: string; closed: boolean; proposed: number }[] {
    const lists = new Map<string, { center: string; village: string; closed: boolean; proposed: number }>();
    for (const p of this.proposals) {
      const key = `${p.nodeId}\u0000${p.village}`;
      const list = lists.get(key) ?? { center: p.center, village: p.village, closed: p.listClosed, proposed: 0 };
      if (p.proposed) list.proposed++;
      lists.set(key, list);
    }
    return [...lists.values()];
  }

  /** A village is its own subject: no column of villages beside it. */
  get villageColumn(): boolean {
    return this.modelTitle !== 'cddht';
  }

  /**
   * Runs a change, reads the proposals and decisions of the title shown again, and only then says
   * `said` (when given), so that "Đã ghi quyết định …" never sits above the table as it was before.
   */
  async attempt(work: () => Promise<unknown>, said?: string): Promise<void> {
    this.error = null;
    let worked = false;
    try {
      await work();
      worked = true;
      await this.read();
    } catch (e) {
      this.error = errorCode(e);
      this.errorValues = refusalValues(e);
    }
    if (worked && said !== undefined) this.done = said;
  }

  /** The year's proposals and decisions of the title chosen; the last outcome, about another, goes. */
  load(): Promise<void> {
    this.done = null;
    return this.attempt(async () => {});
  }

  private async read(): Promise<void> {
    const shown = this.modelTitle;
    const year = this.year;
    if (shown) {
      [this.models, this.decisions] = await Promise.all([
        staffApi.modelProposals(shown, year),
        staffApi.decisions(year, shown),
      ]);
      const open = (id: string) => this.models.some((p) => p.subject.id === id && p.proposed && !p.decision);
      this.chosen = this.chosen.filter(open);
    } else {
      [this.proposals, this.decisions] = await Promise.all([
        staffApi.proposals(year),
        staffApi.decisions(year, 'cdht'),
      ]);
      const open = (id: string) => this.proposals.some((p) => p.personId === id && p.proposed && !p.decision);
      this.chosen = this.chosen.filter(open);
    }
  }

  choose(next: DecisionTitle): void {
    if (next === this.title) return;
    this.chosen = [];
    this.models = [];
    this.proposals = [];
    this.decisions = [];
    this.title = next;
  }

  toggle(id: string, on: boolean): void {
    this.chosen = on ? [...this.chosen, id] : this.chosen.filter((x) => x !== id);
  }

  /** Records a decision naming the selection; `recorded` runs once the box has it (it clears the form). */
  record(act: DecisionAct, recorded: () => void): Promise<void> {
    const shown = this.modelTitle;
    return this.attempt(
      async () => {
        if (shown) {
          const subjects = this.models
            .filter((p) => this.chosen.includes(p.subject.id))
            .map((p) => ({ kind: p.subject.kind, id: p.subject.id }));
          await staffApi.recordDecision({ ...act, title: shown, subjects });
        } else await staffApi.recordDecision({ ...act, personIds: this.chosen });
        recorded();
        this.chosen = [];
      },
      fill(t.decisions.recorded, { number: act.number }),
    );
  }

  /** Opens a decided household, clan, village or unit again for appraisal, with the reason typed. */
  reopenModel(p: ModelProposal, reason: string): Promise<void> {
    const decision = p.decision;
    if (!decision) return Promise.resolve();
    return this.attempt(
      () => staffApi.reopenDecided(decision.id, { kind: p.subject.kind, id: p.subject.id }, reason),
      fill(h.decisions.reopened, { name: p.subject.label }),
    );
  }

  /** Opens a decided person's result again at her center, with the reason typed. */
  reopenPerson(p: Proposal, reason: string): Promise<void> {
    const decision = p.decision;
    if (!decision) return Promise.resolve();
    return this.attempt(
      () => staffApi.reopenDecided(decision.id, p.personId, reason),
      fill(t.decisions.reopened, { name: p.name }),
    );
  }

  /** Declines a person's proposal for the year shown, with the reason sent to her center. */
  decline(p: Proposal, reason: string): Promise<void> {
    return this.attempt(() => staffApi.decline({ personId: p.personId, year: this.year, reason }));
  }
}

/** The first day named by a `decision.next-level-too-soon` refusal (the latest of them), as dd/mm/yyyy. */
function refusalValues(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const lists = (e.details as { lists?: unknown } | undefined)?.lists;
  if (Array.isArray(lists)) return { lists: lists.join(', ') };
  const subjects = (e.details as { subjects?: { from?: unknown }[] } | undefined)?.subjects ?? [];
  const days = subjects.flatMap((s) => (typeof s.from === 'string' ? [s.from] : [])).sort();
  const last = days.at(-1);
  return last ? { from: last.split('-').reverse().join('/') } : {};
}
