/*! tinbai loader: Vietnamese news widgets from one script tag.
 *
 *   <script src="https://cdn.example/tinbai/tinbai.js" defer
 *           data-link-template="/tin/{id}" data-lang="vi"></script>
 *   <div data-tinbai="related" data-article="auto"></div>
 *   <div data-tinbai="most-read" data-window="7d"></div>
 *   <div data-tinbai="partnership"></div>
 *
 * A classic script: no bundler, no type=module. It loads the wasm from next to
 * itself, so the folder can be copied to any path or CDN. It needs no eval and no
 * inline styles: a CSP of `script-src 'self' 'wasm-unsafe-eval'` is enough.
 */
(function () {
  'use strict';
  // Included twice: the first copy already mounts everything.
  if (window.tinbai && window.tinbai.loader) return;

  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href);
  var defaults = script ? script.dataset : {};
  var handles = new Map();
  var renderers = { related: 'renderRelated', 'most-read': 'renderMostRead', partnership: 'renderPartnership' };
  // data-* attribute → option, and how to read its value.
  var fields = {
    article: 'article', text: 'text', limit: 'limit:number', exclude: 'exclude:list', window: 'window',
    partnership: 'partnership', lang: 'lang', heading: 'heading', linkTemplate: 'linkTemplate', target: 'target',
    layout: 'layout', theme: 'theme', minScore: 'minScore:number'
  };
  // Script-tag attributes that apply to every widget unless it sets its own.
  var shared = ['lang', 'linkTemplate', 'target', 'layout', 'theme'];

  // The stylesheet goes first in <head>, so the host's own CSS wins any tie. A host
  // that links it in <head> itself (best: the space is reserved from the first
  // paint) keeps its own link.
  if (defaults.css !== 'none' && !document.querySelector('link[data-tinbai-css], link[rel~="stylesheet"][href$="tinbai.css"]')) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = defaults.css || new URL('tinbai.css', base).href;
    link.setAttribute('data-tinbai-css', '');
    document.head.insertBefore(link, document.head.firstChild);
  }

  function read(value, kind) {
    if (kind === 'number') {
      var n = Number(value);
      return value.trim() !== '' && isFinite(n) ? n : value; // the wasm names a bad value
    }
    if (kind === 'list') return value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    return value;
  }

  /** The host page's own topic: its headline, description and article text. */
  function pageText() {
    var parts = [];
    var h1 = document.querySelector('h1');
    if (h1) parts.push(h1.textContent);
    var meta = document.querySelector('meta[name="description"], meta[property="og:description"]');
    if (meta) parts.push(meta.getAttribute('content') || '');
    var article = document.querySelector('article') || document.querySelector('main');
    if (article) parts.push(article.textContent);
    return parts.join('\n').replace(/\s+/g, ' ').trim().slice(0, 4000);
  }

  function options(el) {
    var o = {};
    var data = el.dataset;
    shared.forEach(function (k) { if (defaults[k] != null) o[k] = defaults[k]; });
    Object.keys(fields).forEach(function (attr) {
      if (data[attr] == null) return;
      var spec = fields[attr].split(':');
      o[spec[0]] = read(data[attr], spec[1]);
    });
    if (data.tinbai === 'related' && (o.article === 'auto' || (o.article == null && o.text == null))) {
      delete o.article;
      o.text = pageText();
    }
    // The page's own article never recommends itself.
    if (defaults.recordView && data.tinbai !== 'partnership') {
      o.exclude = (o.exclude || []).concat(defaults.recordView);
    }
    return o;
  }

  function fail(el, error) {
    el.setAttribute('data-tinbai-state', 'error');
    el.setAttribute('data-tinbai-error', error && error.message ? error.message : String(error));
    if (window.console) console.error('tinbai:', error && error.message ? error.message : error, el);
  }

  function mount(mod, el) {
    if (handles.has(el) || el.getAttribute('data-tinbai-state') === 'ready') return;
    var name = renderers[el.dataset.tinbai];
    if (!name) return fail(el, new Error('data-tinbai must be related, most-read or partnership, not "' + el.dataset.tinbai + '"'));
    try {
      handles.set(el, mod[name](el, options(el)));
      // A widget waiting for its index shard says itself when it is ready.
      if (el.getAttribute('data-tinbai-state') !== 'loading') {
        el.dispatchEvent(new CustomEvent('tinbai:ready', { bubbles: true, detail: { widget: el.dataset.tinbai } }));
      }
    } catch (e) {
      fail(el, e);
    }
  }

  function mountAll(mod, root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute('data-tinbai')) mount(mod, root);
    root.querySelectorAll('[data-tinbai]').forEach(function (el) { mount(mod, el); });
  }

  function watch(mod) {
    var attrs = Object.keys(fields).map(function (k) { return 'data-' + k.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }); });
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'attributes') {
          var h = handles.get(r.target);
          if (h) try { h.update(options(r.target)); } catch (e) { fail(r.target, e); }
          return;
        }
        r.addedNodes.forEach(function (n) { mountAll(mod, n); });
      });
      // Widgets whose element left the page release their listener.
      handles.forEach(function (h, el) {
        if (!el.isConnected) { h.destroy(); handles.delete(el); }
      });
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: attrs });
  }

  function start() {
    var ready = import(new URL('pkg/tinbai.js', base).href).then(function (mod) {
      return mod.default({ module_or_path: new URL('pkg/tinbai_bg.wasm', base) }).then(function () { return mod; });
    }).then(function (mod) {
      // data-index: a built index (tinbai build); shards load as widgets need them.
      if (!defaults.index) return mod;
      return mod.loadIndex(new URL(defaults.index, location.href).href).then(function () { return mod; });
    }).then(function (mod) {
      if (!defaults.dataset) return mod;
      return fetch(new URL(defaults.dataset, location.href)).then(function (r) {
        if (!r.ok) throw new Error('data-dataset: ' + r.status + ' ' + r.statusText);
        return r.json();
      }).then(function (json) {
        var report = mod.loadDataset(json, { lenient: defaults.lenient != null });
        report.skipped.concat(report.warnings).forEach(function (m) { console.warn('tinbai:', m); });
        return mod;
      });
    }).then(function (mod) {
      if (defaults.recordView) {
        try { mod.recordView(defaults.recordView); } catch (e) { console.error('tinbai:', e.message); }
      }
      mountAll(mod, document.documentElement);
      watch(mod);
      return mod;
    });
    ready.catch(function (e) {
      document.querySelectorAll('[data-tinbai]').forEach(function (el) { fail(el, e); });
    });
    return ready;
  }

  window.tinbai = {
    loader: true,
    /** Resolves to the ES module (renderRelated, related, recordView, …) once ready. */
    ready: document.readyState === 'loading'
      ? new Promise(function (resolve) { document.addEventListener('DOMContentLoaded', function () { resolve(start()); }); })
      : start()
  };
})();
