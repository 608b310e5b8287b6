// A tiny app as a JavaScript developer writes it: the npm package by name, its
// stylesheet, typed options and results.
import init, { renderRelated, renderMostRead, renderPartnership, related, loadDataset, type LoadReport, type RelatedItem, type RenderDetail } from 'tinbai';
import 'tinbai/tinbai.css';

await init();
const el = (id: string): Element => document.getElementById(id)!;
const hits: RelatedItem[] = related({ text: 'Lào Cai hợp tác Nouvelle-Aquitaine', limit: 3 });
renderRelated(el('related'), { text: 'Lào Cai hợp tác Nouvelle-Aquitaine', limit: 3, headingLevel: 2 });
renderMostRead(el('most-read'), { limit: 4, layout: 'compact' });
renderPartnership(el('partnership'), { partnership: 'lao-cai-nouvelle-aquitaine' });
document.addEventListener('tinbai:render', (e) => {
  const d: RenderDetail = e.detail;
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + d.count);
});
document.body.dataset.first = hits[0]?.id ?? '';
// For the test: a feed read through the bundle, whose feed reader is a chunk of its own.
(window as unknown as { loadDataset: typeof loadDataset }).loadDataset = loadDataset;

// Never called: the type checker must refuse these calls.
export function typeErrors(): void {
  // @ts-expect-error limit is a number
  renderRelated(el('related'), { limit: '3' });
  // @ts-expect-error headingLevel is 1 to 6
  renderMostRead(el('most-read'), { headingLevel: 9 });
  // @ts-expect-error no such layout
  renderPartnership(el('partnership'), { layout: 'carousel' });
  // @ts-expect-error a related item has a numeric score
  const s: string = hits[0].score;
  void s;
  // An object loads at once; text (JSON, RSS or Atom) resolves to the report.
  const now: LoadReport = loadDataset({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 1, title: 'x', content_html: '<p>y</p>' }] });
  const later: Promise<LoadReport> = loadDataset('<rss version="2.0"><channel></channel></rss>', { lenient: true });
  // @ts-expect-error text gives a promise, not the report
  const wrong: LoadReport = loadDataset('{"articles": []}');
  void now;
  void later;
  void wrong;
}
