/*
 * Site-wide behaviour outside the quizzes: offline support, glossary tooltips and
 * keyboard-reachable tables.
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

  // Glossary terms (<abbr title>, added by the build): a tap or click shows the definition
  // under the term; another tap, a tap elsewhere or Esc hides it.
  var tip = null;

  function hideTip() {
    if (!tip) return null;
    var term = tip.term;
    term.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
    return term;
  }

  function showTip(term) {
    tip = document.createElement("span");
    tip.className = "course-tip";
    tip.id = "course-tip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = term.getAttribute("title");
    tip.term = term;
    document.body.appendChild(tip);
    term.setAttribute("aria-describedby", tip.id);
    var box = term.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(8, box.left + box.width / 2 - width / 2),
      document.documentElement.clientWidth - width - 8);
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".md-typeset abbr[title]");
    if (hideTip() === term || !term) return;
    showTip(term);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });

  // Wide tables scroll sideways on a phone: let the keyboard reach them too.
  function mount() {
    hideTip();  // a page change (instant navigation) leaves no tip behind
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap, index) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格 " + (index + 1) + "（可左右滑动）");
    });
  }

  // Run `fn` on every page shown: through Material's document$ (it replays the current page
  // and emits again on each instant navigation), else once the document is ready. The quiz
  // client boots through this too (it loads after this file).
  function onEveryPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.courseOnEveryPage = onEveryPage;
  onEveryPage(mount);
})();
