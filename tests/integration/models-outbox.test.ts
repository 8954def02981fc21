import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeMessage } from '../../shared/sync/messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

/**
 * Households, clans and units, and the self-assessments and appraisals of the four other titles,
 * go to the outbox as their whole current record in the transaction of each change, at the next
 * revision: once per change, never for a retry that changes nothing or a refused change, without
 * an erased person, and with children only as the household's two facts.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;
const REGISTERED_AT = '2026-11-23T03:00:00.000Z';

type Registered = RegisteredAdult;
const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

let pao: Registered, soi: Registered, sinh: Registered, chu: Registered;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
  pao = await register('Hoàng Văn Páo', 1970);
  soi = await register('Lò Thị Sợi', 1973);
  sinh = await register('Hoàng Văn Sình', 1996);
  chu = await register('Vàng A Chứ', 1965);
});
afterEach(async () => { await h.close(); });

type Row = { kind: string; id: string; revision: number; type: string; message: ChangeMessage & Record<string, unknown> };
/** The outbox after `seq`, oldest first, with person records (PersonUpsertV1, PersonErasedV1) left out: not this file's business. */
async function outboxAfter(seq: number): Promise<Row[]> {
  const rows = await h.db.selectFrom('outbox').selectAll().where('seq', '>', seq).where('record_kind', '!=', 'person').orderBy('seq').execute();
  return rows.map((r) => ({ kind: r.record_kind, id: r.record_id, revision: r.revision, type: r.message_type, message: JSON.parse(r.payload) }));
}
async function lastSeq(): Promise<number> {
  const r = await h.db.selectFrom('outbox').select((eb) => eb.fn.max<number>('seq').as('seq')).executeTakeFirst();
  return Number(r?.seq ?? 0);
}
type Act = () => Promise<{ status: number; body: any }>;
/** What `act`, which must succeed, appended to the outbox (besides person records). */
async function appended(act: Act): Promise<Row[]> {
  const before = await lastSeq();
  const res = await act();
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return outboxAfter(before);
}
/** What `act`, which must be refused with `code`, appended to the outbox (it should be nothing). */
async function refused(act: Act, code: string): Promise<Row[]> {
  const before = await lastSeq();
  expect((await act()).body.code).toBe(code);
  return outboxAfter(before);
}

const registerHousehold = (id: string, head: Registered) =>
  h.json('PUT', `/api/households/${id}`, { village: 'Thôn Khe Ngang', headCode: head.code, headBirthYear: head.birthYear });
const link = (householdId: string, p: Registered, cookie?: string, move?: boolean) =>
  h.json('POST', `/api/households/${householdId}/members`, { code: p.code, birthYear: p.birthYear, ...(move ? { move } : {}) }, cookie);
const facts = (householdId: string, schoolAgeChildren: number, allChildrenInSchool: boolean | null) =>
  h.json('PUT', `/api/households/${householdId}/facts/2026`, { schoolAgeChildren, allChildrenInSchool });

async function household(head: Registered, ...members: Registered[]): Promise<string> {
  const id = build.id();
  expect((await registerHousehold(id, head)).status).toBe(200);
  for (const m of members) expect((await link(id, m)).status).toBe(200);
  return id;
}

const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
const gdht = (subjectId: string, answers: Record<string, number | boolean>, status: 'draft' | 'submitted' = 'draft') => ({
  title: 'gdht', subjectId, criteriaSetId: 'gdht-2025', criteriaSetVersion: '2025.1', status,
  answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
});
const answersOf = (answers: Record<string, number>) => Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))
  .map(([indicatorId, score]) => ({ indicatorId, score, note: null, confirmed: false }));

