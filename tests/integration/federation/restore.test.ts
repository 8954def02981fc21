import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../fixtures/people.ts';
import { backupOf, highestSeq, onHub, openBox, register, tempDir } from './boxes.ts';
import {
  now,
  TIMEOUT,
  hubStorages,
  hub,
  center,
  admin,
  old,
  opened,
  link,
  freshBoxesEachTest,
  run,
  restore,
  nodes,
} from './restore-setup.ts';

/**
 * Issue 21: a center synced, was backed up, synced more, died, and was restored from the backup.
 * What it makes after the restore must reach the hub (its outbox numbers and record revisions
 * start again below what the hub already acknowledged), what the hub got from the dead box and the
 * backup lacks is counted for the administrator, and a history the center cannot agree on with
 * the hub is an error on its screen and in `npm run doctor`, never "nothing waiting".
 */
describe.each(hubStorages)('a center restored from its backup, %s hub', (storage) => {
  freshBoxesEachTest(storage);

  it(
    'every record made after the restore reaches the hub, edits after it win, and what went with the old box is counted',
    async () => {
      const [lan, tuan] = await register(old, 3);
      const clan = build.id();
      expect(
        (await old.call('POST', '/api/staff/clans', { id: clan, name: 'Họ Hà', representative: 'Hà Văn Khánh' }))
          .status,
      ).toBe(200);
      const draft = build.id();
      expect(
        (
          await old.call(
            'PUT',
            `/api/assessments/${draft}`,
            build.assessment(lan!, { status: 'draft', scores: { CS02: 3 } }),
          )
        ).status,
      ).toBe(200);
      expect(await run(old)).toMatchObject({ waiting: 0, lastError: null });
      const backup = await backupOf(center);
      const seqAtBackup = await highestSeq(center.db);

      // The box goes on for a while: five more villagers, a consent withdrawn, the draft and the clan changed; all reach the hub.
      await register(old, 5);
      await old.call('POST', `/api/staff/people/${tuan}/consents`, { purpose: 'publicList', granted: false });
      await old.call(
        'PUT',
        `/api/assessments/${draft}`,
        build.assessment(lan!, { status: 'draft', scores: { CS02: 5 } }),
      );
      await old.call('PUT', `/api/staff/clans/${clan}`, { name: 'Họ Hà Văn', representative: 'Hà Văn Khánh' });
      expect(await run(old)).toMatchObject({ waiting: 0, lastError: null });
      const [node] = await nodes();
      const lost = node!.last_seq - seqAtBackup;
      expect(lost).toBeGreaterThan(0);

      // It dies; a new box is restored from the backup and takes five villagers and the same kinds of edits.
      const box = await restore(backup);
      const after = await register(box, 5);
      expect(
        (await box.call('POST', `/api/staff/people/${tuan}/consents`, { purpose: 'statistics', granted: false }))
          .status,
      ).toBe(200);
      expect(
        (
          await box.call(
            'PUT',
            `/api/assessments/${draft}`,
            build.assessment(lan!, { status: 'draft', scores: { CS02: 9 } }),
          )
        ).status,
      ).toBe(200);
      expect(
        (await box.call('PUT', `/api/staff/clans/${clan}`, { name: 'Họ Hà Đông', representative: 'Hà Văn Khánh' }))
          .status,
      ).toBe(200);
      const made = (await box.db.selectFrom('outbox').select('seq').where('seq', '>', seqAtBackup).execute()).length;
      expect(made).toBeGreaterThanOrEqual(8);
      expect((await box.call('GET', '/api/staff/federation')).body).toMatchObject({
        waiting: made,
        historyUnresolved: false,
      });

      expect(await run(box)).toMatchObject({
        waiting: 0,
        lastError: null,
        lostChanges: lost,
        historyUnresolved: false,
      });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
      const consents = (await onHub(hub.db, 'person', tuan!)).consents as { purpose: string; granted: boolean }[];
      expect(consents.filter((c) => c.purpose === 'statistics').at(-1)?.granted).toBe(false);
      expect(
        (await onHub(hub.db, 'assessment', draft)).answers.find(
          (a: { indicatorId: string }) => a.indicatorId === 'CS02',
        ).score,
      ).toBe(9);
      expect(await onHub(hub.db, 'clan', clan)).toMatchObject({ name: 'Họ Hà Đông' });
      expect((await nodes()).filter((n) => n.status === 'active')).toHaveLength(1);
      const audit = await box.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'sync.history-lost')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([
        expect.objectContaining({ lost, hubSeq: node!.last_seq, restoredSeq: seqAtBackup }),
      ]);

      // From then on it syncs as before: nothing more to send, a new villager goes up.
      const sent = (await nodes())[0]!.last_seq;
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: lost });
      expect((await nodes())[0]!.last_seq).toBe(sent);
      const [late] = await register(box, 1);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null });
      expect(await onHub(hub.db, 'person', late!)).toMatchObject({ id: late });
    },
    TIMEOUT,
  );

  it(
    'a restore with nothing lost (the box died before syncing again) sends everything and counts nothing',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const backup = await backupOf(center);
      await register(old, 2);
      const box = await restore(backup);
      const after = await register(box, 3);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: 0 });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
      expect(
        await box.db.selectFrom('audit_log').selectAll().where('action', '=', 'sync.history-lost').execute(),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a database file copied back by hand (no restore mark) is recognised: what is made on it reaches the hub',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const copy = join(tempDir('by-hand'), 'data');
      mkdirSync(copy, { recursive: true });
      cpSync(join(await backupOf(center), 'kiosk.sqlite'), join(copy, 'kiosk.sqlite'));
      await register(old, 4);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const hubSeq = (await nodes())[0]!.last_seq;

      const box = await openBox(copy, center.config, admin, now, link);
      opened.push(box);
      const after = await register(box, 2);
      const held = await highestSeq(box.db);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: hubSeq - held });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
    },
    TIMEOUT,
  );
});
