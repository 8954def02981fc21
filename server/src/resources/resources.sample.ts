import type { ResourceInput } from '../../../shared/schemas/resource.ts';
import { fromVietnamWallClock, vietnamDate } from '../../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';
import { repeat } from '../jobs/repeat.ts';
import * as repo from './resources.repository.ts';
import { placeSampleFiles, type SampleFiles } from './resources.sample-files.ts';

/**
 * The demonstration center's sample catalogue: two classes with sessions in the coming days, a
 * printed booklet, a video and a document, each titled "Mẫu: …" so no one takes it for the center's
 * own. Made at start on a demo center (`center.demo` and `demo.sampleCatalogue`), the classes' dates
 * moved on each day from the box's own date so they stay "this week"; on a real center, any sample
 * left from a demonstration is retired. A sample a facilitator has edited is hers and left alone.
 * The video and the document carry real files shipped in kiosk-config/sample/
 * (resources.sample-files.ts), put in the media store on a demo center only.
 */

/** Written as the sample's author (`updated_by`): a row still carrying it was never edited by staff. */
export const SAMPLE_AUTHOR = 'demo-sample';

/** Fixed ids (UUIDv7-shaped, so the staff screens can open, edit and retire them like any other). */
const ids = {
  phoneClass: '0190b0a0-5a4d-7e00-8a00-000000000001',
  vegetableClass: '0190b0a0-5a4d-7e00-8a00-000000000002',
  booklet: '0190b0a0-5a4d-7e00-8a00-000000000003',
  video: '0190b0a0-5a4d-7e00-8a00-000000000004',
  document: '0190b0a0-5a4d-7e00-8a00-000000000005',
} as const;
export const sampleIds: readonly string[] = Object.values(ids);

const DAY_MS = 86_400_000;

/** A session `days` after the box's date (Vietnam time) at `hh:mm` there, lasting `minutes`. */
function session(now: Date, days: number, hh: number, mm: number, minutes: number) {
  const day = vietnamDate(new Date(now.getTime() + days * DAY_MS));
  const start = fromVietnamWallClock(
    new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`),
  );
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + minutes * 60_000).toISOString() };
}

/** The sample catalogue as of `now`: each class meets within the coming seven days; the video and document with their files when shipped. */
export function sampleCatalogue(now: Date, files?: SampleFiles): { id: string; input: ResourceInput }[] {
  const note = 'Mục mẫu của bản trình diễn: trung tâm thay bằng lớp học, tài liệu của mình.';
  return [
    {
      id: ids.phoneClass,
      input: {
        kind: 'class',
        title: 'Mẫu: Lớp dùng điện thoại thông minh',
        topic: 'Kỹ năng số',
        description: `Gọi video, dùng Zalo, cài VNeID, nhận biết tin nhắn lừa đảo. ${note}`,
        indicators: ['CS05', 'CS08'],
        domains: ['communication', 'safety'],
        audiences: [],
        teacher: 'Cô giáo Nguyễn Thị Hạnh (mẫu)',
        place: 'Hội trường trung tâm',
        sessions: [session(now, 1, 19, 30, 90), session(now, 3, 19, 30, 90)],
      },
    },
    {
      id: ids.vegetableClass,
      input: {
        kind: 'class',
        title: 'Mẫu: Lớp trồng rau an toàn',
        topic: 'Nông nghiệp',
        description: `Làm đất, ủ phân, ghi sổ chi phí một vụ rau. ${note}`,
        indicators: ['CS03', 'CS07'],
        domains: [],
        audiences: [],
        teacher: 'Anh Lò Văn Quang, khuyến nông xã (mẫu)',
        place: 'Vườn mẫu cạnh trung tâm',
        sessions: [session(now, 2, 8, 0, 120), session(now, 5, 8, 0, 120)],
      },
    },
    {
      id: ids.booklet,
      input: {
        kind: 'printed',
        title: 'Mẫu: Sổ tay phòng tránh lừa đảo qua điện thoại',
        topic: 'Kỹ năng số',
        description: `Sổ tay in, mượn tại tủ sách của trung tâm. ${note}`,
        indicators: ['CS05', 'CS08'],
        domains: ['safety'],
        audiences: [],
        sessions: [],
      },
    },
    {
      id: ids.video,
      input: {
        kind: 'video',
        title: 'Mẫu: Video hướng dẫn nộp hồ sơ dịch vụ công trực tuyến',
        topic: 'Dịch vụ công',
        description: `Video xem trên máy tính bảng của trung tâm. ${note}`,
        indicators: ['CS05'],
        domains: ['problem-solving'],
        audiences: [],
        sessions: [],
        ...(files?.video ? { file: files.video.file } : {}),
      },
    },
    {
      id: ids.document,
      input: {
        kind: 'document',
        title: 'Mẫu: Hướng dẫn lập kế hoạch học tập của bản thân',
        topic: 'Học tập suốt đời',
        description: `Tài liệu đọc trên máy tính bảng hoặc in ra. ${note}`,
        indicators: ['CS02', 'CS04'],
        domains: [],
        audiences: [],
        sessions: [],
        ...(files?.document ? { file: files.document.file } : {}),
      },
    },
  ];
}

/**
 * Brings the sample catalogue up to date for `now`: made where missing, its dates moved on where
 * they changed (a new catalog version, so tablets fetch it), left alone once staff edited or retired
 * it; with `demo` false, every sample still standing unedited is retired instead. `media`: the
 * shipped files and the media store they are put in (on a demo center only, before the rows name them).
 */
export async function syncSampleCatalogue(
  db: Db,
  now: Date,
  demo: boolean,
  media?: { files: SampleFiles; dir: string },
): Promise<void> {
  const at = now.toISOString();
  if (demo && media) placeSampleFiles(media.files, media.dir);
  const files = demo ? media?.files : undefined;
  await db.transaction().execute(async (trx) => {
    for (const { id, input } of sampleCatalogue(now, files)) {
      const existing = await repo.findResource(trx, id);
      if (existing && (existing.updated_by !== SAMPLE_AUTHOR || existing.retired === 1)) continue;
      if (!existing && !demo) continue;
      const payload = JSON.stringify(input);
      if (existing && demo && existing.payload === payload) continue;
      const row: repo.ResourceRow = {
        id,
        origin: 'center',
        revision: (existing?.revision ?? 0) + 1,
        version: (await repo.latestVersion(trx)) + 1,
        retired: demo ? 0 : 1,
        payload: demo ? payload : existing!.payload,
        updated_at: at,
        updated_by: SAMPLE_AUTHOR,
      };
      if (existing) await repo.updateResource(trx, row);
      else await repo.insertResource(trx, row);
    }
  });
}

/** At start and every six hours: the sample catalogue kept "this week" on a demo center, retired on a real one. */
export function scheduleSampleCatalogue(
  { db, now, demo, media }: { db: Db; now: () => Date; demo: boolean; media?: { files: SampleFiles; dir: string } },
  onError: (e: unknown) => void,
): Promise<void> {
  const first = syncSampleCatalogue(db, now(), demo, media);
  first
    .then(() => {
      if (demo)
        repeat(() => syncSampleCatalogue(db, now(), demo, media), {
          firstMs: 6 * 3600_000,
          everyMs: 6 * 3600_000,
          onError,
        });
    })
    .catch(onError);
  return first;
}