describe('a household goes up with every change', () => {
  it('registration, links, facts, head handover and a member leaving: one whole record each, revisions 1, 2, 3…; retries send nothing', async () => {
    const id = build.id();
    const first = await appended(() => registerHousehold(id, pao));
    expect(first).toEqual([{
      kind: 'household', id, revision: 1, type: 'HouseholdUpsertV1',
      message: { type: 'HouseholdUpsertV1', id, revision: 1, village: 'Thôn Khe Ngang', headPersonId: pao.id, memberPersonIds: [pao.id], facts: [], registeredAt: REGISTERED_AT },
    }]);
    expect(await appended(() => registerHousehold(id, pao))).toEqual([]);

    expect((await appended(() => link(id, soi))).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[2, [pao.id, soi.id]]]);
    expect(await appended(() => link(id, soi))).toEqual([]);
    expect((await appended(() => link(id, sinh))).map((r) => r.revision)).toEqual([3]);

    const withFacts = await appended(() => facts(id, 2, true));
    expect(withFacts.map((r) => [r.revision, r.message.facts])).toEqual([[4, [{ year: 2026, schoolAgeChildren: 2, allChildrenInSchool: true }]]]);
    expect(await appended(() => facts(id, 2, true))).toEqual([]);
    expect((await appended(() => facts(id, 2, false))).map((r) => [r.revision, r.message.facts])).toEqual([[5, [{ year: 2026, schoolAgeChildren: 2, allChildrenInSchool: false }]]]);

    const handover = await appended(() => h.json('PUT', `/api/staff/households/${id}/head`, { personId: soi.id }, staff.facilitator));
    expect(handover.map((r) => [r.revision, r.message.headPersonId, r.message.memberPersonIds])).toEqual([[6, soi.id, [soi.id, pao.id, sinh.id]]]);
    expect(await appended(() => h.json('PUT', `/api/staff/households/${id}/head`, { personId: soi.id }, staff.facilitator))).toEqual([]);
    const left = await appended(() => h.json('POST', `/api/staff/households/${id}/members/${sinh.id}/leave`, undefined, staff.facilitator));
    expect(left.map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[7, [soi.id, pao.id]]]);

    // The household's own revision is the one sent, on the box and in the view the tablet gets.
    expect((await h.json('GET', `/api/households/${id}`)).body.revision).toBe(7);
  });

  it('a refused change sends nothing', async () => {
    const a = await household(pao, soi);
    const b = await household(chu);
    for (const [act, code] of [
      [() => link(b, soi), 'household.member-taken'],
      [() => h.json('POST', `/api/households/${b}/members`, { code: 'ZZZZZZ', birthYear: 1980 }), 'person.not-found'],
      [() => facts(b, 0, true), 'request.invalid'],
      [() => h.json('PUT', `/api/households/${b}/facts/2031`, { schoolAgeChildren: 1, allChildrenInSchool: true }), 'household.year-invalid'],
      [() => h.json('POST', `/api/staff/households/${a}/members/${pao.id}/leave`, undefined, staff.facilitator), 'household.head-cannot-leave'],
      [() => h.json('PUT', `/api/households/${b}`, { village: 'Thôn Khe Ngang', headCode: soi.code, headBirthYear: soi.birthYear }), 'household.id-conflict'],
    ] as const) {
      expect(await refused(act, code)).toEqual([]);
    }
    expect(await outboxAfter(0)).toHaveLength(3);
  });

  it('a move sends both households: the one she left without her, the one she joined with her', async () => {
    const a = await household(pao, soi);
    const b = await household(chu);
    const moved = await appended(() => link(b, soi, staff.facilitator, true));
    expect(moved.map((r) => [r.id, r.revision, r.message.memberPersonIds])).toEqual([
      [a, 3, [pao.id]],
      [b, 2, [chu.id, soi.id]],
    ]);
  });
});

