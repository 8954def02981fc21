import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TEXT_INVALID } from '../../../shared/schemas/text.ts';
import {
  ReopenAppraisalSchema,
  ReturnAppraisalSchema,
  SaveAppraisalSchema,
} from '../../../shared/schemas/appraisal.ts';
import { PutAssessmentSchema } from '../../../shared/schemas/assessment.ts';
import { PutAttendanceSchema } from '../../../shared/schemas/attendance.ts';
import {
  DeclineInputSchema,
  PopulationInputSchema,
  TargetAdjustmentInputSchema,
  UnitChangeInputSchema,
} from '../../../shared/schemas/commune.ts';
import { CriteriaSetSchema } from '../../../shared/schemas/criteria-set.ts';
import { RecordDecisionSchema, ReopenDecidedSchema } from '../../../shared/schemas/decision.ts';
import { HistoryReviewSchema } from '../../../shared/schemas/history.ts';
import { ListReturnInputSchema } from '../../../shared/schemas/list-return.ts';
import { SaveReportSchema } from '../../../shared/schemas/report-paper.ts';
import { CenterSetupSchema } from '../../../shared/schemas/center-setup.ts';
import { DigitalBankSchema } from '../../../shared/schemas/digital-bank.ts';
import { PutDigitalAttemptSchema } from '../../../shared/schemas/digital-attempt.ts';
import { EnrolBodySchema, RepinBodySchema } from '../../../shared/schemas/enrolment.ts';
import { PutLearningPlanSchema } from '../../../shared/schemas/learning-plan.ts';
import { PutModelAssessmentSchema, SaveModelAppraisalSchema } from '../../../shared/schemas/model-assessment.ts';
import { ModelCriteriaSetSchema } from '../../../shared/schemas/model-criteria-set.ts';
import { RegisterPersonSchema } from '../../../shared/schemas/person.ts';
import {
  CreateClanSchema,
  CreateUnitSchema,
  HouseholdFactsSchema,
  LinkHouseholdSchema,
  LinkMemberSchema,
  RegisterHouseholdSchema,
  StaffCountSchema,
  UpdateClanSchema,
  UpdateUnitSchema,
} from '../../../shared/schemas/registry.ts';
import { ResourceInputSchema } from '../../../shared/schemas/resource.ts';
import { CreateStaffSchema, SetupSchema, SignInSchema } from '../../../shared/schemas/staff.ts';
import { EnrolRequestSchema } from '../../../shared/sync/protocol.ts';
import { RevokeDecisionSchema } from '../hub/decisions/decisions.service.ts';

/**
 * Issue 21: one text rule for every free-text field (text.ts). This walks every schema a request
 * body or a configuration file is parsed with and fails on a string field that has neither the
 * rule nor a format of its own (a regex, a date, a URL): a new free-text field must take the rule,
 * or be listed below as an id or code the box looks up or decodes (so it is never stored as typed).
 * It also fails when a route parses a body with a schema this list does not walk.
 */

/** Every body and configuration schema, by the name the routes and loaders use. */
const walked: Record<string, v.GenericSchema> = {
  SaveAppraisalSchema,
  ReturnAppraisalSchema,
  ReopenAppraisalSchema,
  PutAssessmentSchema,
  PutAttendanceSchema,
  DeclineInputSchema,
  PopulationInputSchema,
  TargetAdjustmentInputSchema,
  UnitChangeInputSchema,
  RecordDecisionSchema,
  ReopenDecidedSchema,
  HistoryReviewSchema,
  ListReturnInputSchema,
  SaveReportSchema,
  CenterSetupSchema,
  RevokeDecisionSchema,
  EnrolBodySchema,
  RepinBodySchema,
  EnrolRequestSchema,
  PutLearningPlanSchema,
  PutModelAssessmentSchema,
  SaveModelAppraisalSchema,
  CreateClanSchema,
  UpdateClanSchema,
  CreateUnitSchema,
  UpdateUnitSchema,
  RegisterHouseholdSchema,
  LinkMemberSchema,
  LinkHouseholdSchema,
  HouseholdFactsSchema,
  StaffCountSchema,
  ResourceInputSchema,
  CreateStaffSchema,
  SetupSchema,
  SignInSchema,
  RegisterPersonSchema,
  PutDigitalAttemptSchema,
  // Configuration, and what comes down the feed from the province.
  CriteriaSetSchema,
  ModelCriteriaSetSchema,
  DigitalBankSchema,
};

