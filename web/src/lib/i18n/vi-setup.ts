/** Vietnamese text of the setup screen (issue 24): what the box is, its place, villages, criteria and targets. */
export const viSetup = {
  menu: 'Cài đặt máy',
  heading: 'Cài đặt máy',
  lead: 'Máy chưa được cài đặt. Xin cho biết máy này là của đâu; có thể sửa lại sau.',
  leadEdit: 'Thông tin của máy. Mỗi lần sửa đều được ghi vào nhật ký.',
  kind: 'Máy này là',
  kinds: {
    center: 'Trung tâm học tập cộng đồng',
    'commune-hub': 'Máy của xã (nhận dữ liệu từ các trung tâm)',
    'province-hub': 'Máy của tỉnh (nhận dữ liệu từ các xã)',
  },
  kindLocked: 'Loại máy đã chọn khi cài đặt lần đầu, không đổi được.',
  province: 'Tỉnh, thành phố',
  chooseProvince: '— Chọn tỉnh, thành phố —',
  communeSearch: 'Tìm xã, phường (gõ có dấu hay không dấu đều được)',
  commune: 'Xã, phường',
  noCommune: 'Không thấy xã, phường nào khớp.',
  chosen: 'Đã chọn: {name} (mã {code})',
  name: 'Tên trung tâm',
  namePlaceholder: 'Trung tâm học tập cộng đồng xã …',
  villages: 'Thôn, ấp, bản, tổ dân phố của trung tâm',
  villageKind: 'Loại',
  villageName: 'Tên',
  villageNameHint: 'Chỉ cần gõ tên, máy tự thêm chữ "Thôn", "Ấp"… ở đầu.',
  addVillage: 'Thêm thôn, tổ dân phố',
  removeVillage: 'Bỏ {name}',
  criteria: 'Bộ tiêu chí Công dân học tập theo năm',
  criteriaYear: 'Năm {year}',
  targets: 'Chỉ tiêu riêng của xã (để trống nếu theo chỉ tiêu quốc gia)',
  targetsProvince: 'Chỉ tiêu riêng của tỉnh (để trống nếu theo chỉ tiêu quốc gia)',
  measures: { cdht: 'Tỉ lệ Công dân học tập', digital: 'Có kỹ năng số', proficient: 'Thành thạo kỹ năng số' } as Record<
    string,
    string
  >,
  year: 'Năm',
  national: 'Quốc gia',
  own: 'Của xã (%)',
  ownProvince: 'Của tỉnh (%)',
  /** The rule the dashboard counts by (shared/domain/targets.ts): said once above the tables, and on each year it changes. */
  applied: 'Chỉ tiêu áp dụng',
  higherApplies:
    'Mỗi năm áp dụng chỉ tiêu cao hơn trong hai chỉ tiêu: chỉ tiêu quốc gia và chỉ tiêu riêng của {unit}. Chỉ tiêu riêng thấp hơn chỉ tiêu quốc gia thì không áp dụng.',
  belowNational: 'Thấp hơn chỉ tiêu quốc gia nên không áp dụng: áp dụng {share} của quốc gia.',
  overridden: 'Mục này do tệp cấu hình của máy quyết định (tệp được dùng thay cho màn hình này).',
  save: 'Lưu cài đặt',
  saved: 'Đã lưu cài đặt.',
  /** The staff roles as a hub names them: its officers and the Hội Khuyến học, not a center's. */
  hubRoles: {
    commune: { admin: 'Cán bộ xã (quản trị)', facilitator: 'Cán bộ xã', appraiser: 'Hội Khuyến học xã' },
    province: { admin: 'Cán bộ tỉnh (quản trị)', facilitator: 'Cán bộ tỉnh', appraiser: 'Hội Khuyến học tỉnh' },
  },
};
