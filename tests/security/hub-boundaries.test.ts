import { describe, expect, it } from 'vitest';
import type { ChangeMessage } from '../../shared/sync/messages.ts';
import { build, indicatorIds } from '../fixtures/people.ts';
import {
  AT,
  push,
  person,
  assessment,
  hubState,
  refusals,
  a,
  b,
  lan,
  lanAssessment,
  lanHousehold,
  twoCentersEnrolled,
} from './hub-boundaries-setup.ts';

/**
 * Issue 20, hub boundaries: an enrolled center changes only what it sent itself, evidence never
 * comes back as a page the browser would run, and a flood of refused pushes costs bounded rows.
 * The centers here are played by hand (their own keys, signed pushes), so the attacker controls
 * every byte an enrolled center could send.
 */
describe('two centers enrolled at one hub', () => {
  twoCentersEnrolled();

  describe('a change from a center applies only to what that center sent', () => {
    it("refuses an erasure of another center's person: her record, history and dashboard row stay", async () => {
      const before = await hubState();
      expect(before.people.map((p) => p.person_id)).toContain(lan);
      const ack = await push(b, [{ type: 'PersonErasedV1', id: lan, revision: 2 }]);
      // The cursor moves on: a refused change is skipped, never retried for ever.
      expect(ack).toEqual({ ackSeq: b.seq, applied: 0, unchanged: 1 });
      expect(await hubState()).toEqual(before);
      expect(await refusals()).toContainEqual(
        expect.objectContaining({ node_id: b.id, code: 'sync.owner-mismatch', detail: `person/${lan}` }),
      );
    });

    it("still applies a center's erasure of its own person", async () => {
      await push(a, [{ type: 'PersonErasedV1', id: lan, revision: 2 }]);
      const after = await hubState();
      expect(after.records.filter((r) => [lan, lanAssessment, lanHousehold].includes(r.record_id))).toEqual([]);
      expect(after.people.map((p) => p.person_id)).not.toContain(lan);
      expect(after.assessments.map((x) => x.assessment_id)).not.toContain(lanAssessment);
    });

    const own = () => build.id();
    it.each<[string, () => ChangeMessage]>([
      ['an upsert of her person record', () => person(lan, 9, 'Kẻ mạo danh')],
      ['an assessment naming her', () => assessment(own(), lan)],
      [
        'an appraisal of her assessment',
        () => ({
          type: 'AppraisalUpsertV1',
          id: lanAssessment,
          revision: 1,
          status: 'appraised',
          message: null,
          locked: true,
          scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 10, reason: null })),
        }),
      ],
      [
        'evidence on her assessment',
        () => ({
          type: 'EvidenceUpsertV1',
          id: own(),
          revision: 1,
          assessmentId: lanAssessment,
          indicatorId: 'CS03',
          kind: 'photo',
          sha256: 'a'.repeat(64),
          mime: 'image/jpeg',
          bytes: 10,
        }),
      ],
      [
        'a digital check of her',
        () => ({
          type: 'DigitalCheckV1',
          id: own(),
          revision: 1,
          personId: lan,
          year: 2026,
          bankId: 'kns-2025',
          bankVersion: '1',
          finishedAt: AT,
          overall: { share: 1, level: 'thanh-thao' },
          domains: [],
          hasDigitalSkills: true,
          proficient: true,
          assisted: false,
        }),
      ],
      [
        'a household listing her as an adult',
        () => ({
          type: 'HouseholdUpsertV1',
          id: own(),
          revision: 1,
          village: 'Thôn Đồng Chằm',
          headPersonId: lan,
          memberPersonIds: [lan],
          facts: [],
          registeredAt: AT,
        }),
      ],
      [
        'a clan listing her household',
        () => ({
          type: 'ClanUpsertV1',
          id: own(),
          revision: 1,
          name: 'Họ Nguyễn',
          representative: 'Nguyễn Văn An',
          householdIds: [lanHousehold],
          registeredAt: AT,
        }),
      ],
      [
        'a unit listing her as staff',
        () => ({
          type: 'UnitUpsertV1',
          id: own(),
          revision: 1,
          name: 'Trường mầm non',
          kind: 'school',
          village: 'Thôn Đồng Chằm',
          staffCounts: [],
          memberPersonIds: [lan],
          registeredAt: AT,
        }),
      ],
      [
        "a relayed aggregate under another node's id",
        () => ({
          type: 'CommuneAggregateV2',
          id: `${a.id}:2026`,
          revision: 1,
          commune: 'Xã Tân Lập',
          year: 2026,
          rows: [],
          villages: [],
        }),
      ],
    ])('refuses %s from another center, logs it, and applies the honest rest of the push', async (_name, attack) => {
      const before = await hubState();
      const mine = build.id();
      const message = attack();
      const ack = await push(b, [message, person(mine, 1, 'Hà Văn Khánh')]);
      expect(ack).toEqual({ ackSeq: b.seq, applied: 1, unchanged: 1 });
      const after = await hubState();
      // Only B's own person came in; nothing of A's changed, and nothing of B's names her.
      expect(after.records.filter((r) => r.record_id !== mine)).toEqual(before.records);
      expect(after.records.find((r) => r.record_id === mine)).toMatchObject({ origin: b.id, record_kind: 'person' });
      expect(
        after.records.filter(
          (r) =>
            r.origin === b.id &&
            (r.payload.includes(lan) || r.payload.includes(lanHousehold) || r.payload.includes(lanAssessment)),
        ),
      ).toEqual([]);
      expect(after.assessments).toEqual(before.assessments);
      expect(after.checks).toEqual(before.checks);
      expect(after.subjects).toEqual(before.subjects);
      expect(after.people.filter((p) => p.person_id !== mine)).toEqual(before.people);
      const named =
        message.type === 'AppraisalUpsertV1' || message.type === 'EvidenceUpsertV1'
          ? lanAssessment
          : message.type === 'ClanUpsertV1'
            ? lanHousehold
            : lan;
      const detail = message.type === 'CommuneAggregateV2' ? `aggregate/${message.id}` : expect.stringContaining(named);
      expect(await refusals()).toContainEqual(
        expect.objectContaining({ node_id: b.id, code: 'sync.owner-mismatch', detail, count: 1 }),
      );
    });
  });
});
