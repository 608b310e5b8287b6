/*! tinbai loader: Vietnamese news widgets from one script tag.
 *
 *   <script src="https://cdn.example/tinbai/tinbai.js" defer
 *           data-link-template="/tin/{id}" data-lang="vi"></script>
 *   <div data-tinbai="related" data-article="auto"></div>
 *   <div data-tinbai="most-read" data-window="7d"></div>
 *   <div data-tinbai="partnership" data-loading="lazy"></div>
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
    partnership: 'partnership', lang: 'lang', heading: 'heading', headingLevel: 'headingLevel:number',
    linkTemplate: 'linkTemplate', target: 'target',
    layout: 'layout', theme: 'theme', minScore: 'minScore:number', dedupe: 'dedupe:switch'
  };
  // Script-tag attributes that apply to every widget unless it sets its own.
  var shared = ['lang', 'headingLevel', 'linkTemplate', 'target', 'layout', 'theme', 'dedupe'];

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
    if (kind === 'switch') {
      var v = value.trim();
      return v === 'off' || v === 'false' ? false : v === 'on' || v === 'true' || v === '' ? true : value;
    }
    return value;
  }

  function options(el) {
    var o = {};
    var data = el.dataset;
    Object.keys(fields).forEach(function (attr) {
      var value = data[attr] != null ? data[attr] : shared.indexOf(attr) >= 0 ? defaults[attr] : null;
      if (value == null) return;
      var spec = fields[attr].split(':');
      o[spec[0]] = read(value, spec[1]);
    });
    // The page's own article: the wasm finds it in a built index by the page's
    // canonical URL, path or <h1>, else relates to the page's text.
    if (data.tinbai === 'related' && o.article == null && o.text == null) o.article = 'auto';
    // data-isolate (here or on the script tag): a shadow root with the sheet linked inside.
    if (data.isolate != null || defaults.isolate != null) {
      o.isolate = true;
      o.stylesheet = defaults.css && defaults.css !== 'none' ? new URL(defaults.css, location.href).href : new URL('tinbai.css', base).href;
    }
    // The page's own article never recommends itself.
    if (defaults.recordView && data.tinbai !== 'partnership') {
      o.exclude = (o.exclude || []).concat(defaults.recordView);
    }
    // A card lists no articles to share out.
    if (data.tinbai === 'partnership') delete o.dedupe;
    return o;
  }

  // A widget that fails collapses (tinbai.css) and says why: data-tinbai-error, a
  // tinbai:error event (the wasm sends its own for a shard that fails later), and
  // the console.
  function report(el, message) {
    if (window.console) console.error('tinbai:', message, el);
  }
  document.addEventListener('tinbai:error', function (e) { report(e.target, e.detail && e.detail.message); });
  // The reader found, once its files were in, that it cannot show this widget (a
  // page its index lacks): the engine shows it instead.
  document.addEventListener('tinbai:engine', function (e) { withEngine(e.target); });

  function fail(el, error) {
    var message = error && error.message ? error.message : String(error);
    el.setAttribute('data-tinbai-state', 'error');
    el.setAttribute('data-tinbai-error', message);
    var detail = { widget: el.dataset.tinbai, message: message };
    if (!el.isConnected) return report(el, message);
    el.dispatchEvent(new CustomEvent('tinbai:error', { bubbles: true, detail: detail }));
  }

  function mount(mod, el) {
    // Removed while the wasm was loading, or mounted already; a prerendered
    // (data-tinbai-state="static") widget is upgraded in place.
    if (!el.isConnected || handles.has(el) || el.getAttribute('data-tinbai-state') === 'ready') return;
    var name = renderers[el.dataset.tinbai];
    if (!name) return fail(el, new Error('data-tinbai must be related, most-read or partnership, not "' + el.dataset.tinbai + '"'));
    try {
      var h = mod[name](el, options(el));
      if (mod.isReader) h.fromReader = true;
      handles.set(el, h);
    } catch (e) {
      if (mod.isReader && needsEngine(e.message)) {
        // Waiting, as one the reader hands over later is: the engine will show it.
        el.setAttribute('data-tinbai-state', 'loading');
        withEngine(el);
      } else fail(el, e);
    }
  }

  // What the reader says of a widget only the engine can show.
  function needsEngine(message) { return / needs the engine$/.test(message || ''); }

  /** Show `el` with the engine, and with it every widget the reader shows: the
   * widgets of a page leave out what those before them show, which holds only
   * within one module. Swapped in one task, so nothing is painted in between. */
  var moving = new Set();
  function withEngine(el) {
    moving.add(el);
    loadEngine().then(function (mod) {
      var els = [].slice.call(document.querySelectorAll('[data-tinbai]'));
      // A card lists no articles to share out: it moves alone, and stays otherwise.
      // Last first, so that none renders again as one above it goes.
      if (el.dataset.tinbai !== 'partnership') els.slice().reverse().forEach(function (e) {
        var h = handles.get(e);
        if (!h || !h.fromReader || e.dataset.tinbai === 'partnership') return;
        h.destroy();
        handles.delete(e);
        moving.add(e);
      });
      els.forEach(function (e) {
        if (!moving.has(e)) return;
        e.removeAttribute('data-tinbai-state');
        e.removeAttribute('data-tinbai-error');
        mount(mod, e);
      });
      moving.clear(); // what left the page meanwhile has nothing to show
    }, function () {});
  }

  // Fetched by the module later; asked for now, so they download alongside it
  // instead of one after another. `crossorigin` makes the preload match fetch().
  function preload(url) {
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = url;
    document.head.appendChild(l);
  }

  // Two wasm files: the reader shows widgets from a built index (a site's, from
  // data-index, or the bundled seeds'); the engine, the whole library, comes only
  // for what no index answers: a dataset given at run time (data-dataset), free
  // text (data-text), a page the index lacks, or a page script asking for the API
  // (window.tinbai.ready).
  var header = new URL(defaults.index || 'pkg/seeds/', defaults.index ? location.href : base);
  if (/\/$/.test(header.pathname)) header.pathname += 'index.bin';
  var engineOnly = defaults.dataset != null || !!document.querySelector('[data-tinbai][data-text]');
  var recorded = false;

  /** `url`'s wasm, fetched and compiled now, while its glue loads, not after it. */
  function compile(url) {
    var compiled = fetch(url).then(function (r) {
      if (!r.ok) throw new Error('failed to fetch Wasm: ' + r.status + ' ' + r.statusText + " fetching '" + r.url + "'");
      if (!WebAssembly.compileStreaming) return r.arrayBuffer().then(WebAssembly.compile);
      // A server that sends the wrong MIME type gets the slower path.
      var copy = r.clone();
      return WebAssembly.compileStreaming(r).catch(function () { return copy.arrayBuffer().then(WebAssembly.compile); });
    });
    compiled.catch(function () {}); // reported by whoever awaits it, not as unhandled
    return compiled;
  }

  /** One of the two modules, instantiated. */
  function instantiate(name) {
    var wasm = compile(new URL('pkg/' + name + '_bg.wasm', base).href);
    return import(new URL('pkg/' + name + '.js', base).href).then(function (mod) {
      return mod.default({ module_or_path: wasm }).then(function () { return mod; });
    });
  }

  function record(mod) {
    if (defaults.recordView && !recorded) {
      recorded = true;
      try { mod.recordView(defaults.recordView); } catch (e) { console.error('tinbai:', e.message); }
    }
    return mod;
  }

  // Each loads once, on first need.
  var reader = null;
  var engine = null;
  function loadReader() {
    if (reader) return reader;
    // The header comes with the wasm, not after it: the reader reads it at once.
    var bytes = fetch(header.href).then(function (r) {
      if (!r.ok) throw new Error('loadIndex: ' + JSON.stringify(header.href) + ': HTTP ' + r.status + ' ' + r.statusText);
      return r.arrayBuffer();
    }, function (e) {
      throw new Error('loadIndex: ' + JSON.stringify(header.href) + ': ' + e.message);
    });
    reader = Promise.all([instantiate('reader'), bytes]).then(function (r) {
      r[0].loadIndex(header.href, [['index.bin', new Uint8Array(r[1])]]);
      // A module namespace cannot take a property: wrap it.
      return record(Object.assign({ isReader: true }, r[0]));
    });
    return reader;
  }

  function loadEngine() {
    if (engine) return engine;
    var indexed = defaults.index != null;
    if (indexed && !reader) preload(header.href);
    engine = Promise.all([instantiate('tinbai'), reader]).then(function (r) {
      var mod = r[0];
      // Shards load later, as widgets need them; none the reader has again.
      if (!indexed) return mod;
      return mod.loadIndex(header.href, r[1] ? r[1].indexFiles() : undefined).then(function () { return mod; });
    }).then(function (mod) {
      if (!defaults.dataset) return mod;
      // Text: tinbai's JSON, a JSON Feed, RSS or Atom (the wasm tells them apart).
      return fetch(new URL(defaults.dataset, location.href)).then(function (r) {
        if (!r.ok) throw new Error('data-dataset: ' + r.status + ' ' + r.statusText);
        return r.text();
      }).then(function (text) {
        return mod.loadDataset(text, { lenient: defaults.lenient != null });
      }).then(function (report) {
        report.skipped.concat(report.warnings).forEach(function (m) { console.warn('tinbai:', m); });
        return mod;
      });
    }).then(record);
    return engine;
  }

  var loading = null;
  /** The module for `el`: the reader unless it needs the engine. */
  function load(el) {
    var p = engineOnly || (el && el.dataset.text != null) ? loadEngine() : loadReader();
    if (!loading) {
      loading = p;
      p.catch(function (e) {
        document.querySelectorAll('[data-tinbai]').forEach(function (el) { if (!handles.has(el)) fail(el, e); });
      });
    }
    return p;
  }

  // data-loading="lazy": nothing loads until the element nears the viewport.
  var nearby = window.IntersectionObserver && new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (!en.isIntersecting) return;
      nearby.unobserve(en.target);
      load(en.target).then(function (mod) { mount(mod, en.target); }, function () {});
    });
  }, { rootMargin: '50% 0px' });

  /** Mount `el` now, or once it nears the viewport; resolves when it is done. */
  function want(el) {
    if (el.dataset.loading === 'lazy' && nearby) {
      nearby.observe(el);
      return Promise.resolve();
    }
    return load(el).then(function (mod) { mount(mod, el); return settled(el); });
  }

  // Widgets mounted but still waiting (for an index file, a widget above them, or
  // the engine taking them over), each with what resolves once it shows or fails.
  var waiting = new Map();
  /** Resolves once `el` shows its widget, fails, or leaves the page. */
  function settled(el) {
    if (!el.isConnected || el.getAttribute('data-tinbai-state') !== 'loading') return Promise.resolve();
    return new Promise(function (resolve) { waiting.set(el, resolve); });
  }
  function release(el) {
    var resolve = waiting.get(el);
    if (resolve) { waiting.delete(el); resolve(); }
  }
  document.addEventListener('tinbai:ready', function (e) { release(e.target); });
  document.addEventListener('tinbai:error', function (e) { release(e.target); });

  function wantAll(root) {
    if (root.nodeType !== 1) return [];
    var els = [].slice.call(root.querySelectorAll('[data-tinbai]'));
    if (root.hasAttribute('data-tinbai')) els.unshift(root);
    return els.map(want);
  }

  function watch() {
    var attrs = Object.keys(fields).map(function (k) { return 'data-' + k.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }); });
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'attributes') {
          var h = handles.get(r.target);
          if (h) try { h.update(options(r.target)); } catch (e) { if (needsEngine(e.message)) withEngine(r.target); else fail(r.target, e); }
          // One that failed to mount tries again with its new options.
          else if (loading && r.target.getAttribute('data-tinbai-state') === 'error') load(r.target).then(function (mod) { mount(mod, r.target); }, function () {});
          return;
        }
        r.addedNodes.forEach(wantAll);
      });
      // Widgets whose element left the page release their listener.
      handles.forEach(function (h, el) {
        if (!el.isConnected) { h.destroy(); handles.delete(el); }
      });
      waiting.forEach(function (resolve, el) { if (!el.isConnected) release(el); });
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: attrs });
  }

  /** Every widget that is not lazy, mounted; then the module. */
  function start() {
    watch();
    var eager = wantAll(document.documentElement);
    if (defaults.recordView) eager.push(load());
    return Promise.all(eager);
  }

  var started = document.readyState === 'loading'
    ? new Promise(function (resolve) { document.addEventListener('DOMContentLoaded', function () { resolve(start()); }); })
    : start();
  started.catch(function () {});

  window.tinbai = { loader: true };
  /** Resolves to the ES module (renderRelated, related, recordView, …) once every
   * widget that is not lazy shows (or failed). Asking for it loads the engine: the whole API. */
  Object.defineProperty(window.tinbai, 'ready', {
    enumerable: true,
    get: function () { return started.then(loadEngine); }
  });
})();
