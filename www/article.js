// Shows any item of the bundled dataset by ?id=, with its own widgets: where the
// demo's links lead.
import init, { articles, recordView, renderMostRead, renderRelated } from './pkg/tinbai.js';

await init();
const id = new URLSearchParams(location.search).get('id');
const item = articles().find((a) => a.id === id);
const story = document.getElementById('story');
const title = document.getElementById('title');
const para = (text, className) => {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  story.append(p);
};

if (!item) {
  title.textContent = 'Không tìm thấy bài viết';
  para(`Không có bài nào mang mã “${id ?? ''}”.`);
  document.getElementById('page').hidden = false;
} else {
  title.textContent = item.title;
  document.title = `${item.title} · tinbai demo`;
  if (item.source) para(`Nguồn: ${item.source}`, 'byline');
  if (item.summary) para(item.summary, 'lede');
  for (const p of item.body ?? []) para(p);
  for (const c of item.captions ?? []) para(c, 'byline');
  if (!item.body?.length) {
    const where = (item.seen_in ?? []).map((s) => `“${s.section}” (${s.source}, #${s.position})`).join(', ');
    para(`Bộ dữ liệu mẫu chỉ có tiêu đề của bài này, thấy trong: ${where}.`, 'byline');
  }
  document.getElementById('page').hidden = false;
  recordView(item.id);
  const links = { linkTemplate: 'article.html?id={id}' };
  renderRelated(document.getElementById('related'), { ...links, article: item.id });
  renderMostRead(document.getElementById('most-read'), { ...links, exclude: [item.id] });
}
