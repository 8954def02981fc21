import { fill } from '../../../../shared/i18n/vi.ts';
import { addressText, type EnrolmentIssued } from '../../../../shared/schemas/enrolment.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type HubNode } from '../api.ts';

export type Issued = EnrolmentIssued & { name: string };

/**
 * The hub's centers (HubNodes.svelte): the centers below it, a join code for a new one (its
 * address, the one-time code and the check of the hub's certificate, with its QR code drawn by the
 * hub), revocation, and the hub's own fingerprint for a center that must re-pin. Each outcome is
 * shown once the list has been read again.
 */
export class HubNodesState {
  nodes = $state<HubNode[]>([]);
  name = $state('');
  /** The address centers reach this hub by, as the code will carry it. */
  address = $state('');
  issued = $state<Issued | null>(null);
  /** The hub's own fingerprint (null: a public certificate); undefined until read. */
  fingerprint = $state<string | null | undefined>(undefined);
  error = $state<string | null>(null);
  done = $state<string | null>(null);
  busy = $state(false);

  get canCreate(): boolean {
    return !this.busy && this.name.trim().length >= 2 && this.address.trim().length > 0;
  }

  /**
   * The address this page was reached by, as a start: the officer changes it when centers reach
   * the hub by another (its public name rather than its LAN name, or HTTPS rather than this
   * machine's plain HTTP).
   */
  suggest(origin: string): void {
    if (!this.address) this.address = addressText(origin);
  }

  private async attempt(work: () => Promise<(() => void) | void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      const outcome = await work();
      this.nodes = await staffApi.hubNodes();
      outcome?.();
    } catch (e) {
      this.error = errorCode(e);
    } finally {
      this.busy = false;
    }
  }

  load(): Promise<void> {
    return this.attempt(async () => {
      this.fingerprint = (await staffApi.hubCertificate()).fingerprint;
    });
  }

  /** A join code for the center named; shown once the list is read again, the form emptied. */
  create(): Promise<void> {
    const name = this.name.trim();
    return this.attempt(async () => {
      const issued = await staffApi.createEnrolment(name, this.address.trim());
      return () => {
        this.issued = { name, ...issued };
        this.name = '';
      };
    });
  }

  revoke(node: HubNode): Promise<void> {
    return this.attempt(async () => {
      await staffApi.revokeNode(node.id);
      return () => void (this.done = fill(t.hub.revokedNode, { name: node.name }));
    });
  }
}
