import type { OutboxItem } from '../../db/db.ts';
import { Assessment } from './assessment.svelte.ts';
import { DigitalCheck } from './digital.svelte.ts';
import { HouseholdFlow } from './household.svelte.ts';
import { LearningPlan } from './plan.svelte.ts';
import { Preferences } from './preferences.svelte.ts';
import { SignedIn } from './sign-in.svelte.ts';

/**
 * The villager's way through the tablet: the session and who is signed in (SignedIn, on the
 * session core), and the parts built on it, which know the core and not each other: her
 * self-assessment, the digital-skills check, her learning plan, "Gia đình tôi" and the session's
 * preferences. The box's confirmations are kept per outbox kind in one place (confirmations.ts).
 */
export class Flow extends SignedIn {
  // Joined in the order their hand-over goes to the outbox at the session's end.
  readonly assessment = this.join(new Assessment(this));
  /** "Gia đình tôi": her household and its self-assessment. */
  readonly household = this.join(new HouseholdFlow(this));
  readonly digital = this.join(new DigitalCheck(this));
  readonly plan = new LearningPlan(this);
  readonly preferences = this.join(new Preferences(this));

  /** What the box answered for a confirmed item (loaded on the first one: the first screen does without it). */
  protected override async confirmed(item: OutboxItem, response: unknown): Promise<void> {
    const { confirm } = await import('./confirmations.ts');
    return confirm(this, item, response);
  }

  /**
   * True while anything of a person is on the tablet: a screen past the welcome, a half-typed form,
   * her session (also when a screen sent her back to the welcome screen), a photo, someone found by
   * code, or a choice of hers. The idle timeout runs and "Để người khác dùng máy" shows while it is.
   */
  get occupied(): boolean {
    const s = this.session;
    return (
      s.screen !== 'welcome' ||
      s.registration !== undefined ||
      s.person !== null ||
      s.assistedBy !== undefined ||
      s.group !== null ||
      Object.keys(s.answers).length > 0 ||
      s.digital !== undefined ||
      s.plan !== undefined ||
      s.household !== undefined ||
      this.assessment.photos.length > 0 ||
      this.found !== null ||
      this.preferences.changed
    );
  }
}
