import { describe, expect, it, vi } from 'vitest';
import { inIdleSteps } from './when-idle.ts';

describe('deferred start-up steps', () => {
  it('runs each in a task of its own, in order, and a failed step does not stop the next', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ran: string[] = [];
    const done = inIdleSteps(
      () => {
        ran.push('persist');
        // A task queued by this step runs before the next step: that one waits for a task of its own.
        setTimeout(() => ran.push('another task'), 0);
      },
      () => {
        ran.push('catalog');
        throw new Error('catalog unreachable');
      },
      async () => {
        await Promise.resolve();
        ran.push('service worker');
      },
    );
    // Nothing runs in the task that asked.
    expect(ran).toEqual([]);
    await done;
    expect(ran).toEqual(['persist', 'another task', 'catalog', 'service worker']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