/** String fields without the rule that are ids or codes, each looked up or decoded before use, never stored as typed. */
const notFreeText: Record<string, string> = {
  'SaveAppraisalSchema scores[].indicatorId': "an indicator of the assessment's criteria set",
  'PutAssessmentSchema criteriaSetId': 'an installed criteria set',
  'PutAssessmentSchema criteriaSetVersion': 'an installed criteria set',
  'PutAssessmentSchema group': 'a group of the criteria set',
  'PutAssessmentSchema answers[].indicatorId': 'an indicator of the criteria set',
  'DeclineInputSchema personId': 'a person the hub holds',
  'RecordDecisionSchema personIds[]': 'people the hub holds',
  'ReopenDecidedSchema personId': 'a person the hub holds',
  'ListReturnInputSchema nodeId': 'a node enrolled at the hub',
  'ListReturnInputSchema listId': 'a list a node closed and sent up',
  'SaveReportSchema date': 'a real YYYY-MM-DD of the year or the next (checkDate), or empty',
  'SaveReportSchema sections{key}': 'a section of the report kind (report.section-unknown otherwise)',
  'EnrolBodySchema code': 'decoded as the join code: address, one-time code and CA check (parseJoinCode)',
  'RepinBodySchema fingerprint': 'decoded as a fingerprint (parsePin)',
  'EnrolRequestSchema code': 'a one-time code the hub issued',
  'EnrolRequestSchema publicKey': 'decoded as an Ed25519 SPKI key',
  'PutModelAssessmentSchema subjectId': 'a household, clan or unit of the registry, or a village of the center',
  'PutModelAssessmentSchema criteriaSetId': 'an installed criteria set',
  'PutModelAssessmentSchema criteriaSetVersion': 'an installed criteria set',
  'PutModelAssessmentSchema answers[].itemId': 'an item of the criteria set',
  'SaveModelAppraisalSchema answers[].itemId': 'an item of the criteria set',
  'SetupSchema setupCode': "compared with the box's one-time setup code",
  'RegisterPersonSchema village': 'a village of the center (person.village-unknown)',
  'RegisterPersonSchema assistedBy': 'a staff member of the box',
  'PutDigitalAttemptSchema bankId': 'an installed question bank',
  'PutDigitalAttemptSchema bankVersion': 'an installed question bank',
  'PutDigitalAttemptSchema responses{key}': 'an item of the bank',
  'PutDigitalAttemptSchema responses{}.optionId': 'an option of the item',
  'PutDigitalAttemptSchema responses{}.iconId': 'an icon of the item',
  'PutDigitalAttemptSchema responses{}.messageId': 'a message of the item',
  'PutDigitalAttemptSchema responses{}.values{key}': "a field of the item's form",
};

/** Route-local body schemas, and how each is kept to the rule. */
const localBodies: Record<string, string> = {
  BirthYearBody: 'a slip code and a birth year (LinkMemberSchema)',
  ConsentBody: 'a purpose from a list and a yes or no',
  EnrolmentBody: "the center's name: OneLineText (hub.routes.ts)",
  FinalizeBody: 'a title from a list, a village under cleanText, a year (lists.routes.ts)',
  'v.strictObject': 'an id (Uuid7Schema)',
  PutDigitalDraftSchema: "a paused digital check (digital-attempt.ts, its helper's part)",
};

type Node = {
  type: string;
  kind?: string;
  pipe?: Node[];
  message?: unknown;
  entries?: Record<string, Node>;
  item?: Node;
  wrapped?: Node;
  options?: Node[];
  key?: Node;
  value?: Node;
};
const FORMATS = new Set([
  'regex',
  'iso_date',
  'iso_timestamp',
  'iso_date_time',
  'url',
  'uuid',
  'email',
  'hexadecimal',
  'digits',
]);

/** A pipe's actions, those of a piped schema it starts from included (`v.pipe(Text, v.maxLength(240))`). */
const actionsOf = (node: Node): Node[] =>
  (node.pipe ?? []).flatMap((a, i) => (i === 0 ? (a.pipe ? actionsOf(a) : []) : [a]));