describe('clans and units go up with every change', () => {
  it('a clan: created, then each household joining; retries and refusals send nothing', async () => {
    const a = await household(pao);
    const b = await household(chu);
    const clanId = build.id();
    const clan = { id: clanId, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo' };
    const created = await appended(() => h.json('POST', '/api/staff/clans', clan, staff.facilitator));
    expect(created).toEqual([{
      kind: 'clan', id: clanId, revision: 1, type: 'ClanUpsertV1',
      message: { type: 'ClanUpsertV1', id: clanId, revision: 1, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo', householdIds: [], registeredAt: REGISTERED_AT },
    }]);
    expect(await appended(() => h.json('POST', '/api/staff/clans', clan, staff.facilitator))).toEqual([]);
    const join = (head: Registered, to = clanId) => h.json('POST', `/api/staff/clans/${to}/households`, { headCode: head.code }, staff.facilitator);
    expect((await appended(() => join(pao))).map((r) => [r.revision, r.message.householdIds])).toEqual([[2, [a]]]);
    expect(await appended(() => join(pao))).toEqual([]);
    expect((await appended(() => join(chu))).map((r) => [r.revision, r.message.householdIds])).toEqual([[3, [a, b]]]);

    const other = build.id();
    await h.json('POST', '/api/staff/clans', { id: other, name: 'Họ Lò', representative: 'Lò Văn Pằng' }, staff.facilitator);
    expect(await refused(() => join(pao, other), 'clan.household-taken')).toEqual([]);

    // Staff move it: it leaves the first clan (history kept) and joins the other; both go up.
    const move = await appended(() => h.json('POST', `/api/staff/clans/${other}/households`, { headCode: pao.code, move: true }, staff.facilitator));
    expect(move.map((r) => [r.id, r.revision, r.message.householdIds])).toEqual([[clanId, 4, [b]], [other, 2, [a]]]);
    const memberships = await h.db.selectFrom('clan_household').select(['clan_id', 'left_at']).where('household_id', '=', a).orderBy('id').execute();
    expect(memberships.map((m) => [m.clan_id, m.left_at !== null])).toEqual([[clanId, true], [other, false]]);

    // A household leaves; leaving again is refused. A corrected name goes up; the same again does not.
    const leave = () => h.json('POST', `/api/staff/clans/${clanId}/households/${b}/leave`, undefined, staff.facilitator);
    expect((await appended(leave)).map((r) => [r.revision, r.message.householdIds])).toEqual([[5, []]]);
    expect(await refused(leave, 'clan.household-not-found')).toEqual([]);
    const rename = () => h.json('PUT', `/api/staff/clans/${clanId}`, { name: 'Họ Hoàng Văn', representative: 'Hoàng Văn Páo' }, staff.facilitator);
    expect((await appended(rename)).map((r) => [r.revision, r.message.name])).toEqual([[6, 'Họ Hoàng Văn']]);
    expect(await appended(rename)).toEqual([]);
    expect(await refused(() => h.json('PUT', `/api/staff/clans/${build.id()}`, { name: 'Họ Lạ', representative: 'Ai đó' }, staff.facilitator), 'clan.not-found')).toEqual([]);
  });

  it('a unit: created, its staff count per year, staff linked and leaving; retries and refusals send nothing', async () => {
    const unitId = build.id();
    const unit = { id: unitId, name: 'Hợp tác xã chè Khe Ngang', kind: 'cooperative', village: 'Thôn Khe Ngang' };
    expect(await appended(() => h.json('POST', '/api/staff/units', unit, staff.admin))).toEqual([{
      kind: 'unit', id: unitId, revision: 1, type: 'UnitUpsertV1',
      message: { type: 'UnitUpsertV1', id: unitId, revision: 1, name: unit.name, kind: 'cooperative', village: 'Thôn Khe Ngang', staffCounts: [], memberPersonIds: [], registeredAt: REGISTERED_AT },
    }]);
    expect(await appended(() => h.json('POST', '/api/staff/units', unit, staff.admin))).toEqual([]);
    const count = (n: number) => h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: n }, staff.admin);
    expect((await appended(() => count(2))).map((r) => [r.revision, r.message.staffCounts])).toEqual([[2, [{ year: 2026, count: 2 }]]]);
    expect(await appended(() => count(2))).toEqual([]);
    const staffLink = (p: Registered) => h.json('POST', `/api/staff/units/${unitId}/members`, { code: p.code, birthYear: p.birthYear }, staff.admin);
    expect((await appended(() => staffLink(pao))).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[3, [pao.id]]]);
    expect(await appended(() => staffLink(pao))).toEqual([]);
    expect((await appended(() => staffLink(soi))).map((r) => r.revision)).toEqual([4]);
    expect(await refused(() => staffLink(chu), 'unit.staff-count-below-linked')).toEqual([]);
    expect(await refused(() => count(1), 'unit.staff-count-below-linked')).toEqual([]);
    const leave = () => h.json('POST', `/api/staff/units/${unitId}/members/${pao.id}/leave`, undefined, staff.admin);
    expect((await appended(leave)).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[5, [soi.id]]]);
    expect(await refused(leave, 'unit.member-not-found')).toEqual([]);

    // Its name, kind and village corrected: the next revision; the same again, or an unknown village, sends nothing.
    const edit = (village: string) => h.json('PUT', `/api/staff/units/${unitId}`, { name: 'HTX chè Khe Ngang', kind: 'cooperative', village }, staff.admin);
    expect((await appended(() => edit('Thôn Khe Ngang'))).map((r) => [r.revision, r.message.name, r.message.memberPersonIds])).toEqual([[6, 'HTX chè Khe Ngang', [soi.id]]]);
    expect(await appended(() => edit('Thôn Khe Ngang'))).toEqual([]);
    expect(await refused(() => edit('Thôn Không Có'), 'person.village-unknown')).toEqual([]);
  });
});

