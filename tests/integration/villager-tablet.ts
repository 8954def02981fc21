import { randomBytes } from 'node:crypto';

/**
 * The harness's `json()` plays the tablet as the real one does with villager tokens
 * (server/src/villager/): a new token for each registration and each code + birth-year look-up,
 * sent as `X-Villager-Token` with every request about her records. It remembers whose each record
 * is (person → token, assessment and household → person) from what it sent and what the box
 * answered, and starts a new session by her code and birth year when hers is older than the box
 * lets a token read, as a villager coming back to the tablet would.
 */
export const TOKEN_HEADER = 'X-Villager-Token';

export function newVillagerToken(): string {
  return randomBytes(32).toString('base64url');
}

interface Session {
  token: string;
  boundAtMs: number;
}
type Owner = { kind: 'person' | 'household'; id: string };
type Send = (path: string, token: string) => Promise<{ status: number; body: any }>;

const re = (s: string) => new RegExp(`^/api/${s}$`);
const UUID = '([0-9a-f-]{36})';

export class TabletSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly slips = new Map<string, { code: string; birthYear: number }>();
  private readonly bySlip = new Map<string, string>();
  private readonly owners = new Map<string, Owner>();
  private readonly heads = new Map<string, string>();

  constructor(
    private readonly nowMs: () => number,
    private readonly tokenMinutes: number,
  ) {}

  /** The token bound to her on this tablet, if any (for a test to send it where it does not belong). */
  tokenOf(personId: string): string | undefined {
    return this.sessions.get(personId)?.token;
  }

  /** The header the tablet sends with a request made by hand (a photo's raw body), as `json()` would. */
  header(method: string, path: string, body?: any): Record<string, string> {
    const personId = this.personFor(method, path.split('?')[0]!, body);
    const token = personId ? this.sessions.get(personId)?.token : undefined;
    return token ? { [TOKEN_HEADER]: token } : {};
  }

  /** The token to send with a request, or null; `lookup` sends a by-code look-up for a renewal. */
  async tokenFor(method: string, path: string, body: any, lookup: Send): Promise<string | null> {
    const p = path.split('?')[0]!;
    if (method === 'PUT' && re(`people/${UUID}`).test(p))
      return this.sessions.get(p.split('/')[3]!)?.token ?? newVillagerToken();
    if (re('people/by-code/[^/]+').test(p)) return newVillagerToken();
    const personId = this.personFor(method, p, body);
    if (!personId) return null;
    const session = this.sessions.get(personId);
    const slip = this.slips.get(personId);
    if (session && slip && this.nowMs() - session.boundAtMs > this.tokenMinutes * 60_000) {
      const token = newVillagerToken();
      const res = await lookup(`/api/people/by-code/${slip.code}?birthYear=${slip.birthYear}`, token);
      if (res.status === 200) this.sessions.set(personId, { token, boundAtMs: this.nowMs() });
    }
    return this.sessions.get(personId)?.token ?? null;
  }

  /** Learns from what was sent and what the box answered. */
  learn(method: string, path: string, body: any, token: string | null, status: number, answer: any): void {
    if (status !== 200 || !answer || typeof answer !== 'object') return;
    const p = path.split('?')[0]!;
    const id = p.split('/')[3];
    const isPerson = (method === 'PUT' && re(`people/${UUID}`).test(p)) || re('people/by-code/[^/]+').test(p);
    if (isPerson && token && typeof answer.id === 'string') {
      // A registration's retry keeps the session it bound; a look-up starts a new one.
      if (this.sessions.get(answer.id)?.token !== token)
        this.sessions.set(answer.id, { token, boundAtMs: this.nowMs() });
      this.slips.set(answer.id, { code: answer.code, birthYear: answer.birthYear });
      this.bySlip.set(`${answer.code}/${answer.birthYear}`, answer.id);
    }
    if (
      method === 'PUT' &&
      id &&
      /^(assessments|digital-attempts|learning-plans)$/.test(p.split('/')[2]!) &&
      body?.personId
    ) {
      this.owners.set(id, { kind: 'person', id: body.personId });
    }
    if (method === 'PUT' && id && p.split('/')[2] === 'model-assessments' && body?.title === 'gdht') {
      this.owners.set(id, { kind: 'household', id: body.subjectId });
    }
    const household = 'household' in answer ? answer.household : answer;
    if (
      household &&
      typeof household.id === 'string' &&
      typeof household.headPersonId === 'string' &&
      Array.isArray(household.members)
    ) {
      this.heads.set(household.id, household.headPersonId);
    }
  }

  private personFor(method: string, p: string, body: any): string | undefined {
    const parts = p.split('/');
    const [, , kind, id, sub, sub2] = parts;
    if (kind === 'people' && id) return id;
    if (
      method === 'PUT' &&
      (kind === 'assessments' || kind === 'digital-attempts' || kind === 'learning-plans') &&
      !sub &&
      body?.personId
    )
      return body.personId;
    if (kind === 'assessments' && id) return this.ownerPerson(this.owners.get(id));
    if (kind === 'households' && id) {
      if (method === 'PUT' && !sub && body?.headCode) return this.bySlip.get(`${body.headCode}/${body.headBirthYear}`);
      return this.heads.get(id);
    }
    if (kind === 'model-assessments' && id === 'current' && sub === 'gdht' && sub2)
      return this.heads.get(decodeURIComponent(sub2));
    if (kind === 'model-assessments' && method === 'PUT' && body?.title === 'gdht')
      return this.heads.get(body.subjectId);
    if (kind === 'model-assessments' && id) return this.ownerPerson(this.owners.get(id));
    return undefined;
  }

  private ownerPerson(owner: Owner | undefined): string | undefined {
    if (!owner) return undefined;
    return owner.kind === 'person' ? owner.id : this.heads.get(owner.id);
  }
}
