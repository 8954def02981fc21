import { fill } from '../../../../shared/i18n/vi.ts';
import { parseJoinCode } from '../../../../shared/schemas/enrolment.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type FederationStatus } from '../api.ts';

/**
 * The sync page (Federation.svelte): a center joins its hub by the officer's join code, typed once
 * or scanned, and the rest is automatic (the center checks and pins the hub's certificate, enrols,
 * then runs its first sync); afterwards the state in plain words, "Đồng bộ ngay" and re-pinning.
 * Each outcome is said once the state has been read again.
 */
export class FederationState {
  status = $state<FederationStatus | null>(null);
  code = $state('');
  /** Only for a code that carries no address (an older or a public-certificate code). */
  hubUrl = $state('');
  fingerprint = $state('');
  error = $state<string | null>(null);
  done = $state<string | null>(null);
  busy = $state(false);
  scanning = $state(false);
  scanFailed = $state(false);

  /** The code as read so far: the address field is asked for only when a whole code carries none. */
  get needsAddress(): boolean {
    const parsed = parseJoinCode(this.code);
    return parsed !== null && parsed.hubUrl === null;
  }

  private async attempt(work: () => Promise<FederationStatus>, said?: (s: FederationStatus) => string): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      this.status = await work();
      if (said) this.done = said(this.status);
    } catch (e) {
      this.error = errorCode(e);
    } finally {
      this.busy = false;
    }
  }

  load(): Promise<void> {
    return this.attempt(staffApi.federation);
  }

  /** Enrols, then syncs at once; the state shown is the one after that first sync (or as read, if it could not run). */
  enrol(): Promise<void> {
    const code = this.code.trim();
    const hubUrl = this.needsAddress ? this.hubUrl.trim() : undefined;
    return this.attempt(
      async () => {
        const enrolled = await staffApi.enrol(code, hubUrl);
        this.code = '';
        this.hubUrl = '';
        return staffApi
          .syncNow()
          .catch(() => staffApi.federation())
          .catch(() => enrolled);
      },
      (s) => fill(t.federation.enrolled, { hub: s.hubName ?? '' }),
    );
  }

  syncNow(): Promise<void> {
    return this.attempt(staffApi.syncNow);
  }

  repin(): Promise<void> {
    const fingerprint = this.fingerprint.trim();
    return this.attempt(
      async () => {
        const s = await staffApi.repin(fingerprint);
        this.fingerprint = '';
        return s;
      },
      () => t.federation.repinned,
    );
  }

  /** Reads the code from the camera (`read`), then enrols with it; a camera that cannot open leaves typing. */
  async scan(read: () => Promise<string | null>): Promise<void> {
    this.scanning = true;
    this.scanFailed = false;
    let text: string | null = null;
    try {
      text = await read();
    } catch {
      this.scanFailed = true;
    } finally {
      this.scanning = false;
    }
    if (!text) return;
    this.code = text.trim();
    await this.enrol();
  }
}