describe('self-assessments and appraisals of the other titles go up', () => {
  it('a household\'s draft and submission as AssessmentUpsertV1 at the assessment\'s revision; a resend sends nothing', async () => {
    const id = await household(pao, soi);
    const assessmentId = build.id();
    const put = (body: unknown) => h.json('PUT', `/api/model-assessments/${assessmentId}`, body);
    const draft = await appended(() => put(gdht(id, { 'G1.2': 10, 'G2.2': 9 })));
    expect(draft).toEqual([{
      kind: 'assessment', id: assessmentId, revision: 1, type: 'AssessmentUpsertV1',
      message: {
        type: 'AssessmentUpsertV1', id: assessmentId, revision: 1, subjectKind: 'household', subjectId: id, title: 'gdht', year: 2026,
        criteriaSetId: 'gdht-2025', criteriaSetVersion: '2025.1', group: '', status: 'draft', answers: answersOf({ 'G1.2': 10, 'G2.2': 9 }),
        submittedAt: null, assistedBy: null,
      },
    }]);
    expect(await appended(() => put(gdht(id, { 'G1.2': 10, 'G2.2': 9 })))).toEqual([]);
    expect(await refused(() => put(gdht(id, { ...declared, 'G1.2': 11 })), 'assessment.score-out-of-range')).toEqual([]);

    const submitted = await appended(() => put(gdht(id, declared, 'submitted')));
    expect(submitted.map((r) => [r.revision, r.message.status, r.message.submittedAt, r.message.answers])).toEqual([[2, 'submitted', REGISTERED_AT, answersOf(declared)]]);
    // The tablet's resend after a lost answer is answered with what is stored, and sends nothing.
    const resend = await appended(() => put(gdht(id, declared, 'submitted')));
    expect(resend).toEqual([]);
    expect(await refused(() => put(gdht(id, declared, 'draft')), 'assessment.already-submitted')).toEqual([]);
  });

  it('a unit\'s met / not met answers travel as 1 / 0, with the facilitator who assisted', async () => {
    const unitId = build.id();
    await h.json('POST', '/api/staff/units', { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: 'Thôn Khe Ngang' }, staff.admin);
    const assessmentId = build.id();
    const answers = { 'U1.3': true, 'U2.1': false, 'U2.2': true };
    const body = {
      title: 'dvht', subjectId: unitId, criteriaSetId: 'dvht-2025', criteriaSetVersion: '2025.1', status: 'draft', assistedBy: staff.ids.facilitator,
      answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
    };
    const sent = await appended(() => h.json('PUT', `/api/model-assessments/${assessmentId}`, body, staff.facilitator));
    expect(sent.map((r) => r.message)).toEqual([expect.objectContaining({
      subjectKind: 'unit', subjectId: unitId, title: 'dvht', group: '', assistedBy: staff.ids.facilitator, answers: answersOf({ 'U1.3': 1, 'U2.1': 0, 'U2.2': 1 }),
    })]);
  });

  it('the branch\'s appraisal of a household as AppraisalUpsertV1; the same appraisal again sends nothing', async () => {
    const id = await household(pao, soi);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));
    const put = (body: unknown) => h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, body, staff.appraiser);
    const save = (body: unknown) => appended(() => put(body));
    const scores = (changes: Record<string, [number, string]> = {}) => Object.entries(declared).sort(([a], [b]) => a.localeCompare(b))
      .map(([indicatorId, score]) => ({ indicatorId, score: changes[indicatorId]?.[0] ?? score, reason: changes[indicatorId]?.[1] ?? null }));

    expect(await save({ answers })).toEqual([{
      kind: 'appraisal', id: assessmentId, revision: 1, type: 'AppraisalUpsertV1',
      message: { type: 'AppraisalUpsertV1', id: assessmentId, revision: 1, status: 'appraised', message: null, locked: false, scores: scores() },
    }]);
    expect(await save({ answers })).toEqual([]);
    const lowered = answers.map((a) => (a.itemId === 'G3.1' ? { ...a, value: 2 } : a));
    expect(await refused(() => put({ answers: lowered }), 'appraisal.reason-required')).toEqual([]);
    const reason = 'Chưa có góc học tập riêng cho các cháu';
    const changed = await save({ answers: lowered.map((a) => (a.itemId === 'G3.1' ? { ...a, reason } : a)) });
    expect(changed.map((r) => [r.revision, r.message.scores])).toEqual([[2, scores({ 'G3.1': [2, reason] })]]);
  });
});

