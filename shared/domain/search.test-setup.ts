import { buildIndex, search, type SearchDoc } from './search.ts';

/** Resources to search in, built from a title and a topic. */
export const doc = (id: string, title: string, topic = '', description = ''): SearchDoc => ({
  id,
  fields: [
    { text: title, weight: 3 },
    { text: topic, weight: 2 },
    { text: description, weight: 1 },
  ],
});
export const ids = (docs: SearchDoc[], query: string, limit?: number) =>
  search(buildIndex(docs), query, limit).map((r) => r.id);

export const catalog = [
  doc('phone', 'Sử dụng điện thoại thông minh', 'Kỹ năng số', 'Gọi điện, nhắn tin và chụp ảnh.'),
  doc('computer', 'Học máy tính cơ bản', 'Tin học', 'Bật máy, dùng chuột và bàn phím.'),
  doc('rice', 'Trồng lúa nước', 'Nông nghiệp', 'Chọn giống, bón phân, phòng sâu bệnh.'),
  doc('english', 'Hoc tieng Anh giao tiep', 'Ngoại ngữ', 'Chào hỏi, hỏi đường, mua bán.'),
];
