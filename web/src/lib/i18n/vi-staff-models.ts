/**
 * Vietnamese text of the hub's screens about the four other titles (learning family, clan,
 * community, unit): the dashboard's section and the households entered per village. Kept beside
 * vi-staff.ts (same shape of templates, filled with `fill`) while the registry's screens change it.
 */
export const viStaffModels = {
  figures: {
    populationHeading: 'Số người lớn (từ 15 tuổi) và số hộ gia đình theo thôn',
    householdsLead:
      'Số hộ gia đình: tất cả các hộ của thôn trong năm, kể cả hộ chưa đăng ký gia đình học tập (mẫu số của tỷ lệ gia đình học tập).',
    village: 'Thôn',
    adults: 'Số người lớn (từ 15 tuổi)',
    households: 'Số hộ gia đình',
    householdsOf: 'Số hộ gia đình của {name}',
    householdsEnteredBy: 'Số hộ: nhập bởi {name}',
    totalsHeading: 'Tổng số dòng họ và cơ quan, đơn vị trong xã',
    totalsLead:
      'Tất cả dòng họ và tất cả cơ quan, trường học, doanh nghiệp, tổ chức trong xã năm này, kể cả chưa đăng ký trên máy (mẫu số của tỷ lệ dòng họ học tập và đơn vị học tập theo Quyết định 387/QĐ-TTg).',
    clansTotal: 'Tổng số dòng họ',
    unitsTotal: 'Tổng số cơ quan, trường học, doanh nghiệp, tổ chức',
    totalEnteredBy: 'Nhập bởi {name}',
  },
  dashboard: {
    heading: 'Gia đình, dòng họ, cộng đồng và đơn vị học tập',
    loading: 'Đang tính số liệu các mô hình học tập…',
    models: {
      families: 'Gia đình học tập',
      clans: 'Dòng họ học tập',
      communities: 'Cộng đồng học tập (thôn)',
      units: 'Đơn vị học tập',
    },
    counts: { registered: 'Đăng ký', assessed: 'Tự đánh giá', recognized: 'Được công nhận' },
    measures: {
      families: 'Tỷ lệ gia đình được công nhận gia đình học tập',
      clans: 'Tỷ lệ dòng họ được công nhận dòng họ học tập',
      communities: 'Tỷ lệ thôn được công nhận cộng đồng học tập',
      units: 'Tỷ lệ đơn vị được công nhận đơn vị học tập',
      workers: 'Tỷ lệ người lao động trong gia đình, dòng họ, cộng đồng học tập là Công dân học tập',
      unitStaff: 'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là Công dân học tập',
    },
    /** Column headers of the rates by village. */
    short: {
      families: 'Gia đình học tập',
      clans: 'Dòng họ học tập',
      communities: 'Cộng đồng học tập',
      units: 'Đơn vị học tập',
      workers: 'Người lao động là CDHT',
      unitStaff: 'Cán bộ đơn vị là CDHT',
    },
    fraction: '{n} trên {d}',
    countsHeading: 'Số mô hình theo {unit}',
    ratesHeading: 'Tỷ lệ các mô hình theo {unit}',
    households: 'Số hộ gia đình',
    adults: 'Số người lớn (từ 15 tuổi)',
    trendHeading: 'Qua các năm',
    trendLead:
      'Mỗi năm được tính như khi xem riêng năm đó: số liệu đã nhập của năm, các danh hiệu công nhận cho năm đó hoặc còn hiệu lực đến hết năm, và chỉ tiêu của năm. Dưới mỗi tỷ lệ là số được công nhận trên tổng số.',
    chartFamilies: 'Tỷ lệ gia đình học tập qua các năm',
    chartFamiliesDesc:
      'Mỗi cột là tỷ lệ hộ gia đình được công nhận gia đình học tập trong một năm; vạch đứt là chỉ tiêu của năm đó.',
    expiringHeading: 'Hết hiệu lực trong năm {year}',
    expiringLead: 'Các danh hiệu dưới đây hết thời hạn công nhận trong năm: cần đánh giá và công nhận lại.',
    noneExpiring: 'Không có danh hiệu nào hết hiệu lực trong năm {year}.',
    standing: 'Đang có hiệu lực trong năm {year}: {n} danh hiệu.',
    expiringCounts: 'Số danh hiệu hết hiệu lực trong năm {year}, theo các xã đã gửi số liệu',
    columns: {
      title: 'Danh hiệu',
      subject: 'Tên (chủ hộ, dòng họ, thôn, đơn vị)',
      village: 'Thôn',
      decision: 'Quyết định',
      validThrough: 'Hiệu lực đến hết ngày',
      status: 'Tình trạng',
      count: 'Số danh hiệu',
    },
    titles: { gdht: 'Gia đình học tập', dhht: 'Dòng họ học tập', cddht: 'Cộng đồng học tập', dvht: 'Đơn vị học tập' },
    decision: 'Số {number}, ngày {date}',
    expired: 'Đã hết hiệu lực',
    toRenew: 'Cần công nhận lại',
    unknownSubject: 'Chưa rõ',
    notes: {
      'community-adults-unknown':
        '{name} được công nhận cộng đồng học tập nhưng chưa nhập số người lớn (từ 15 tuổi): tỷ lệ người lao động của thôn tính theo các hộ đã đăng ký.',
      'unit-staff-unknown':
        'Đơn vị {name} chưa có số người lao động năm {year}: chưa tính vào tỷ lệ cán bộ đơn vị là Công dân học tập.',
    },
  },
} as const;