describe('erasure', () => {
  it('a member erased: her household and unit go up without her, and no payload left names her', async () => {
    // She lived with Chứ first, then was moved to Páo's household: Chứ's earlier revision named her.
    const before = await household(chu, soi);
    const id = await household(pao, sinh);
    expect((await link(id, soi, staff.facilitator, true)).status).toBe(200);
    const unitId = build.id();
    await h.json('POST', '/api/staff/units', { id: unitId, name: 'Hợp tác xã chè Khe Ngang', kind: 'cooperative', village: 'Thôn Khe Ngang' }, staff.admin);
    await h.json('POST', `/api/staff/units/${unitId}/members`, { code: soi.code, birthYear: soi.birthYear }, staff.admin);

    const erased = await appended(() => h.json('DELETE', `/api/staff/people/${soi.id}`, undefined, staff.admin));
    expect(erased.map((r) => [r.type, r.id, r.revision])).toEqual([
      ['HouseholdUpsertV1', id, 4],
      ['UnitUpsertV1', unitId, 3],
    ]);
    expect(erased[0]!.message.memberPersonIds).toEqual([pao.id, sinh.id]);
    expect(erased[1]!.message.memberPersonIds).toEqual([]);
    const all = await h.db.selectFrom('outbox').select(['record_id', 'revision', 'payload']).orderBy('seq').execute();
    expect(all.filter((r) => r.payload.includes(soi.id) && !r.payload.includes('PersonErasedV1'))).toEqual([]);
    // What did not name her stays as it was: Chứ's household after she left, Páo's before she came.
    const kept = all.filter((r) => [before, id].includes(r.record_id) && r.payload !== '{"redacted":true}').map((r) => [r.record_id, r.revision]);
    expect(kept).toEqual([[before, 1], [id, 1], [id, 2], [before, 3], [id, 4]]);
  });

  it('the household\'s only adult erased: it goes with its assessments, appraisal and recognition; its clan goes up without it; nothing names her', async () => {
    const id = await household(chu);
    await facts(id, 1, true);
    const clanId = build.id();
    await h.json('POST', '/api/staff/clans', { id: clanId, name: 'Họ Vàng', representative: 'Vàng A Chứ' }, staff.facilitator);
    await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: chu.code }, staff.facilitator);
    const other = await household(pao);
    await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: pao.code }, staff.facilitator);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));
    expect((await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser)).status).toBe(200);
    await h.db.insertInto('recognition').values({
      subject_kind: 'household', subject_id: id, title: 'gdht', year: 2025, decision_id: build.id(), decision_number: '9/QĐ-UBND', signed_on: '2025-11-20', signer: 'Chủ tịch UBND xã', received_at: REGISTERED_AT,
    }).execute();

    const erased = await appended(() => h.json('DELETE', `/api/staff/people/${chu.id}`, undefined, staff.admin));
    expect(erased.map((r) => [r.type, r.id])).toEqual([['ClanUpsertV1', clanId]]);
    expect(erased[0]!.message).toMatchObject({ revision: 4, householdIds: [other] });
    expect(await h.db.selectFrom('appraisal').select('assessment_id').where('assessment_id', '=', assessmentId).execute()).toEqual([]);
    expect(await h.db.selectFrom('recognition').select('subject_id').where('subject_id', '=', id).execute()).toEqual([]);
    const left = await h.db.selectFrom('outbox').select(['record_id', 'payload']).where('record_id', 'in', [id, assessmentId]).execute();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.payload === '{"redacted":true}')).toBe(true);
    const all = await h.db.selectFrom('outbox').select(['payload']).execute();
    expect(all.filter((r) => r.payload.includes(chu.id) && !r.payload.includes('PersonErasedV1'))).toEqual([]);
  });
});

describe('children', () => {
  it('no message carries anything about a child beyond the household\'s count and yes/no', async () => {
    const id = await household(pao, soi);
    await facts(id, 3, false);
    await facts(id, 3, true);
    await h.json('PUT', `/api/model-assessments/${build.id()}`, gdht(id, declared, 'submitted'));
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { keys.add(k); walk(x); }
    };
    const rows = await h.db.selectFrom('outbox').select('payload').execute();
    rows.forEach((r) => walk(JSON.parse(r.payload)));
    expect([...keys].filter((k) => /child|kid|pupil|student|school|grade|birth/i.test(k)).sort()).toEqual(['allChildrenInSchool', 'birthYear', 'schoolAgeChildren']);
    // birthYear is an adult's, on her own person record; a household's facts are these three fields and no more.
    const households = rows.map((r) => JSON.parse(r.payload)).filter((m) => m.type === 'HouseholdUpsertV1');
    expect(households.every((m) => m.facts.every((f: object) => Object.keys(f).sort().join() === 'allChildrenInSchool,schoolAgeChildren,year'))).toBe(true);
    expect(households.every((m) => Object.keys(m).sort().join() === 'facts,headPersonId,id,memberPersonIds,registeredAt,revision,type,village')).toBe(true);
  });
});
