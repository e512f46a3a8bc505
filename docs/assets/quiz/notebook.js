/*
 * The 错题本 (notebook page): of every question the build put on the page (partials/
 * journey.html, one retry-mode quiz per module), it keeps those in the notebook and shows
 * them, each to be retried in place. quiz.js checks them as on the module page (the same
 * feedback, explanation and link to the lesson), without restoring a saved answer or
 * scoring; store.js applies the notebook's rule on the check; this says where each question
 * stands after it. Loaded by course.js when a page has [data-course-script=notebook].
 */
(() => {
  "use strict";

  const { all, t, element } = window.courseQuiz;
  const store = window.courseStore;

  function mount() {
    const notebook = document.querySelector("[data-notebook]:not([data-notebook-ready])");
    if (!notebook) return;
    notebook.setAttribute("data-notebook-ready", "");
    const open = store.notebook(store.load());
    let count = 0;
    let modules = 0;
    all(notebook, "[data-quiz-mode=retry]").forEach(section => {
      // Before quiz.js mounts it (as it nears the screen): only what is in the notebook.
      all(section, "[data-question]").forEach(q => {
        if (!open[q.dataset.question]) q.remove();
      });
      const left = all(section, "[data-question]");
      left.forEach((q, index) => {
        q.querySelector(".quiz__number").textContent = t("examNumber", { number: index + 1 });
        q.appendChild(element("p", "notebook__state", t(stateKey(open[q.dataset.question]), {
          day: (open[q.dataset.question].days || [])[0],
        })));
      });
      section.hidden = !left.length;
      count += left.length;
      if (left.length) modules++;
    });
    notebook.querySelector("[data-notebook-count]").textContent = count
      ? t("notebookCount", { count, modules }) : t("notebookEmpty");
  }

  function stateKey(entry) {
    if (!entry || entry.out) return "notebookOut";
    if (!entry.days || !entry.days.length) return "notebookNew";
    return entry.days.includes(store.dayOf(Date.now())) ? "notebookToday" : "notebookOneDay";
  }

  // After store.js has applied the rule to a check (it listens first): where it stands now.
  document.addEventListener("quiz:checked", event => {
    const q = event.target.closest && event.target.closest("[data-notebook]") &&
      event.target.querySelector('[data-question="' + event.detail.questionId + '"]');
    if (!q) return;
    const entry = store.load().notebook[event.detail.questionId];
    const key = !event.detail.ok ? "notebookAgain" : stateKey(entry);
    q.querySelector(".notebook__state").textContent = t(key, { day: ((entry || {}).days || [])[0] });
  });

  window.courseOnEveryPage(mount);
})();
