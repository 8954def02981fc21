import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Birth years within the configured ages, and children (Law 91/2025): under person.guardianUnder a
 * person is registered only with a facilitator signed in beside her and her guardian's consent
 * (name, relation, time) kept at the center, or not at all where person.minors is off; a child is
 * assessed only in the learners' group, and only with that consent recorded. Every refusal has its
 * code and changes nothing.
 */

// Each test signs three staff in (scrypt) before a dozen requests: room for a busy machine.
let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Sessions = Record<Role, string> & { ids: Record<Role, string> };

async function start(env: Record<string, string> = {}): Promise<{ year: number; staff: Sessions }> {
  h = await startHarness(undefined, env);
  const year = (await h.json('GET', '/api/kiosk')).body.year as number;
  return { year, staff: await staffSessions(h) };
}

/** Counts of every table a registration writes, the guardian's consents with them. */
async function counts() {
  const guardians = await h.db
    .selectFrom('guardian_consent')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ...(await h.counts()), guardian_consent: Number(guardians.n) };
}

const person = (birthYear: number, extra: Partial<RegisterPerson> = {}): RegisterPerson => ({
  name: 'Lò Thị Hoa',
  birthYear,
  village: 'Thôn Khe Ngang',
  consents: { assessment: true, publicList: false, statistics: true },
  ...extra,
});
const guardian = { name: 'Lò Văn Páo', relation: 'father', consented: true } as const;

describe('the birth year', { timeout: 30_000 }, () => {
  it('is refused outside the configured ages for the assessment year, and nothing changes', async () => {
    const { year } = await start();
    for (const birthYear of [2100, year, year - 5, 1900, year - 121]) {
      const before = await counts();
      const res = await h.json('PUT', `/api/people/${build.id()}`, person(birthYear));
      expect(res, `birth year ${birthYear}`).toMatchObject({
        status: 422,
        body: { code: 'person.birth-year-out-of-range', details: { earliest: year - 120, latest: year - 6 } },
      });
      expect(await counts()).toEqual(before);
    }
    // Both ends of an adult's range are taken.
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 120))).status).toBe(200);
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 16))).status).toBe(200);
  });

  it('follows person.minAge and person.maxAge, and the tablet is told the rules', async () => {
    const { year } = await start({ KIOSK_PERSON_MIN_AGE: '18', KIOSK_PERSON_MAX_AGE: '100' });
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 17))).body.code).toBe(
      'person.birth-year-out-of-range',
    );
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 101))).body.code).toBe(
      'person.birth-year-out-of-range',
    );
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 18))).status).toBe(200);
    const info = (await h.json('GET', '/api/kiosk')).body;
    expect(info.registration).toMatchObject({ minAge: 18, maxAge: 100, guardianUnder: 16, minors: 'assisted' });
  });
});

describe("a child's registration", { timeout: 30_000 }, () => {
  it("is refused without a facilitator signed in beside her or without her guardian's consent, and nothing changes", async () => {
    const { year, staff } = await start();
    const child = year - 14;
    const cases: [string, RegisterPerson, string | undefined, string][] = [
      ['alone at the tablet', person(child), undefined, 'person.child-needs-assistance'],
      ['alone, with a guardian typed in', person(child, { guardian }), undefined, 'person.child-needs-assistance'],
      [
        'naming a facilitator who is not signed in',
        person(child, { guardian, assistedBy: staff.ids.facilitator }),
        undefined,
        'person.child-needs-assistance',
      ],
      [
        'naming a facilitator while another is signed in',
        person(child, { guardian, assistedBy: staff.ids.admin }),
        staff.facilitator,
        'person.child-needs-assistance',
      ],
      [
        "with an appraiser's session",
        person(child, { guardian, assistedBy: staff.ids.appraiser }),
        staff.appraiser,
        'person.child-needs-assistance',
      ],
      [
        'assisted, without her guardian',
        person(child, { assistedBy: staff.ids.facilitator }),
        staff.facilitator,
        'person.guardian-consent-required',
      ],
      [
        'assisted, without consent to the assessment',
        person(child, {
          guardian,
          assistedBy: staff.ids.facilitator,
          consents: { assessment: false, publicList: false, statistics: false },
        }),
        staff.facilitator,
        'person.consent-required',
      ],
    ];
    for (const [why, body, cookie, code] of cases) {
      const before = await counts();
      const res = await h.json('PUT', `/api/people/${build.id()}`, body, cookie);
      expect(res.body.code, why).toBe(code);
      expect(res.status, why).toBe(422);
      expect(await counts(), why).toEqual(before);
    }
  });

  it("is taken in assisted mode with her guardian's consent, kept at the center with its time; a resend is a no-op", async () => {
    const { year, staff } = await start();
    const id = build.id();
    const body = person(year - 14, { guardian, assistedBy: staff.ids.facilitator, phone: '0987654321' });
    const res = await h.json('PUT', `/api/people/${id}`, body, staff.facilitator);
    expect(res.status).toBe(200);
    expect(res.body.guardian).toEqual({ name: 'Lò Văn Páo', relation: 'father', at: '2026-11-23T03:00:00.000Z' });
    const rows = await h.db.selectFrom('guardian_consent').selectAll().execute();
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        person_id: id,
        guardian_name: 'Lò Văn Páo',
        relation: 'father',
        assisted_by: staff.ids.facilitator,
        at: '2026-11-23T03:00:00.000Z',
      },
    ]);
    // The guardian's name stays at the center: the message for the commune does not carry it.
    const outbox = await h.db.selectFrom('outbox').select('payload').where('record_kind', '=', 'person').execute();
    expect(outbox.map((r) => r.payload).join()).not.toContain('Páo');
    // The tablet's outbox sends it again after the facilitator signed out: the same registration, a no-op.
    const before = await counts();
    const again = await h.json('PUT', `/api/people/${id}`, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(await counts()).toEqual(before);
    // Another guardian under the same id is refused.
    const other = await h.json(
      'PUT',
      `/api/people/${id}`,
      { ...body, guardian: { ...guardian, relation: 'mother', name: 'Lò Thị Mỷ' } },
      staff.facilitator,
    );
    expect(other).toMatchObject({ status: 409, body: { code: 'person.consents-differ' } });
    expect(await counts()).toEqual(before);
    // Her record at the center (what she sees and exports) names her guardian's consent.
    expect((await h.json('GET', `/api/people/${id}`, undefined, staff.facilitator)).body.guardian).toMatchObject({
      name: 'Lò Văn Páo',
      relation: 'father',
    });
    expect(
      (await h.json('GET', `/api/staff/people/${id}/data`, undefined, staff.facilitator)).body.person.guardian,
    ).toMatchObject({ name: 'Lò Văn Páo' });
    // Erased at her request: her guardian's consent goes with her.
    expect((await h.json('DELETE', `/api/staff/people/${id}`, undefined, staff.facilitator)).status).toBe(200);
    expect(await h.db.selectFrom('guardian_consent').selectAll().execute()).toEqual([]);
  });

  it('is refused altogether where the center does not register children', async () => {
    const { year, staff } = await start({ KIOSK_PERSON_MINORS: 'off' });
    const before = await counts();
    const res = await h.json(
      'PUT',
      `/api/people/${build.id()}`,
      person(year - 14, { guardian, assistedBy: staff.ids.facilitator }),
      staff.facilitator,
    );
    expect(res).toMatchObject({ status: 422, body: { code: 'person.minors-off' } });
    expect(await counts()).toEqual(before);
    // From 16 on (guardianUnder) she registers on her own.
    expect((await h.json('PUT', `/api/people/${build.id()}`, person(year - 16))).status).toBe(200);
  });

  it("an adult's registration carries no guardian: we keep no more than we need", async () => {
    const { year, staff } = await start();
    const before = await counts();
    const res = await h.json(
      'PUT',
      `/api/people/${build.id()}`,
      person(year - 30, { guardian, assistedBy: staff.ids.facilitator }),
      staff.facilitator,
    );
    expect(res).toMatchObject({ status: 422, body: { code: 'person.guardian-not-needed' } });
    expect(await counts()).toEqual(before);
  });
});

