import * as v from 'valibot';
import { DigitalAttemptViewSchema } from '../../../../shared/schemas/digital-attempt.ts';
import { PersonViewSchema } from '../../../../shared/schemas/person.ts';
import { HouseholdViewSchema } from '../../../../shared/schemas/registry.ts';
import { ModelAssessmentViewSchema } from '../../../../shared/schemas/responses/model-assessment.ts';
import type { OutboxItem } from '../../db/db.ts';
import { tabletDb } from '../../db/tablet.ts';
import { renameWaitingHead } from '../sync/outbox.ts';
import type { SessionCore } from './session.svelte.ts';

type Kind = OutboxItem['kind'];
type Item<K extends Kind> = Extract<OutboxItem, { kind: K }>;
type Handler<K extends Kind> = (core: SessionCore, item: Item<K>, response: unknown) => Promise<void>;

const nothing = (): Promise<void> => Promise.resolve();

/** A household's change confirmed: the box's view of the household replaces the one made here. */
async function householdView(
  core: SessionCore,
  item: Item<'household' | 'household-member' | 'household-facts'>,
  response: unknown,
): Promise<void> {
  const d = core.session.household;
  const view = v.safeParse(HouseholdViewSchema, response);
  if (!d || !view.success || view.output.id !== d.view?.id) return;
  await core.save((current) =>
    current.household
      ? {
          household: {
            ...current.household,
            view: view.output,
            ...(item.kind === 'household' ? { registeredHere: false } : {}),
          },
        }
      : {},
  );
}

/**
 * What the tablet keeps of the box's answer to each kind of outbox item, in one place: the answer
 * goes into the session (whichever screen shows it reads it there). Kinds whose answer adds nothing
 * to what the tablet already shows keep nothing.
 */
const handlers: { [K in Kind]: Handler<K> } = {
  /** Her registration: the box's slip code (it differs from the one made here only on a clash). */
  person: async (core, item, response) => {
    const view = v.safeParse(PersonViewSchema, response);
    const person = core.session.person;
    if (person?.id !== item.recordId || !view.success || view.output.code === person.code) return;
    const code = view.output.code;
    // A household registered under the code made here waits behind her registration: it names her by the box's code.
    await renameWaitingHead(await tabletDb(), item.recordId, code);
    await core.save((current) => ({
      person: view.output,
      ...(current.household?.view
        ? {
            household: {
              ...current.household,
              view: {
                ...current.household.view,
                members: current.household.view.members.map((m) => (m.personId === item.recordId ? { ...m, code } : m)),
              },
            },
          }
        : {}),
    }));
  },
  assessment: nothing,
  photo: nothing,
  /** The box's own scoring of the self-check replaces the one made here (they use the same rules). */
  'digital-attempt': async (core, item, response) => {
    const view = v.safeParse(DigitalAttemptViewSchema, response);
    if (!view.success) return;
    await core.save((current) =>
      current.digital?.attemptId === item.recordId ? { digital: { ...current.digital, result: view.output } } : {},
    );
  },
  'digital-draft': nothing,
  'learning-plan': nothing,
  household: householdView,
  'household-member': householdView,
  'household-facts': householdView,
  /** The household's submitted self-assessment: the box's verdict. */
  'model-assessment': async (core, item, response) => {
    const d = core.session.household;
    if (!d || item.recordId !== d.assessmentId || item.body.status !== 'submitted') return;
    const view = v.safeParse(ModelAssessmentViewSchema, response);
    if (!view.success) return;
    await core.save((current) =>
      current.household?.assessmentId === item.recordId
        ? { household: { ...current.household, result: view.output.verdict } }
        : {},
    );
  },
};

/** Keeps what the box answered for an outbox item it has confirmed (before the item leaves the outbox). */
export function confirm(core: SessionCore, item: OutboxItem, response: unknown): Promise<void> {
  return (handlers[item.kind] as Handler<Kind>)(core, item, response);
}
