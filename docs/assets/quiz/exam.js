/*
 * The final exam (结业测验 page). The build puts every question of the pool on the page, by
 * module (partials/journey.html), each without its answer: it carries a hash of the correct
 * answer (data-answer-hash) and its review, encoded (data-review). See hooks/quiz/exam.py.
 *
 * An attempt draws each module's count of questions at random, in a new order, options
 * shuffled; nothing is checked until the one submit. Then each question is graded by hashing
 * the trainee's answer the way the build hashed the correct one, the score, the per-module
 * breakdown and the review of each wrong answer (its correct answer, explanation and link
 * back to the lesson) are shown, and exam:submitted tells the store (which records the attempt
 * and puts the wrong answers in the notebook). Loaded by course.js when a page has
 * [data-course-script=exam].
 */
(() => {
  "use strict";

  const { all, t, element, result, addControls, fnv1a } = window.courseQuiz;
  const TYPES = window.courseQuizTypes;
  const store = window.courseStore;
  const CHOICE = ["single", "multiple", "true-false"];

  // FNV-1a of salt|question id|answer, as 8 hex digits: quiz/exam.py's answer_hash.
  const answerHash = (salt, id, answer) =>
    fnv1a(salt + "|" + id + "|" + answer).toString(16).padStart(8, "0");

  function canonical(q, answer) {
    const keys = answer.map(String);
    if (CHOICE.includes(q.dataset.type)) keys.sort((a, b) => a - b);
    return keys.join(",");
  }

  const isRight = (q, answer) => Boolean(answer) &&
    answerHash(q.dataset.hash, q.dataset.question, canonical(q, answer)) === q.dataset.answerHash;

  // quiz/exam.py's encode_review undone: every character one code point back.
  const decode = text => Array.from(text, c => {
    const code = c.codePointAt(0);
    const moved = (code >= 1 && code <= 0xd7ff) || (code >= 0xe001 && code <= 0xffff);
    return moved ? String.fromCodePoint(code - 1) : c;
  }).join("");

  function shuffled(list) {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /* --- An attempt ---------------------------------------------------------------------- */

  function fresh(q) {
    q.disabled = false;
    q.classList.remove("quiz__question--right", "quiz__question--wrong", "quiz__question--checked");
    all(q, ".exam__review").forEach(node => node.remove());
    if (!q.hasAttribute("data-exam-controls")) {
      q.setAttribute("data-exam-controls", "");
      addControls(q, false);
    }
    q.querySelector(".quiz__feedback").textContent = "";
    const type = TYPES[q.dataset.type];
    // A new order, nothing chosen; an ordering never starts in its answer.
    for (let tries = 0; tries < 10; tries++) {
      type.shuffle(q);
      if (q.dataset.type !== "ordering" || !isRight(q, type.read(q))) break;
    }
  }

  function start(exam) {
    const paper = exam.querySelector("[data-exam-paper]");
    // What the last attempt drew goes back to its module's pool.
    all(paper, "[data-question]").forEach(q => {
      exam.querySelector('[data-exam-module="' + q.dataset.examFrom + '"]').appendChild(q);
    });
    let drawn = [];
    all(exam, "[data-exam-module]").forEach(pool => {
      const count = Number(pool.dataset.count);
      shuffled(all(pool, "[data-question]")).slice(0, count).forEach(q => {
        q.dataset.examFrom = pool.dataset.examModule;
        drawn.push(q);
      });
    });
    drawn = shuffled(drawn);
    drawn.forEach((q, index) => {
      fresh(q);
      q.querySelector(".quiz__number").textContent = t("examNumber", { number: index + 1 });
      paper.appendChild(q);
    });
    const form = exam.querySelector("[data-exam-form]");
    form.hidden = false;
    form.querySelector("[data-exam-action=submit]").hidden = false;
    form.querySelector("[data-exam-action=confirm]").hidden = true;
    exam.querySelector("[data-exam-status]").textContent = "";
    exam.querySelector("[data-exam-result]").hidden = true;
    exam.querySelector(".exam__start [data-exam-action=start]").hidden = true;
    const first = drawn[0];
    if (first) {
      first.scrollIntoView({ block: "start" });
      first.querySelector("input, select, button").focus({ preventScroll: true });
    }
  }

  function submit(exam, confirmed) {
    const questions = all(exam.querySelector("[data-exam-paper]"), "[data-question]");
    const unanswered = questions.filter(q => !TYPES[q.dataset.type].read(q)).length;
    const status = exam.querySelector("[data-exam-status]");
    const confirm = exam.querySelector("[data-exam-action=confirm]");
    if (unanswered && !confirmed) {
      status.textContent = t("examUnanswered", { count: unanswered });
      confirm.hidden = false;
      return;
    }
    confirm.hidden = true;
    status.textContent = "";
    exam.querySelector("[data-exam-action=submit]").hidden = true;
    const modules = {};
    const results = [];
    let right = 0;
    questions.forEach(q => {
      const answer = TYPES[q.dataset.type].read(q);
      const ok = isRight(q, answer);
      const module = q.dataset.examFrom;  // the module's quiz id
      modules[module] = modules[module] || [0, 0];
      modules[module][1]++;
      if (ok) {
        modules[module][0]++;
        right++;
      }
      results.push({ quizId: module, questionId: q.dataset.question, ok });
      review(q, answer, ok);
    });
    const passMark = Number(exam.dataset.passMark);
    const total = questions.length;
    const { score, passed } = result(right, total, passMark);
    showResult(exam, { score, passed, right, total, passMark, modules });
    exam.dispatchEvent(new CustomEvent("exam:submitted", {
      bubbles: true, detail: { score, passed, right, total, modules, results },
    }));
    showLast(exam);
  }

  // The verdict on a question, and for a wrong one its review: the correct answer, the
  // explanation, what was said of the option picked, the link back to the lesson.
  function review(q, answer, ok) {
    q.disabled = true;
    q.classList.add("quiz__question--checked", "quiz__question--" + (ok ? "right" : "wrong"));
    const box = element("div", "exam__review");
    box.appendChild(element("p", "quiz__verdict quiz__verdict--" + (ok ? "right" : "wrong"),
      t(ok ? "right" : "wrong") + (answer ? "" : " " + t("examNoAnswer"))));
    if (!ok) {
      const body = document.createElement("div");
      body.innerHTML = decode(q.dataset.review);  // the build's own HTML (answer_body)
      all(body, "[data-feedback-for]").forEach(p => {
        if (!(answer || []).includes(p.dataset.feedbackFor)) p.remove();
      });
      box.appendChild(body);
    }
    q.appendChild(box);
  }

  function showResult(exam, r) {
    const box = exam.querySelector("[data-exam-result]");
    box.querySelector("[data-exam-score]").textContent = t(r.passed ? "examPassed" : "examFailed", r);
    box.querySelector("[data-exam-score]").className =
      "exam__score exam__score--" + (r.passed ? "passed" : "failed");
    const rows = box.querySelector("[data-exam-breakdown]");
    rows.textContent = "";
    all(exam, "[data-exam-module]").forEach(pool => {
      const counts = r.modules[pool.dataset.examModule];
      if (!counts) return;
      const row = document.createElement("tr");
      const name = document.createElement("td");
      const link = element("a", "", pool.dataset.title);
      link.href = pool.dataset.url;
      name.appendChild(link);
      row.append(name, element("td", "", t("examCell", { right: counts[0], total: counts[1] })));
      rows.appendChild(row);
    });
    box.hidden = false;
    box.scrollIntoView({ block: "start" });
    box.focus({ preventScroll: true });
  }

  function showLast(exam) {
    const exams = store.load().exams;
    const last = exams[exams.length - 1];
    exam.querySelector("[data-exam-last]").textContent = last ? t("examLast", {
      date: store.dayOf(last.at), score: last.score, count: exams.length,
      verdict: t(last.passed ? "examPassedWord" : "examFailedWord"),
    }) : "";
  }

  function mount() {
    all(document, "[data-exam]:not([data-exam-ready])").forEach(exam => {
      exam.setAttribute("data-exam-ready", "");
      exam.querySelector("[data-exam-needs-js]").hidden = true;
      exam.querySelector(".exam__start [data-exam-action=start]").hidden = false;
      showLast(exam);
    });
  }

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-exam-action]");
    if (!target) return;
    const exam = target.closest("[data-exam]");
    const action = target.dataset.examAction;
    if (action === "start") start(exam);
    else if (action === "submit") submit(exam, false);
    else if (action === "confirm") submit(exam, true);
  });
  document.addEventListener("submit", event => {
    if (event.target.closest("[data-exam]")) event.preventDefault();
  });

  window.courseOnEveryPage(mount);
})();
