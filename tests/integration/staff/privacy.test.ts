import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

let h: Harness;
let s: Record<Role, string> & { ids: Record<Role, string> };
let personId: string;
let assessmentId: string;
let photoPath: string;

const photo = (seed: number) => {
  const b = new Uint8Array(3000).map((_, i) => (i * 17 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};

beforeEach(async () => {
  h = await startHarness();
  s = await staffSessions(h);
  personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, { ...people.baLan, phone: '0987654321' });
  assessmentId = build.id();
  await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { status: 'draft' }));
  const up = await h.app.request(`/api/assessments/${assessmentId}/evidence/${build.id()}?indicator=CS03`, {
    method: 'PUT',
    headers: { 'x-villager-token': h.tablet.tokenOf(personId)! },
    body: photo(1),
  });
  const { sha256 } = await up.json();
  photoPath = join(h.dir, 'evidence', sha256.slice(0, 2), sha256);
  await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId));
  await h.json(
    'PUT',
    `/api/staff/appraisals/${assessmentId}`,
    { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 })) },
    s.appraiser,
  );
});
afterEach(async () => {
  await h.close();
});

describe('personal data requests', () => {
  it('shows a person everything held about them, as JSON and as a printable page, and logs it', async () => {
    const json = await h.json('GET', `/api/staff/people/${personId}/data?format=json`, undefined, s.facilitator);
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="du-lieu-ca-nhan-[A-Z2-9]{6}\.json"/);
    const data = json.body;
    expect(data.person).toMatchObject({ name: 'Nguyễn Thị Lan', birthYear: 1954, phone: '0987654321' });
    expect(data.consentLog).toHaveLength(3);
    expect(data.assessments).toHaveLength(1);
    expect(data.assessments[0].answers).toHaveLength(10);
    expect(data.assessments[0].evidence).toHaveLength(1);
    expect(data.assessments[0].appraisal.verdict.total).toBe(80);
    const html = await h.json('GET', `/api/staff/people/${personId}/data?format=html`, undefined, s.facilitator);
    expect(html.body).toContain('Nguyễn Thị Lan');
    expect(html.body).toContain('0987654321');
    const log = await h.json('GET', `/api/staff/audit?subjectId=${personId}`, undefined, s.admin);
    expect(log.body.map((e: { action: string; details: { format?: string } }) => [e.action, e.details.format])).toEqual(
      [
        ['person.export', 'html'],
        ['person.export', 'json'],
      ],
    );
  });

  it('finds people by code, or by name with birth year and village', async () => {
    const code = (await h.json('GET', `/api/people/${personId}`)).body.code;
    expect((await h.json('GET', `/api/staff/people?code=${code}`, undefined, s.facilitator)).body).toHaveLength(1);
    expect(
      (
        await h.json(
          'GET',
          '/api/staff/people?name=Thị Lan&birthYear=1954&village=Thôn Đồng Chằm',
          undefined,
          s.facilitator,
        )
      ).body[0].id,
    ).toBe(personId);
    expect(
      (await h.json('GET', '/api/staff/people?name=Thị Lan&birthYear=1955', undefined, s.facilitator)).body,
    ).toEqual([]);
  });

  it('erasing a person removes their rows and photo files, keeps anonymous counts, and tells the hub', async () => {
    expect(existsSync(photoPath)).toBe(true);
    const res = await h.json('DELETE', `/api/staff/people/${personId}`, undefined, s.facilitator);
    expect(res.body).toEqual({ assessments: 1, photos: 1 });
    expect(existsSync(photoPath)).toBe(false);
    expect(await h.counts()).toMatchObject({
      person: 0,
      consent: 0,
      assessment: 0,
      assessment_item: 0,
      evidence: 0,
      appraisal: 0,
      appraisal_item: 0,
    });
    const tally = await h.db
      .selectFrom('erased_tally')
      .select(['village', 'year', 'metric', 'count'])
      .orderBy('metric')
      .execute();
    expect(tally).toEqual([
      { village: 'Thôn Đồng Chằm', year: 2026, metric: 'appraised', count: 1 },
      { village: 'Thôn Đồng Chằm', year: 2026, metric: 'recognized', count: 1 },
      { village: 'Thôn Đồng Chằm', year: 2026, metric: 'registered', count: 1 },
      { village: 'Thôn Đồng Chằm', year: 2026, metric: 'self-assessed', count: 1 },
    ]);
    const outbox = await h.db.selectFrom('outbox').select(['message_type', 'payload']).orderBy('seq').execute();
    expect(outbox.at(-1)).toEqual({
      message_type: 'PersonErasedV1',
      payload: JSON.stringify({ type: 'PersonErasedV1', id: personId, revision: 2 }),
    });
    expect(JSON.stringify(outbox)).not.toContain('Nguyễn Thị Lan');
    expect(JSON.stringify(outbox)).not.toContain('0987654321');
    const log = await h.json('GET', '/api/staff/audit?action=person.erase', undefined, s.admin);
    expect(log.body[0]).toMatchObject({
      actor: 'Lê Văn Bình',
      subjectId: personId,
      details: { village: 'Thôn Đồng Chằm', assessments: 1, photos: 1 },
    });
    expect(JSON.stringify(log.body)).not.toContain('Nguyễn Thị Lan');
  });

  it("keeps a photo file that another person's evidence also uses", async () => {
    const other = build.id();
    await h.json('PUT', `/api/people/${other}`, people.anhTuan);
    const otherAssessment = build.id();
    await h.json('PUT', `/api/assessments/${otherAssessment}`, build.assessment(other, { status: 'draft' }));
    await h.app.request(`/api/assessments/${otherAssessment}/evidence/${build.id()}?indicator=CS01`, {
      method: 'PUT',
      headers: { 'x-villager-token': h.tablet.tokenOf(other)! },
      body: photo(1),
    });
    await h.json('DELETE', `/api/staff/people/${personId}`, undefined, s.facilitator);
    expect(existsSync(photoPath)).toBe(true);
  });

  it('an unknown person cannot be erased', async () => {
    expect((await h.json('DELETE', `/api/staff/people/${build.id()}`, undefined, s.admin)).body.code).toBe(
      'person.not-found',
    );
  });
});
