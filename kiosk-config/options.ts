/**
 * Every option of the kiosk, in one typed description: its type, default, what it does and the
 * environment variable that overrides it. A center file (centers/*.json) sets only what differs
 * under "settings"; the environment wins over both. Loaded once by server/src/config/load.ts.
 */

interface Base<T> {
  default: T;
  env: string;
  description: string;
}
export type OptionSpec =
  | (Base<string> & { type: 'string' })
  | (Base<string | null> & { type: 'optional-string' })
  | (Base<string> & { type: 'enum'; values: readonly string[] })
  | (Base<number> & { type: 'integer'; min: number; max: number })
  | (Base<number | null> & { type: 'optional-integer'; min: number; max: number })
  | (Base<Readonly<Record<string, string>>> & { type: 'map' });

export const options = {
  role: {
    type: 'enum',
    values: ['center', 'hub'],
    default: 'center',
    env: 'KIOSK_ROLE',
    description:
      'What this box is: "center" serves the tablets of one learning center; "hub" receives from the centers (or communes) below it.',
  },
  'server.host': {
    type: 'string',
    default: '0.0.0.0',
    env: 'KIOSK_HOST',
    description: 'Address to listen on; 0.0.0.0 lets the tablets on the Wi-Fi reach the box.',
  },
  'server.port': {
    type: 'integer',
    min: 0,
    max: 65535,
    default: 8080,
    env: 'KIOSK_PORT',
    description: 'TCP port of the web app and API (0 picks a free port, for tests).',
  },
  'console.machineLines': {
    type: 'enum',
    values: ['on', 'off'],
    default: 'off',
    env: 'KIOSK_MACHINE_LINES',
    description:
      'on: the start also prints stable lines for scripts and tests (KIOSK_SETUP_CODE code=…, KIOSK_TLS_LISTENING port=…, KIOSK_LISTENING port=…) after the text for people. off: only the text for people, in Vietnamese and English.',
  },
  'tls.mode': {
    type: 'enum',
    values: ['on', 'off'],
    default: 'on',
    env: 'KIOSK_TLS',
    description:
      'on: the app is served over HTTPS (the box makes its own certificate authority), and plain HTTP on server.port gives LAN tablets only the provisioning page and a redirect (this machine itself, on 127.0.0.1, still gets the app). off: plain HTTP only.',
  },
  'tls.port': {
    type: 'integer',
    min: 0,
    max: 65535,
    default: 8443,
    env: 'KIOSK_TLS_PORT',
    description: 'TCP port of the HTTPS app and API (443 on an installed box; 0 picks a free port, for tests).',
  },
  'tls.hostName': {
    type: 'string',
    default: 'hoctap.lan',
    env: 'KIOSK_HOST_NAME',
    description:
      "Host name in the box's certificate, for a Wi-Fi router that gives the box a name (its LAN addresses are always in it too).",
  },
  'disk.minFreeForPhotosMb': {
    type: 'integer',
    min: 0,
    max: 1_000_000_000,
    default: 500,
    env: 'KIOSK_DISK_MIN_FREE_PHOTOS_MB',
    description:
      'Below this much free space (MB) the box refuses new photos and stored files, but still takes records.',
  },
  'disk.minFreeForDataMb': {
    type: 'integer',
    min: 0,
    max: 1_000_000_000,
    default: 50,
    env: 'KIOSK_DISK_MIN_FREE_DATA_MB',
    description:
      'Below this much free space (MB) the box refuses every write for now (tablets keep what they have and retry).',
  },
  'data.dir': {
    type: 'string',
    default: './data',
    env: 'KIOSK_DATA_DIR',
    description: 'Folder for the SQLite database and evidence photos, relative to the working directory.',
  },
  'backup.dir': {
    type: 'optional-string',
    default: null,
    env: 'KIOSK_BACKUP_DIR',
    description:
      'Folder the nightly backup and "Sao lưu ngay" write into (one sub-folder per backup, hoctap-backup-YYYYMMDD-HHmmss). Unset: a "backups" folder beside data.dir (./backups for ./data). Better on a USB stick or disk other than the one holding data.dir.',
  },
  'backup.hour': {
    type: 'integer',
    min: 0,
    max: 23,
    default: 2,
    env: 'KIOSK_BACKUP_HOUR',
    description:
      'Hour (Vietnam time, 0-23) of the nightly backup. A box that was off then makes it soon after it starts.',
  },
  'backup.keep': {
    type: 'integer',
    min: 1,
    max: 365,
    default: 7,
    env: 'KIOSK_BACKUP_KEEP',
    description:
      'How many backups to keep in the backup folder; older ones are deleted only after a new one is complete.',
  },
  'db.url': {
    type: 'optional-string',
    default: null,
    env: 'KIOSK_DATABASE_URL',
    description:
      'A PostgreSQL connection URL (postgres://user:pass@host:5432/db) for a hub that outgrows one SQLite file; unset means SQLite in data.dir.',
  },
  'db.synchronous': {
    type: 'enum',
    values: ['FULL', 'NORMAL'],
    default: 'FULL',
    env: 'KIOSK_DB_SYNCHRONOUS',
    description:
      'SQLite synchronous mode. FULL (default) fsyncs the WAL on every commit, so an answer the box has acknowledged survives a power cut; NORMAL is faster but may lose the last commits on power loss.',
  },
  'year.startMonth': {
    type: 'integer',
    min: 1,
    max: 12,
    default: 1,
    env: 'KIOSK_YEAR_START_MONTH',
    description: 'Month on which the next assessment year begins (1 = the calendar year).',
  },
  'year.startDay': {
    type: 'integer',
    min: 1,
    max: 28,
    default: 1,
    env: 'KIOSK_YEAR_START_DAY',
    description: 'Day of year.startMonth on which the next assessment year begins.',
  },
  'year.timeZone': {
    type: 'string',
    default: 'Asia/Ho_Chi_Minh',
    env: 'KIOSK_TIME_ZONE',
    description: 'Time zone of the center, for the assessment year and dates on slips.',
  },
  'year.fixed': {
    type: 'optional-integer',
    min: 2000,
    max: 2100,
    default: null,
    env: 'KIOSK_YEAR',
    description: 'When set, every assessment counts for this year whatever the date.',
  },
  // 324/QĐ-KHVN (October 2023) replaced the 2022 three-group sets with a framework and four subject
  // sets: the 2023 version from 2024 on, the 2022 one for the years scored on it.
  'cdht.criteriaSet': {
    type: 'string',
    default: 'cdht-2023@2023.1',
    env: 'KIOSK_CDHT_CRITERIA_SET',
    description:
      'Criteria set (id@version, from kiosk-config/criteria/) for Learning Citizen assessments of the years cdht.criteriaSetByYear does not list.',
  },
  'cdht.criteriaSetByYear': {
    type: 'map',
    default: { '2022': 'cdht-2022@2022.1', '2023': 'cdht-2022@2022.1' },
    env: 'KIOSK_CDHT_CRITERIA_SET_BY_YEAR',
    description:
      'Per-year choice of criteria set, e.g. {"2027": "cdht-2023@2023.1"}; years not listed use cdht.criteriaSet. Given, it replaces the default (the 2022 three-group set for 2022 and 2023).',
  },
  'recognition.outstandingYears': {
    type: 'integer',
    min: 2,
    max: 10,
    default: 5,
    env: 'KIOSK_OUTSTANDING_YEARS',
    description: 'Years recognized in a row to be an outstanding Learning Citizen (tiêu biểu xuất sắc).',
  },
  'documents.legalBases': {
    type: 'map',
    default: {
      cdht: 'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nQuyết định số 677/QĐ-TTg ngày 03 tháng 6 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030”;',
      models:
        'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nQuyết định số 387/QĐ-TTg ngày 25 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị đến năm 2030”;',
    },
    env: 'KIOSK_DOCUMENTS_LEGAL_BASES',
    description:
      'The legal bases ("Căn cứ ...") of a recognition decision, one per line, by title: cdht, gdht, dhht, cddht, dvht, and "models" for the four other titles not listed. Defaults from the programmes (677/QĐ-TTg, 387/QĐ-TTg): replace with the province\'s own; the proposal line (documents.proposer) comes after them. A "commendation" entry gives the bases of the commendation proposal (tờ trình đề nghị khen thưởng; default: the law on emulation and commendation, 677/QĐ-TTg, 387/QĐ-TTg and 1315/QĐ-TTg).',
  },
  'documents.proposer': {
    type: 'string',
    default: 'Trưởng phòng Văn hóa - Xã hội',
    env: 'KIOSK_DOCUMENTS_PROPOSER',
    description: 'Who proposes a recognition decision: its last basis reads "Theo đề nghị của <this>."',
  },
  'documents.executors': {
    type: 'string',
    default:
      'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, Trưởng phòng Văn hóa - Xã hội, Giám đốc Trung tâm học tập cộng đồng, các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1',
    env: 'KIOSK_DOCUMENTS_EXECUTORS',
    description: 'Who carries out a decision (Điều 3): "<this> chịu trách nhiệm thi hành Quyết định này."',
  },
  'documents.recipients': {
    type: 'string',
    default: 'Như Điều 3;\nThường trực Đảng ủy, HĐND xã;\nChủ tịch, các Phó Chủ tịch UBND xã;\nLưu: VT.',
    env: 'KIOSK_DOCUMENTS_RECIPIENTS',
    description: 'The "Nơi nhận" of a decision, one recipient per line (the last is usually "Lưu: VT.").',
  },
  'documents.signer': {
    type: 'enum',
    values: ['kt', 'tm'],
    default: 'kt',
    env: 'KIOSK_DOCUMENTS_SIGNER',
    description:
      'The signer block of the commune\'s papers: kt: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (a deputy signs for the chair, as most plans are signed); tm: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH". The name under it is the signer the decision records (documents.signerName for a draft).',
  },
  'documents.verifyUrl': {
    type: 'optional-string',
    default: null,
    env: 'KIOSK_DOCUMENTS_VERIFY_URL',
    description:
      'The address printed in the QR code of each certificate (giấy công nhận): this hub as anyone reaches it from a phone, e.g. https://hoctap.tanlap.gov.vn (the verify page is /api/xac-minh under it). Unset: the address the officer used to print. Only http:// or https:// with no path, query or fragment.',
  },
  'documents.signerName': {
    type: 'optional-string',
    default: null,
    env: 'KIOSK_DOCUMENTS_SIGNER_NAME',
    description: 'The name printed under the signer block of a draft (DỰ THẢO); unset leaves it blank.',
  },
  'documents.reportRecipients': {
    type: 'map',
    default: {
      result:
        'UBND tỉnh (qua Sở Giáo dục và Đào tạo);\nThường trực Đảng ủy, HĐND xã;\nChủ tịch, các Phó Chủ tịch UBND xã;\nLưu: VT.',
      emulation: 'Sở Giáo dục và Đào tạo;\nSở Nội vụ;\nThường trực Đảng ủy, HĐND xã;\nLưu: VT.',
    },
    env: 'KIOSK_DOCUMENTS_REPORT_RECIPIENTS',
    description:
      'The "Nơi nhận" of the reports the hub signs, one recipient per line, by kind: result (the CDHT model\'s result report to the level above) and emulation (the movement "Mỗi người dân tự học, học tập suốt đời" to the provincial departments); a kind not listed takes documents.recipients.',
  },
  'person.minAge': {
    type: 'integer',
    min: 0,
    max: 30,
    default: 6,
    env: 'KIOSK_PERSON_MIN_AGE',
    description:
      'Youngest age (in the assessment year, from the birth year) at which anyone can be registered at all; a birth year that makes a person younger is refused (person.birth-year-out-of-range).',
  },
  'person.maxAge': {
    type: 'integer',
    min: 60,
    max: 130,
    default: 120,
    env: 'KIOSK_PERSON_MAX_AGE',
    description:
      'Oldest age (in the assessment year) a birth year may give; an older one is refused as a typing mistake (person.birth-year-out-of-range).',
  },
  'person.guardianUnder': {
    type: 'integer',
    min: 0,
    max: 21,
    default: 16,
    env: 'KIOSK_PERSON_GUARDIAN_UNDER',
    description:
      "Under this age (in the assessment year) a person is a child (Law 91/2025): registered only in assisted mode, with a parent's or guardian's consent recorded (their name and relation), or not at all when person.minors is off.",
  },
  'person.minors': {
    type: 'enum',
    values: ['assisted', 'off'],
    default: 'assisted',
    env: 'KIOSK_PERSON_MINORS',
    description:
      "assisted: a child (under person.guardianUnder) is registered only with a facilitator beside her and a parent's or guardian's consent recorded. off: this center does not register children at all.",
  },
  'evidence.keepMonths': {
    type: 'integer',
    min: 1,
    max: 120,
    default: 12,
    env: 'KIOSK_EVIDENCE_KEEP_MONTHS',
    description:
      "Months an evidence photo is kept after the year's decision: the latest decision of the commune on the photo's title and year known at this box (a recognition in force, or a refusal not taken back), or, when none came, the end of the assessment year. A nightly job (at backup.hour) then deletes it, the file once no kept record names it; audited and counted on the health screen. Scores, appraisals and decisions stay (the five-year streak needs them).",
  },
  'evidence.toCommune': {
    type: 'enum',
    values: ['off', 'on'],
    default: 'off',
    env: 'KIOSK_EVIDENCE_TO_COMMUNE',
    description:
      "off: a villager's (CDHT) evidence photos stay at the center, where she is appraised; only the photos of a household's, clan's, village's or unit's self-assessment go up. on: the commune has asked for the CDHT photos too. Set at the commune hub, it goes down the feed to every center, which goes by it from then on; a center's own value (set at the commune's request) counts only until its commune has said. Decided when a photo is taken: a change does not move photos already kept or queued.",
  },
  'evidence.maxPhotoBytes': {
    type: 'integer',
    min: 10_000,
    max: 20_000_000,
    default: 2_000_000,
    env: 'KIOSK_MAX_PHOTO_BYTES',
    description: 'Largest evidence photo the box accepts; the tablet resizes photos well below this.',
  },
  'resources.maxFileBytes': {
    type: 'integer',
    min: 1_000_000,
    max: 4_000_000_000,
    default: 500_000_000,
    env: 'KIOSK_MAX_RESOURCE_FILE_BYTES',
    description: 'Largest video or document a facilitator may store on the box for the catalog.',
  },
  'evidence.photoLongSide': {
    type: 'integer',
    min: 320,
    max: 4096,
    default: 1280,
    env: 'KIOSK_PHOTO_LONG_SIDE',
    description: 'Long side in pixels the tablet resizes evidence photos to before sending (JPEG).',
  },
  'session.idleSeconds': {
    type: 'integer',
    min: 5,
    max: 3600,
    default: 180,
    env: 'KIOSK_SESSION_IDLE_SECONDS',
    description:
      'Seconds without a touch before a tablet asks "Bạn còn ở đây không?"; the session then ends after session.warningSeconds more.',
  },
  'session.warningSeconds': {
    type: 'integer',
    min: 3,
    max: 300,
    default: 30,
    env: 'KIOSK_SESSION_WARNING_SECONDS',
    description: 'Countdown shown by the idle prompt before the session ends and the tablet is cleared.',
  },
  'auth.sessionHours': {
    type: 'integer',
    min: 1,
    max: 24,
    default: 8,
    env: 'KIOSK_STAFF_SESSION_HOURS',
    description: 'Hours a staff sign-in lasts before the PIN is asked again.',
  },
  'villager.tokenMinutes': {
    type: 'integer',
    min: 5,
    max: 1440,
    default: 180,
    env: 'KIOSK_VILLAGER_TOKEN_MINUTES',
    description:
      "Minutes a villager's tablet session token may read her records after her code and birth year (or her registration) bound it.",
  },
  'villager.deliveryDays': {
    type: 'integer',
    min: 1,
    max: 365,
    default: 30,
    env: 'KIOSK_VILLAGER_DELIVERY_DAYS',
    description:
      "Days a villager's token still carries the changes her tablet queued (the box may have been off); reads stop after villager.tokenMinutes.",
  },
  'auth.lockoutSeconds': {
    type: 'integer',
    min: 1,
    max: 3600,
    default: 30,
    env: 'KIOSK_LOCKOUT_SECONDS',
    description: 'Lockout after 5 wrong PINs; it doubles with each further wrong PIN, up to an hour.',
  },
  'sync.clockSkewSeconds': {
    type: 'integer',
    min: 10,
    max: 86400,
    default: 300,
    env: 'KIOSK_SYNC_CLOCK_SKEW_SECONDS',
    description: 'A hub refuses a signed sync request whose timestamp is further than this from its own clock.',
  },
  'sync.batchBytes': {
    type: 'integer',
    min: 1024,
    max: 8_000_000,
    default: 1_048_576,
    env: 'KIOSK_SYNC_BATCH_BYTES',
    description:
      'Upper bound of one push batch before compression (gzip makes 1 MB of records about 60 KB on the wire): small enough for a weak mobile link. A hub refuses (413) a push that inflates past 3 × its own value + 1 MiB, so set it on a hub no lower than on the centers below it.',
  },
  'sync.intervalSeconds': {
    type: 'integer',
    min: 5,
    max: 86400,
    default: 300,
    env: 'KIOSK_SYNC_INTERVAL_SECONDS',
    description: 'How often an enrolled center pushes to its hub (it also pushes on "Đồng bộ ngay").',
  },
  'sync.retryMs': {
    type: 'integer',
    min: 1,
    max: 60_000,
    default: 1000,
    env: 'KIOSK_SYNC_RETRY_MS',
    description:
      'Pause before a sync request that got no answer is tried again (doubling, 3 times) before the run stops and waits for the next.',
  },
  'sync.allowInsecureHttp': {
    type: 'enum',
    values: ['off', 'on'],
    default: 'off',
    env: 'KIOSK_SYNC_ALLOW_INSECURE_HTTP',
    description:
      'off: a center reaches a hub that is not on this machine only over HTTPS, and enrolment or sync to a plain http:// address elsewhere is refused (sync.insecure-hub), because names, phone numbers, notes and photos would cross the internet unencrypted and could be read or changed on the way. on: allows it, e.g. over a private link that is already encrypted.',
  },
  'hub.enrolmentHours': {
    type: 'integer',
    min: 1,
    max: 720,
    default: 72,
    env: 'KIOSK_HUB_ENROLMENT_HOURS',
    description: 'How long a one-time enrolment code for a center stays valid.',
  },
  'hub.level': {
    type: 'enum',
    values: ['commune', 'province'],
    default: 'commune',
    env: 'KIOSK_HUB_LEVEL',
    description:
      'For a hub: whether it serves a commune (centers below it) or a province (communes below it); names it to the nodes below.',
  },
  'hub.certificate': {
    type: 'enum',
    values: ['own', 'public'],
    default: 'own',
    env: 'KIOSK_HUB_CERTIFICATE',
    description:
      "For a hub: own: it serves HTTPS with its own certificate authority (tls.mode=on), and each enrolment code carries that CA's fingerprint, which the center pins. public: it is reached through a publicly trusted certificate (e.g. behind a reverse proxy), the codes carry no fingerprint and centers check the certificate against their system's roots.",
  },
  'relay.send': {
    type: 'enum',
    values: ['aggregates,recognized-list', 'aggregates', 'none'],
    default: 'aggregates,recognized-list',
    env: 'KIOSK_RELAY_SEND',
    description:
      'What a commune hub relays to its province: counts per village, group and year ("aggregates"), and the names and villages of the people it recognized ("recognized-list"). Person-level records never go above the commune.',
  },
  'calendar.centerDeadline': {
    type: 'string',
    default: '11-30',
    env: 'KIOSK_CENTER_DEADLINE',
    description:
      'Month and day (MM-DD) of the assessment year by which villages and centers report to the commune (closed proposal lists); a commune hub counts days left and on-time reports against it.',
  },
  'calendar.communeDeadline': {
    type: 'string',
    default: '12-10',
    env: 'KIOSK_COMMUNE_DEADLINE',
    description:
      "Month and day (MM-DD) by which communes report to the province (relayed aggregates); set it from the province's plan, before the province reports to the centre (15 December).",
  },
  'calendar.communeReportDeadline': {
    type: 'string',
    default: '11-15',
    env: 'KIOSK_COMMUNE_REPORT_DEADLINE',
    description:
      "Month and day (MM-DD) by which a commune hub files its result report of the CDHT model to the level above (15 November in the plans); shown on the dashboard's deadline line.",
  },
  'calendar.provinceReportDeadline': {
    type: 'string',
    default: '11-20',
    env: 'KIOSK_PROVINCE_REPORT_DEADLINE',
    description:
      "Month and day (MM-DD) by which a province hub files its result report of the CDHT model (20 November in the plans); shown on the dashboard's deadline line.",
  },
  'calendar.emulationReportDeadline': {
    type: 'string',
    default: '12-01',
    env: 'KIOSK_EMULATION_REPORT_DEADLINE',
    description:
      'Month and day (MM-DD) by which the emulation movement\'s report ("Mỗi người dân tự học, học tập suốt đời") goes to the provincial departments of education and home affairs (1 December in the plans).',
  },
  'digital.bank': {
    type: 'string',
    default: 'digital-2025@2025.1',
    env: 'KIOSK_DIGITAL_BANK',
    description:
      'Digital-skills question bank (id@version, from kiosk-config/digital/) for the self-check villagers take at the kiosk.',
  },
  'digital.draftDays': {
    type: 'integer',
    min: 1,
    max: 365,
    default: 30,
    env: 'KIOSK_DIGITAL_DRAFT_DAYS',
    description:
      'Days a paused digital-skills self-check is kept at the box (resumed with code and birth year, never kept on the tablet) before it is deleted.',
  },
  'digital.minScore': {
    type: 'integer',
    min: 1,
    max: 10,
    default: 7,
    env: 'KIOSK_DIGITAL_MIN_SCORE',
    description:
      'Until the digital-skills self-check exists: a recognized Learning Citizen "has digital skills" when the appraised score of CS05 (uses information technology) is at least this, and is "proficient" when also having completed the self-assessment at the kiosk unassisted.',
  },
  'demo.sampleCatalogue': {
    type: 'enum',
    values: ['on', 'off'],
    default: 'on',
    env: 'KIOSK_SAMPLE_CATALOGUE',
    description:
      'on: a demonstration center (center.demo in its center file) ships a small sample catalogue, each item titled "Mẫu: …" (two classes meeting in the coming days, a printed booklet, a video, a document), its dates kept within the week. A real center, or off, has none (samples left from a demonstration are retired at start).',
  },
  'audio.renderOnStart': {
    type: 'enum',
    values: ['on', 'off'],
    default: 'on',
    env: 'KIOSK_AUDIO_RENDER_ON_START',
    description:
      'on: a center box renders (or refreshes) its synthesized Vietnamese read-aloud pack with espeak-ng in the background after it starts, when espeak-ng is installed and the texts changed; tablets without a Vietnamese voice play it. off: only `npm run audio -- render` makes it.',
  },
  'audio.rate': {
    type: 'integer',
    min: 80,
    max: 260,
    default: 130,
    env: 'KIOSK_AUDIO_RATE',
    description:
      "Speaking speed of the box's synthesized Vietnamese clips, in words per minute (espeak-ng's own default is 175; slower is easier for elderly listeners). A change re-renders the pack.",
  },
  'web.dir': {
    type: 'string',
    default: './dist/web',
    env: 'KIOSK_WEB_DIR',
    description: 'Folder of the built PWA (npm run build), relative to the working directory.',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof options;

type ValueOf<S> = S extends { type: 'map' }
  ? Readonly<Record<string, string>>
  : S extends { type: 'optional-string' }
    ? string | null
    : S extends { type: 'optional-integer' }
      ? number | null
      : S extends { type: 'integer' }
        ? number
        : S extends { type: 'enum'; values: readonly (infer V)[] }
          ? V
          : string;

/** The resolved settings: every option with its final value. */
export type Settings = { readonly [K in OptionKey]: ValueOf<(typeof options)[K]> };
