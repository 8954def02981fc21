import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Flow } from '../../../web/src/lib/state/flow.svelte.ts';
import { build } from '../../fixtures/people.ts';
import { comeBack, registered, tabletAgainstBox } from './tablet-box.ts';

/**
 * Issue 26: her slip offers the check she paused with what is left of it ("còn N câu"), also after
 * the page is loaded again; a check with nothing answered is not handed in.
 */
const box = tabletAgainstBox();

describe('the digital-skills check left part-way', () => {
  it('the slip counts the blank items of a paused check: after "Tạm dừng", after a reload, and another day', async () => {
    const { personId, code } = await registered(box());
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    const flow = await comeBack(code);
    const bank = flow.digital.bank!;
    await flow.digital.start();
    const [a, b, c] = bank.items;
    await flow.digital.answer(a!.id, { kind: 'self-rating', step: 3 });
    await flow.digital.answer(b!.id, { kind: 'skipped' });
    await flow.digital.answer(c!.id, { kind: 'self-rating', step: 1 });
    expect(flow.digital.blanks(flow.session.digital!.responses)).toBe(bank.items.length - 2);
    await flow.digital.pause();
    expect(flow.digital.paused).toBe(true);
    expect(flow.digital.pausedBlank).toBe(bank.items.length - 2);

    // The page loaded again on her slip, before and after the box has it.
    const reloaded = new Flow();
    await reloaded.start();
    expect(reloaded.session.screen).toBe('result');
    expect(reloaded.digital.pausedBlank).toBe(bank.items.length - 2);
    await reloaded.sync.kick();
    const again = new Flow();
    await again.start();
    expect(again.digital.pausedBlank).toBe(bank.items.length - 2);
    await again.endSession();

    const later = await comeBack(code);
    expect(later.digital.paused).toBe(true);
    expect(later.digital.pausedBlank).toBe(bank.items.length - 2);
  });

  it('a check with nothing answered has no blank count to offer and is not handed in', async () => {
    const { personId, code } = await registered(box());
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    const flow = await comeBack(code);
    await flow.digital.start();
    expect(flow.digital.blanks(flow.session.digital!.responses)).toBe(flow.digital.bank!.items.length);
    await flow.digital.finish();
    expect(flow.error).toBe('digital.no-answers');
    expect(flow.session.screen).toBe('digital');
    await flow.digital.pause();
    expect(flow.digital.paused).toBe(false);
  });
});
