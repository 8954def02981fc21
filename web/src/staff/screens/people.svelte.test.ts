import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonView } from '../../../../shared/schemas/person.ts';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ personData: vi.fn(), changeConsent: vi.fn(), erase: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { PeopleState } = await import('./people.svelte.ts');

const lan = { id: 'p-lan', name: 'Bà Lan', code: 'LAN-01', village: 'Thôn 1', birthYear: 1954 };
const person = (consents: { purpose: string; granted: boolean }[]) => ({ ...lan, consents }) as unknown as PersonView;

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

async function opened() {
  const people = new PeopleState();
  box.personData.mockResolvedValue({
    person: person([{ purpose: 'photos', granted: true }]),
    consentLog: [],
    assessments: [{ year: 2026, status: 'submitted' }],
  });
  await people.open(lan as never);
  return people;
}

describe('PeopleState', () => {
  it('opens the person found with her assessments, clearing the last outcome', async () => {
    const people = new PeopleState();
    people.done = 'Đã xóa: 1 bài đánh giá, 0 ảnh.';
    box.personData.mockResolvedValue({
      person: person([]),
      consentLog: [],
      assessments: [{ year: 2026, status: 'submitted' }],
    });
    await people.open(lan as never);
    expect(box.personData).toHaveBeenCalledWith('p-lan');
    expect(people.person?.name).toBe('Bà Lan');
    expect(people.assessments).toEqual([{ year: 2026, status: 'submitted' }]);
    expect(people.done).toBeNull();
  });

  it('shows the person as the box gives her back after a consent change; a refusal keeps her as she was', async () => {
    const people = await opened();
    box.changeConsent.mockResolvedValue(person([{ purpose: 'photos', granted: false }]));
    await people.consent('photos' as never, false);
    expect(box.changeConsent).toHaveBeenCalledWith('p-lan', 'photos', false);
    expect(people.person?.consents).toEqual([{ purpose: 'photos', granted: false }]);
    box.changeConsent.mockRejectedValue(new ApiError('person.not-found', 'no'));
    await people.consent('photos' as never, true);
    expect(people.error).toBe('person.not-found');
    expect(people.person?.consents).toEqual([{ purpose: 'photos', granted: false }]);
  });

  it('erases only when confirmed, then says what went once she is no longer shown', async () => {
    const people = await opened();
    const asked: string[] = [];
    await people.erase((name) => (asked.push(name), false));
    expect(asked).toEqual(['Bà Lan']);
    expect(box.erase).not.toHaveBeenCalled();
    expect(people.person).not.toBeNull();
    box.erase.mockResolvedValue({ assessments: 2, photos: 3 });
    const said = onWrite(people, 'done', () => people.person);
    await people.erase(() => true);
    expect(box.erase).toHaveBeenCalledWith('p-lan');
    expect(said).toEqual([{ value: 'Đã xóa: 2 bài đánh giá, 3 ảnh.', seen: null }]);
  });
});
