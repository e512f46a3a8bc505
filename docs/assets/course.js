/*
 * Site-wide behaviour outside the quizzes: offline support, the colour toggle (in place of
 * Material's palette component), glossary tooltips and keyboard-reachable tables.
 * Loaded once through extra_javascript; what acts on page content runs on every page
 * Material's instant navigation shows.
 */
(function () {
  "use strict";

  // Offline: register the service worker at the site's root (this file is in assets/), so
  // its scope is the course's own path, e.g. /repo/ on GitHub Pages. See sw.js. Not in a
  // SCORM package (scorm/export.py marks its pages course-offline "off" and ships no sw.js).
  var script = document.currentScript;
  var offline = document.querySelector('meta[name="course-offline"]');
  if ("serviceWorker" in navigator && script && location.protocol !== "file:" &&
      !(offline && offline.content === "off")) {
    var root = new URL("..", script.src);
    var register = function () {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
        .catch(function () { /* no offline copy: the site works as before */ });
    };
    // After the page has loaded, so that the worker's downloads never compete with the
    // page's own. This file may start after that (hooks/first_paint.py): then at once.
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }

  // Colour scheme toggle: Material's palette form (overrides/partials/palette.html), run here
  // instead of by Material's bundle, which re-applied the stored colours and read computed
  // styles as every page started (a whole-page style recalculation each time). Same markup,
  // same stored preference (__palette), same behaviour: the visible button switches to the
  // next palette, "(prefers-color-scheme)" follows the system, Enter on a focused option
  // moves on. The colours themselves were applied before the first paint by Material's inline
  // script in the header; this only touches <body> when they differ.
  var palette = document.querySelector("[data-course-palette]");
  var options = palette ? palette.querySelectorAll("input[name=__palette]") : [];
  var light = window.matchMedia("(prefers-color-scheme: light)");
  var COLORS = ["scheme", "primary", "accent"];  // what an option sets, besides its media

  function stored() {
    try { return window.__md_get("__palette"); } catch (e) { return null; }
  }

  // The colours an option stands for; "(prefers-color-scheme)" takes the system's light or
  // dark option's colours but keeps its own media, so the stored choice keeps following it.
  function colors(input) {
    var result = { media: input.getAttribute("data-md-color-media") };
    if (result.media === "(prefers-color-scheme)") {
      input = palette.querySelector(light.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']") || input;
    }
    COLORS.forEach(function (key) {
      result[key] = input.getAttribute("data-md-color-" + key);
    });
    return result;
  }

  function applyPalette(index, switching) {
    var input = options[index];
    var color = colors(input);
    var body = document.body;
    var changed = COLORS.some(function (key) {
      return body.getAttribute("data-md-color-" + key) !== color[key];
    });
    if (changed) {
      if (switching) body.setAttribute("data-md-color-switching", "");
      Object.keys(color).forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      if (switching) setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
      // The browser's bar follows the header's colour, read once styles are fresh anyway.
      requestAnimationFrame(function () {
        setTimeout(function () {
          var header = document.querySelector(".md-header");
          var meta = document.querySelector("meta[name=theme-color]");
          if (header && meta) meta.content = getComputedStyle(header).backgroundColor;
        });
      });
    }
    input.checked = true;
    Array.prototype.forEach.call(options, function (option, at) {
      var label = option.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = at !== index;
    });
    if (switching && window.__md_set) window.__md_set("__palette", { index: index, color: color });
  }

  if (options.length) {
    var saved = stored();
    var start = saved && typeof saved.index === "number" ? saved.index
      : Array.prototype.findIndex.call(options, function (option) {
        return window.matchMedia(option.getAttribute("data-md-color-media")).matches;
      });
    applyPalette(Math.max(0, Math.min(start, options.length - 1)), false);
    palette.addEventListener("change", function (event) {
      var at = Array.prototype.indexOf.call(options, event.target);
      if (at >= 0) applyPalette(at, true);
    });
    palette.addEventListener("keydown", function (event) {
      var at = Array.prototype.indexOf.call(options, event.target);
      if (event.key !== "Enter" || at < 0) return;
      event.preventDefault();
      var next = options[(at + 1) % options.length];
      next.click();
      next.focus();
    });
    light.addEventListener("change", function () {
      var at = Array.prototype.findIndex.call(options, function (option) { return option.checked; });
      if (at >= 0 && options[at].getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
        applyPalette(at, true);
      }
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
      // The words come from strings.zh.js, which loads after this file but before any page
      // is shown.
      var label = (window.courseStrings || {}).tableRegion || "{number}";
      wrap.setAttribute("aria-label", label.replace("{number}", String(index + 1)));
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

  // The site's root, as an address. Material's __config names it relative to the page this
  // script started on and is not replaced by instant navigation, so it is read once, now.
  var config = document.getElementById("__config");
  var siteRoot = config ? new URL(JSON.parse(config.textContent).base + "/", location.href) : null;

  // A script from the site (`path` below its root), loaded once; a promise of its load. One that
  // failed (offline, never kept) is tried again when next asked for.
  var loading = {};
  function load(path) {
    loading[path] = loading[path] || new Promise(function (done, fail) {
      var tag = document.createElement("script");
      tag.src = new URL(path, siteRoot).href;
      tag.onload = done;
      tag.onerror = function () { delete loading[path]; fail(); };
      document.head.appendChild(tag);
    });
    return loading[path];
  }

  // Scripts only some pages need (the notebook, the final exam, the certificate, moving
  // progress to another phone): such a page names one with data-course-script="name", and
  // assets/quiz/<name>.js is loaded the first time a page shown needs it. Each mounts itself
  // through courseOnEveryPage (document$ replays the page it arrives on). The service worker
  // keeps them for offline use (hooks/course/offline.py, ON_DEMAND).
  function loadScripts() {
    if (!siteRoot) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-course-script]"), function (node) {
      load("assets/quiz/" + node.getAttribute("data-course-script") + ".js").catch(function () {});
    });
  }

  // The language switch in the header (Material's, from extra.alternate) leads to the same
  // page in the other edition: both have the same pages under the same paths, so this page's
  // path below this edition's root, put below the other's root, is the page there. A full
  // load, not instant navigation: the other edition has its own scripts, strings and worker.
  function alternateLinks() {
    if (!siteRoot) return;
    var root = siteRoot.href;
    var here = location.href.split("#")[0].split("?")[0];
    var rest = here.indexOf(root) === 0 ? here.slice(root.length) : "";
    // (A SCORM package's page links nowhere: its links have no href.)
    Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[hreflang][href]"), function (link) {
      if (!link.hasAttribute("data-course-root")) link.setAttribute("data-course-root", link.href);
      link.href = new URL(rest, link.getAttribute("data-course-root")).href;
    });
  }
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang][href]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    location.assign(link.href);
  }, true);

  window.courseOnEveryPage = onEveryPage;
  window.courseLoad = load;
  onEveryPage(mount);
  onEveryPage(loadScripts);
  onEveryPage(alternateLinks);
})();
