// The ES module API, as a JavaScript developer uses it.
import init, { loadDataset, related, renderMostRead, renderPartnership, renderRelated, recordView } from './pkg/tinbai.js';

// A site's own articles: the same schema as `tinbai --dataset` (docs/datasets.md).
const dataset = {
  articles: [
    { id: 'da-nang-nantes-ky-ket', title: 'Đà Nẵng và Nantes ký biên bản ghi nhớ hợp tác quy hoạch đô thị',
      url: 'https://example.vn/tin/da-nang-nantes-ky-ket', published: '2025-09-15T15:00:00+07:00',
      summary: 'Hai thành phố ký kết hợp tác giai đoạn 2025 - 2030 về quy hoạch đô thị, giao thông công cộng và xử lý nước thải.',
      body: 'Chiều 15/9, tại Đà Nẵng, lãnh đạo thành phố đã tiếp đoàn công tác thành phố Nantes (Cộng hòa Pháp). Hai bên ký biên bản ghi nhớ hợp tác giai đoạn 2025 - 2030.\n\nNantes sẽ hỗ trợ Đà Nẵng quy hoạch không gian xanh ven sông Hàn và đào tạo cán bộ quản lý đô thị.',
      tags: ['Đà Nẵng', 'Pháp', 'quy hoạch'], views: 1280 },
    { id: 'nantes-xe-dien', title: 'Nantes chia sẻ kinh nghiệm vận hành xe điện với Đà Nẵng', kind: 'video',
      url: 'https://example.vn/video/nantes-xe-dien', published: '2025-09-20', tags: ['Đà Nẵng', 'Pháp'], views: 640 },
    { id: 'song-han-xanh', title: 'Quy hoạch không gian xanh ven sông Hàn: bài học từ các thành phố Pháp', kind: 'infographic',
      url: 'https://example.vn/infographic/song-han-xanh', published: '2025-10-02', tags: ['Đà Nẵng', 'quy hoạch'], views: 2210 },
    { id: 'hue-poitiers-festival', title: 'Huế và Grand Poitiers hợp tác tổ chức Festival nghệ thuật',
      url: 'https://example.vn/tin/hue-poitiers-festival', published: '2025-06-01',
      summary: 'Thừa Thiên Huế và Grand Poitiers (Pháp) thống nhất chương trình giao lưu văn hóa, di sản trong Festival Huế.', views: 415 },
    { id: 'gia-lua-mekong', title: 'Giá lúa gạo vùng Đồng bằng sông Cửu Long tăng nhẹ sau nhiều tuần đi ngang',
      url: 'https://example.vn/tin/gia-lua-mekong', published: '2025-10-10', views: 3900 },
    { id: 'olympic-toan', title: 'Đội tuyển học sinh giành bốn huy chương vàng tại kỳ thi Olympic Toán học quốc tế năm nay',
      url: 'https://example.vn/tin/olympic-toan', published: '2025-07-20', views: 5120 },
    { id: 'ca-phe-tay-nguyen', title: 'Giá cà phê Tây Nguyên lập đỉnh mới, nông dân phấn khởi bước vào vụ thu hoạch',
      url: 'https://example.vn/tin/ca-phe-tay-nguyen', published: '2025-10-05', views: 2760 },
    { id: 'bong-da-nu', title: 'Tuyển bóng đá nữ vào chung kết SEA Games sau loạt sút luân lưu nghẹt thở trước Thái Lan',
      url: 'https://example.vn/tin/bong-da-nu', published: '2025-12-15', views: 3340 }
  ],
  partnerships: [
    { id: 'da-nang-nantes', partners: ['Đà Nẵng', 'Nantes'], facts: [
      { key: 'since', label: 'Năm ký kết', value: 2025,
        sources: [{ item: 'da-nang-nantes-ky-ket', quote: 'Hai bên ký biên bản ghi nhớ hợp tác giai đoạn 2025 - 2030.' }] },
      { key: 'fields', label: 'Lĩnh vực hợp tác', value: ['quy hoạch đô thị', 'giao thông công cộng', 'xử lý nước thải'],
        sources: [{ item: 'da-nang-nantes-ky-ket', quote: 'quy hoạch đô thị, giao thông công cộng và xử lý nước thải' }] }
    ] }
  ]
};

await init();
const report = loadDataset(dataset);
document.getElementById('report').textContent =
  `Loaded ${report.articles} articles and ${report.partnerships} partnership; ${report.skipped.length} skipped, ${report.warnings.length} warnings.`;

// This page is about the first article: count a view and leave it out of the lists.
recordView('da-nang-nantes-ky-ket');
const common = { linkTemplate: '/tin/{id}' };
const widgets = [
  renderRelated(document.getElementById('related'), { ...common, article: 'da-nang-nantes-ky-ket', limit: 3 }),
  renderMostRead(document.getElementById('most-read'), { ...common, window: 'all', exclude: ['da-nang-nantes-ky-ket'], limit: 4 }),
  renderPartnership(document.getElementById('partnership'), { ...common, partnership: 'da-nang-nantes' })
];

// Plain objects and arrays, ready for a host's own rendering.
document.getElementById('output').textContent = JSON.stringify(related({ article: 'da-nang-nantes-ky-ket', limit: 3 }), null, 2);

document.getElementById('controls').addEventListener('change', (e) => {
  const { name, value } = e.target;
  for (const w of widgets) w.update({ [name]: value });
  if (name === 'theme') document.documentElement.dataset.theme = value === 'auto' ? '' : value;
});

// The widgets report which item a reader chose, for the host's own analytics.
document.addEventListener('tinbai:click', (e) => console.info('tinbai:click', e.detail));