describe("a child's assessment", { timeout: 30_000 }, () => {
  const set2023 = { criteriaSetId: 'cdht-2023', criteriaSetVersion: '2023.1' };

  it("only in the learners' group, and only with her guardian's consent recorded", async () => {
    const { year, staff } = await start({ KIOSK_CDHT_CRITERIA_SET: 'cdht-2023@2023.1' });
    const childId = build.id();
    expect(
      (
        await h.json(
          'PUT',
          `/api/people/${childId}`,
          person(year - 14, { guardian, assistedBy: staff.ids.facilitator }),
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    for (const group of ['cu-dan', 'nguoi-lao-dong', 'can-bo']) {
      const before = await counts();
      const res = await h.json(
        'PUT',
        `/api/assessments/${build.id()}`,
        build.assessment(childId, { ...set2023, group, status: 'draft' }),
      );
      expect(res, group).toMatchObject({ status: 422, body: { code: 'assessment.child-group' } });
      expect(await counts()).toEqual(before);
    }
    expect(
      (
        await h.json(
          'PUT',
          `/api/assessments/${build.id()}`,
          build.assessment(childId, { ...set2023, group: 'hoc-sinh' }),
        )
      ).status,
    ).toBe(200);

    // A child registered before this rule, with no guardian's consent recorded: not even as a learner.
    const earlier = build.id();
    await h.db
      .insertInto('person')
      .values({
        id: earlier,
        code: 'KHE234',
        name: 'Lò Văn Sử',
        birth_year: year - 13,
        village: 'Thôn Khe Ngang',
        phone: null,
        revision: 1,
        created_at: '2026-01-05T03:00:00.000Z',
        updated_at: '2026-01-05T03:00:00.000Z',
      })
      .execute();
    const before = await counts();
    const refused = await h.json(
      'PUT',
      `/api/assessments/${build.id()}`,
      build.assessment(earlier, { ...set2023, group: 'hoc-sinh' }),
      staff.facilitator,
    );
    expect(refused).toMatchObject({ status: 422, body: { code: 'person.guardian-consent-required' } });
    expect(await counts()).toEqual(before);

    // An adult learner needs no one's consent but her own.
    const adult = build.id();
    expect((await h.json('PUT', `/api/people/${adult}`, person(year - 19))).status).toBe(200);
    expect(
      (
        await h.json(
          'PUT',
          `/api/assessments/${build.id()}`,
          build.assessment(adult, { ...set2023, group: 'hoc-sinh' }),
        )
      ).status,
    ).toBe(200);
  });

  it("under a set with no learners' group, a child is not assessed", async () => {
    const { year, staff } = await start();
    const childId = build.id();
    expect(
      (
        await h.json(
          'PUT',
          `/api/people/${childId}`,
          person(year - 15, { guardian, assistedBy: staff.ids.facilitator }),
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    const res = await h.json('PUT', `/api/assessments/${build.id()}`, build.assessment(childId, { group: 'nhom-1' }));
    expect(res).toMatchObject({ status: 422, body: { code: 'assessment.child-group' } });
  });
});
