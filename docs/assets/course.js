/*
 * Site-wide behaviour outside the quizzes: offline support and keyboard-reachable tables.
 * Loaded once through extra_javascript; what acts on page content runs on every page
 * Material's instant navigation shows.
 */
(function () {
  "use strict";

  // Offline: register the service worker at the site's root (this file is in assets/), so
  // its scope is the course's own path, e.g. /repo/ on GitHub Pages. See sw.js.
  var script = document.currentScript;
  if ("serviceWorker" in navigator && script && location.protocol !== "file:") {
    var root = new URL("..", script.src);
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
        .catch(function () { /* no offline copy: the site works as before */ });
    });
  }

  // Wide tables scroll sideways on a phone: let the keyboard reach them too.
  function mount() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap, index) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格 " + (index + 1) + "（可左右滑动）");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
