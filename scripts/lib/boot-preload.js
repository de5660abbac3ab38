// Inlined into index.html by the deploy step (see deploy.mjs). It runs before any other script,
// reads the inlined config and manifest, and starts fetching the remotes the current URL needs,
// so they download in parallel with the shell instead of after it: one round trip instead of two.
// It only fetches (modulepreload never evaluates); the shell still validates every entry before
// running it. Plain ES2020, no imports, no failure can escape it.
(function () {
  try {
    var read = function (id) { var el = document.getElementById(id); return el && el.textContent ? JSON.parse(el.textContent) : null; };
    var config = read('atrium-config');
    var manifest = read('atrium-manifest');
    if (!config || !manifest || !Array.isArray(manifest.mfes)) return;
    var allowed = config.allowedOrigins || [];
    var path = location.pathname === '/' && config.home ? config.home : location.pathname;
    var active = function (when) {
      if (when === 'always') return true;
      return [].concat(when).some(function (prefix) {
        if (typeof prefix !== 'string') return false;
        var p = prefix.length > 1 && prefix.slice(-1) === '/' ? prefix.slice(0, -1) : prefix;
        return p === '/' || path === p || path.indexOf(p + '/') === 0;
      });
    };
    var loopback = /^(localhost|127\.0\.0\.1|\[::1\])$/;
    manifest.mfes.forEach(function (entry) {
      if (!entry || typeof entry.entry !== 'string' || !active(entry.activeWhen)) return;
      var base = new URL(entry.entry);
      if (allowed.indexOf(base.origin) < 0 || (base.protocol !== 'https:' && !(base.protocol === 'http:' && loopback.test(base.hostname)))) return;
      // Every link carries its file's hash: a preload without one would put unchecked code into
      // the module map (the inlined import map pins them too; this also covers pages without it).
      var pins = {};
      Object.keys(entry.files || {}).forEach(function (file) { pins[new URL(file, base).href] = entry.files[file]; });
      // With a deploy-time plan the exposed chunk is imported directly; remoteEntry.js is not needed.
      var planned = entry.boot && typeof entry.boot.module === 'string';
      [planned ? entry.boot.module : entry.entry].concat(entry.preload || []).forEach(function (file, index) {
        var url = new URL(file, base);
        if (url.origin !== base.origin) return;
        var link = document.createElement('link');
        link.rel = 'modulepreload';
        link.crossOrigin = 'anonymous';
        var sri = index === 0 && !planned && typeof entry.integrity === 'string' ? entry.integrity : pins[url.href];
        if (typeof sri === 'string') link.integrity = sri;
        link.href = url.href;
        document.head.appendChild(link);
      });
    });
  } catch (error) {
    // A preload is an optimisation: the shell loads everything itself if this fails.
  }
})();
