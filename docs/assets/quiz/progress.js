/*
 * The learning path (home page) and the progress dashboard: each module's quiz as saved in
 * this browser, and on the dashboard the overall count and a reset that asks first; and the
 * journey's summary beside them (partials/journey.html): the notebook's count, the final
 * exam's best result, whether the certificate can be had. certificate.js reads the same rules
 * here (window.courseProgress).
 *
 * The build renders the lists (overrides/partials/course.html); each row carries its quiz's
 * data-course-quiz, data-pass-mark, data-total and data-questions ("id:hash id:hash …"), so
 * this reads the store without the quiz's page. It mounts on every page shown, marking what
 * it filled in (data-course-ready), and fills a path in again when a quiz on the same page
 * is checked or reset (the print page holds both).
 */
(() => {
  "use strict";

  const { all, t, result } = window.courseQuiz;
  const store = window.courseStore;

  function mountPath(path) {
    path.setAttribute("data-course-ready", "");
    const data = store.load();
    const saving = store.save(data);
    const items = all(path, "[data-course-quiz]");
    let passed = 0;
    let done = 0;
    items.forEach(item => {
      const state = showState(item, data);
      if (state.kind === "passed") passed++;
      if (state.done) done++;
    });
    const overall = path.querySelector("[data-course-overall]");
    if (overall) overall.textContent = saving ? t("overall", { passed, total: items.length, done }) : t("noStorage");
    const resetBox = path.querySelector("[data-course-reset]");
    if (resetBox) resetBox.hidden = !saving;
    all(document, "[data-journey]").forEach(box => mountJourney(box, data, items));
  }

  // The questions in the notebook that this course still has (`items`: rows naming them).
  function notebookCount(data, items) {
    const known = new Set();
    items.forEach(item => item.dataset.questions.split(" ").forEach(p => known.add(p.split(":")[0])));
    return Object.keys(store.notebook(data)).filter(id => !known.size || known.has(id)).length;
  }

  // The final exam's best attempt, or null.
  function examBest(data) {
    return data.exams.reduce((best, a) => (!best || a.score > best.score ? a : best), null);
  }

  // Every module's quiz passed (each of `items`) and the exam passed.
  function allPassed(data, items) {
    const best = examBest(data);
    return Boolean(items.length && best && best.passed) && items.every(item =>
      stateOf(item, store.answersOf(data, item.dataset.courseQuiz)).kind === "passed");
  }

  function mountJourney(box, data, items) {
    const count = notebookCount(data, items);
    const badge = box.querySelector("[data-journey-notebook]");
    badge.hidden = !count;
    badge.textContent = t("journeyNotebook", { count });
    const exam = box.querySelector("[data-journey-exam]");
    if (exam) {
      const best = examBest(data);
      exam.textContent = !best ? t("journeyExamNone")
        : t(best.passed ? "journeyExamPassed" : "journeyExamFailed", { score: best.score });
    }
    const certificate = box.querySelector("[data-journey-certificate]");
    if (certificate) {
      certificate.textContent = t(allPassed(data, items) ? "journeyCertReady" : "journeyCertLocked");
    }
  }


  // A row's state line filled in from `data`; the state.
  function showState(item, data) {
    const state = stateOf(item, store.answersOf(data, item.dataset.courseQuiz));
    const line = item.querySelector("[data-course-state]");
    line.textContent = state.text;
    line.className = "course-path__state course-path__state--" + state.kind;
    return state;
  }

  // A row's quiz: new, started, or done and passed or failed (by quiz.js's pass rule).
  function stateOf(item, saved) {
    const total = Number(item.dataset.total);
    const passMark = Number(item.dataset.passMark);
    let answered = 0;
    let right = 0;
    item.dataset.questions.split(" ").forEach(pair => {
      const [id, hash] = pair.split(":");
      const entry = saved[id];
      if (entry && entry.hash === hash) {
        answered++;
        if (entry.ok === true) right++;
      }
    });
    if (!answered) return { kind: "new", text: t("pathNew", { total }) };
    if (answered < total) return { kind: "started", text: t("pathStarted", { answered, total }) };
    const { score, passed } = result(right, total, passMark);
    return { kind: passed ? "passed" : "failed", done: true,
      text: t(passed ? "pathPassed" : "pathFailed", { score, passMark }) };
  }

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-course-action]");
    if (!target) return;
    const path = target.closest(".course-path");
    const confirmBox = path.querySelector("[data-course-confirm]");
    const action = target.dataset.courseAction;
    if (action === "ask-reset") {
      confirmBox.hidden = false;
      confirmBox.querySelector("[data-course-action=cancel-reset]").focus();
      return;
    }
    confirmBox.hidden = true;
    if (action === "reset") store.clear();
    mountPath(path);
    path.querySelector("[data-course-action=ask-reset]").focus();
  });

  // The store saves on these first (store.js is loaded before this file).
  const refresh = () => all(document, ".course-path[data-course-ready]").forEach(mountPath);
  window.courseProgress = { showState, examBest, allPassed, refresh };
  document.addEventListener("quiz:checked", refresh);
  document.addEventListener("quiz:reset", refresh);

  window.courseOnEveryPage(() => all(document, ".course-path:not([data-course-ready])").forEach(mountPath));
})();