type Kind = 'rule' | 'format' | 'bare';
function strings(node: Node, path: string, out: Map<string, { kind: Kind; node: Node }>): void {
  if (node.type === 'string') {
    const actions = actionsOf(node);
    out.set(path, {
      node,
      kind: actions.some((a) => a.message === TEXT_INVALID)
        ? 'rule'
        : actions.some((a) => FORMATS.has(a.type))
          ? 'format'
          : 'bare',
    });
    return;
  }
  if (node.entries)
    for (const [k, child] of Object.entries(node.entries)) strings(child, path ? `${path}.${k}` : k, out);
  if (node.item) strings(node.item, `${path}[]`, out);
  if (node.wrapped) strings(node.wrapped, path, out);
  for (const o of node.options ?? []) strings(o, path, out);
  if (node.key) strings(node.key, `${path}{key}`, out);
  if (node.value) strings(node.value, `${path}{}`, out);
  // A schema later in a pipe (`v.pipe(v.custom(…), v.record(…))`) is walked too.
  for (const later of (node.pipe ?? []).slice(1)) if (later.kind === 'schema') strings(later, path, out);
}

function fieldsOf(name: string): Map<string, { kind: Kind; node: Node }> {
  const out = new Map<string, { kind: Kind; node: Node }>();
  strings(walked[name] as unknown as Node, '', out);
  return out;
}

describe('the free-text rule covers every free-text field', () => {
  it('every string field of a body or configuration schema has the rule, a format, or is an id the box looks up', () => {
    const bare = Object.keys(walked).flatMap((name) =>
      [...fieldsOf(name)].filter(([, f]) => f.kind === 'bare').map(([path]) => `${name} ${path}`),
    );
    expect(bare.filter((f) => !(f in notFreeText))).toEqual([]);
    // And nothing listed as an id has since become free text or gone.
    expect(Object.keys(notFreeText).filter((f) => !bare.includes(f))).toEqual([]);
  });

  it('the fields with the rule refuse a NUL and a right-to-left override, and take clean Vietnamese', () => {
    const ruled = Object.keys(walked).flatMap((name) =>
      [...fieldsOf(name)]
        .filter(([, f]) => f.kind === 'rule')
        .map(([path, f]) => ({ name, path, node: f.node as unknown as v.GenericSchema })),
    );
    // Among them every field the issue named: clans, representatives, units, teachers, resources, notes, reasons, decisions, the center.
    for (const f of [
      'CreateClanSchema name',
      'CreateClanSchema representative',
      'CreateUnitSchema name',
      'ResourceInputSchema teacher',
      'ResourceInputSchema title',
      'ResourceInputSchema description',
      'PutAssessmentSchema answers[].note',
      'SaveAppraisalSchema scores[].reason',
      'RecordDecisionSchema number',
      'RecordDecisionSchema signer',
      'PopulationInputSchema name',
      'UnitChangeInputSchema to',
      'EnrolRequestSchema name',
      'PutLearningPlanSchema items[].title',
      'CenterSetupSchema name',
      'CenterSetupSchema villages[].name',
    ]) {
      expect(
        ruled.map((r) => `${r.name} ${r.path}`),
        f,
      ).toContain(f);
    }
    expect(ruled.length).toBeGreaterThan(40);
    const refusedBy = (schema: v.GenericSchema, text: string) =>
      (v.safeParse(schema, text).issues ?? []).some((i) => i.message === TEXT_INVALID);
    for (const { name, path, node } of ruled) {
      for (const bad of [
        'Thôn\u0000 Đồng Chằm',
        'Thôn \u202EĐồng Chằm',
        '\u2066Thôn Đồng Chằm\u2069',
        'Thôn Đồng\u0007 Chằm',
      ]) {
        expect(refusedBy(node, bad), `${name} ${path} ${JSON.stringify(bad)}`).toBe(true);
      }
      expect(refusedBy(node, 'Thôn Đồng Chằm, xã Tân Lập (Nguyễn Thị Ánh)'), `${name} ${path}`).toBe(false);
    }
  });

  it('every route body is walked here or listed as local', () => {
    const root = resolve(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.routes.ts'));
    const used = new Set(
      files.flatMap((f) =>
        [...readFileSync(join(root, f), 'utf8').matchAll(/jsonBody\(((?:\w+\.)?\w+)/g)].map((m) =>
          m[1]!.replace(/^(decisions)\./, ''),
        ),
      ),
    );
    expect([...used].filter((n) => !(n in walked) && !(n in localBodies))).toEqual([]);
  });
});
