/*
 * The self-check quiz: checking, feedback and the score.
 *
 * The quiz client is these files, loaded in this order (mkdocs.yml, extra_javascript):
 *   strings.zh.js  every word the client shows (window.courseStrings)
 *   store.js       saved progress, the only localStorage code (window.courseStore)
 *   types.js       what differs between question types (window.courseQuizTypes)
 *   quiz.js        this file: mounting, checking, feedback, the summary (window.courseQuiz)
 *   stage.js       classroom mode, one question at a time on a projector (loaded when
 *                  first opened: see openStage)
 *   progress.js    the learning path and the dashboard
 *
 * The build renders every quiz as a plain form (overrides/partials/quiz.html); this adds
 * checking, feedback and scores. It is loaded once and mounts on every page Material's instant
 * navigation shows (document$, through course.js's courseOnEveryPage), marking what it has
 * mounted (data-quiz-ready) so nothing is mounted twice; its listeners are delegated from
 * document and added once, so one tap is always one check.
 *
 * It saves nothing itself: it tells, with events that bubble from the quiz's element,
 *   quiz:checked   detail {quizId, questionId, hash, answer, ok}: a question was checked
 *   quiz:finished  detail {quizId, score, passed, passMark}: a check left every question checked
 *   quiz:reset     detail {quizId}: the trainee starts the quiz again
 * and the store (saving), progress.js (a path on the same page) or anything else listens.
 */
(() => {
  "use strict";

  const S = window.courseStrings;
  const TYPES = window.courseQuizTypes;
  const store = window.courseStore;

  /* --- Shared with stage.js and progress.js (window.courseQuiz) ------------------------- */

  const all = (root, selector) => [...root.querySelectorAll(selector)];
  const questionsOf = quiz => all(quiz, "[data-question]");

  // The string `key`, its {name}s filled in from `values`.
  const t = (key, values) => (S[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name]);

  // Appends to `to` a copy of what `selector` finds in `from`, if anything.
  function copy(from, to, selector) {
    const part = from.querySelector(selector);
    if (part) to.appendChild(part.cloneNode(true));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The pass rule, for the quiz's summary and the dashboard alike.
  function result(right, total, passMark) {
    const score = Math.round(100 * right / total);
    return { score, passed: score >= passMark };
  }

  // FNV-1a, 32 bits, of a text's UTF-8 (a number): the final exam's answer hashes (which
  // quiz/exam.py makes), the certificate's code and the transfer code's checksum.
  function fnv1a(text) {
    let value = 0x811c9dc5;
    new TextEncoder().encode(text).forEach(byte => {
      value = Math.imul(value ^ byte, 0x01000193) >>> 0;
    });
    return value;
  }

  window.courseQuiz = { all, questionsOf, t, copy, element, result, addControls, fnv1a };

  /* --- Feedback ------------------------------------------------------------------------ */

  const typeOf = q => TYPES[q.dataset.type];
  // A notebook's questions (notebook.js) are retried one by one: no saved answer shown, no score.
  const retrying = quiz => quiz.dataset.quizMode === "retry";

  function emit(quiz, name, detail) {
    quiz.dispatchEvent(new CustomEvent("quiz:" + name, { bubbles: true, detail }));
  }

  function badge(node, state, text) {
    node.classList.add("quiz__mark--" + state);
    node.appendChild(element("span", "quiz__badge", text));
  }

  function clearFeedback(q) {
    q.querySelector(".quiz__feedback").textContent = "";
    q.classList.remove("quiz__question--checked", "quiz__question--right", "quiz__question--wrong");
    all(q, ".quiz__badge").forEach(node => {  // every mark has its badge
      node.parentNode.classList.remove("quiz__mark--answer", "quiz__mark--wrong");
      node.remove();
    });
  }

  function showFeedback(q, answer, correct) {
    const verdict = correct ? "right" : "wrong";
    const box = q.querySelector(".quiz__feedback");
    const key = q.querySelector(".quiz__answer-body");
    clearFeedback(q);
    box.appendChild(element("p", "quiz__verdict quiz__verdict--" + verdict, S[verdict]));
    const type = typeOf(q);
    if (type.mark) type.mark(q, answer, badge);
    answer.forEach(k => copy(key, box, '[data-feedback-for="' + Number(k) + '"]'));  // on a pick
    if (!correct) copy(key, box, ".quiz__solution");
    copy(key, box, ".quiz__explanation");
    copy(key, box, ".quiz__ref");
    q.classList.add("quiz__question--checked", "quiz__question--" + verdict);
  }

  /* --- The quiz ------------------------------------------------------------------------ */

  function check(q) {
    const quiz = q.closest("[data-quiz]");
    const type = typeOf(q);
    const answer = type.read(q);
    if (!answer) {
      clearFeedback(q);
      q.querySelector(".quiz__feedback").appendChild(element("p", "quiz__verdict",
        S[type.prompt || "answerFirst"]));
      return;
    }
    const ok = type.grade(q, answer);
    showFeedback(q, answer, ok);
    emit(quiz, "checked", {
      quizId: quiz.dataset.quiz, questionId: q.dataset.question, hash: q.dataset.hash, answer, ok,
    });
    summarize(quiz, true);
  }

  // The result line; `checking`: a check has just happened (quiz:finished if it was the last).
  function summarize(quiz, checking) {
    if (retrying(quiz)) return;
    const total = questionsOf(quiz).length;
    const checked = all(quiz, ".quiz__question--checked").length;
    const right = all(quiz, ".quiz__question--right").length;
    const line = quiz.querySelector(".quiz__result");
    quiz.querySelector("[data-quiz-action=retry]").hidden = !checked;
    if (checked < total) {
      line.className = "quiz__result";
      line.textContent = checked ? t("done", { checked, total }) : "";
      return;
    }
    const passMark = Number(quiz.dataset.passMark);
    const { score, passed } = result(right, total, passMark);
    line.className = "quiz__result quiz__result--" + (passed ? "passed" : "failed");
    line.textContent = t(passed ? "passed" : "failed", { score, right, total, passMark });
    if (checking) emit(quiz, "finished", { quizId: quiz.dataset.quiz, score, passed, passMark });
  }

  function reset(quiz) {
    questionsOf(quiz).forEach(q => {
      clearFeedback(q);
      typeOf(q).shuffle(q);
    });
    emit(quiz, "reset", { quizId: quiz.dataset.quiz });
    summarize(quiz);
    // Back to the first question (every question has a control: its check button at least).
    const first = quiz.querySelector(".quiz__question");
    first.scrollIntoView({ block: "start" });
    first.querySelector("input, select, button").focus({ preventScroll: true });
  }

  // An ordering question's up and down buttons.
  function move(button) {
    const item = button.closest(".quiz__order-item");
    const step = Number(button.dataset.quizMove);
    const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    sibling[step < 0 ? "before" : "after"](item);
    button.focus();
    const q = item.closest("[data-question]");
    clearFeedback(q);
    q.querySelector(".quiz__feedback").appendChild(element("p", "quiz__moved", t("moved", {
      position: [...item.parentNode.children].indexOf(item) + 1,
      item: item.querySelector(".quiz__order-text").textContent,
    })));
  }

  // What only a script can use comes with the script, not in every page's markup: the check
  // button (not in the final exam, which is checked once, as a whole: exam.js) and the
  // feedback box (a live region, in place before anything is said in it), and an ordering
  // question's move buttons.
  function addControls(q, checkable = true) {
    const feedback = element("div", "quiz__feedback");
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    if (checkable) {
      const controls = element("div", "quiz__controls");
      const check = element("button", "md-button quiz__check", t("check"));
      check.type = "button";
      check.dataset.quizAction = "check";
      controls.appendChild(check);
      q.querySelector(".quiz__answer").before(controls, feedback);
    } else {
      q.appendChild(feedback);
    }
    all(q, ".quiz__order-item").forEach(item => {
      const moves = element("span", "quiz__order-moves");
      const text = item.querySelector(".quiz__order-text").textContent;
      [[-1, "moveUp", "↑"], [1, "moveDown", "↓"]].forEach(([step, key, arrow]) => {
        const button = element("button", "quiz__move", arrow);
        button.type = "button";
        button.dataset.quizMove = step;
        button.setAttribute("aria-label", t(key, { item: text }));
        moves.appendChild(button);
      });
      item.appendChild(moves);
    });
  }

  function mountQuiz(quiz) {
    quiz.setAttribute("data-quiz-ready", "");
    const stage = quiz.querySelector(".quiz__stage-open");
    if (stage) stage.hidden = false;
    const saved = retrying(quiz) ? {} : store.answersOf(store.load(), quiz.dataset.quiz);
    questionsOf(quiz).forEach(q => {
      addControls(q);
      q.querySelector(".quiz__answer").hidden = true;
      const type = typeOf(q);
      type.shuffle(q);
      // An answer saved before the question changed (its hash with it) is void.
      const entry = saved[q.dataset.question];
      if (!entry || entry.hash !== q.dataset.hash || !Array.isArray(entry.answer)) return;
      type.set(q, entry.answer.map(String));
      const answer = type.read(q);
      if (answer) showFeedback(q, answer, type.grade(q, answer));
    });
    summarize(quiz);
  }

  /* --- Mounting and events ----------------------------------------------------------- */

  // A quiz comes alive when it nears the screen (a screen's height ahead), not as the page
  // loads: on a slow phone the page's first seconds go to the lesson, and the quiz (the
  // heaviest part of a module page, at its end) waits until the trainee scrolls towards it.
  // Focus or printing mount it at once too. (Every browser the client runs in, ES2017, has
  // IntersectionObserver.)
  const nearing = new IntersectionObserver(entries => {
    entries.forEach(entry => { if (entry.isIntersecting) mountNow(entry.target); });
  }, { rootMargin: "100% 0px" });

  function mountNow(quiz) {
    nearing.unobserve(quiz);
    if (quiz.hasAttribute("data-quiz-ready")) return;
    const focused = document.activeElement;
    mountQuiz(quiz);
    // Shuffling moves the options, and a moved element loses focus: give it back.
    if (focused && document.activeElement !== focused) focused.focus();
  }

  function mount() {
    nearing.disconnect();  // quizzes of the page left behind
    all(document, "[data-quiz]:not([data-quiz-ready])").forEach(quiz => nearing.observe(quiz));
  }

  // A keyboard user may tab into a quiz before it has come near the screen.
  document.addEventListener("focusin", event => {
    const quiz = event.target.closest && event.target.closest("[data-quiz]");
    if (quiz) mountNow(quiz);
  }, true);
  window.addEventListener("beforeprint", () => all(document, "[data-quiz]").forEach(mountNow));

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-quiz-action], [data-quiz-move]");
    if (!target) return;
    const action = target.dataset.quizAction;
    if (target.dataset.quizMove) move(target);
    else if (action === "check") check(target.closest("[data-question]"));
    else if (action === "retry") reset(target.closest("[data-quiz]"));
    else if (action === "stage") openStage(target.closest("[data-quiz]"), target);
  });

  // Classroom mode is for the trainer's projector, not a trainee's phone: stage.js comes
  // only when a stage is first opened (course.js's loader; the service worker keeps it for
  // offline use too).
  function openStage(quiz, opener) {
    window.courseLoad("assets/quiz/stage.js").then(() => window.courseStage.open(quiz, opener),
      () => {});
  }

  // The link back to the lesson scrolls to the lesson heading itself and moves focus there.
  // Left to Material's instant navigation, a same-page link tapped right after a check was
  // sometimes undone by its section tracking, leaving the trainee where they were.
  window.addEventListener("click", event => {
    const link = event.target.closest && event.target.closest(".quiz__ref a");
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || link.pathname !== location.pathname) return;
    event.preventDefault();
    event.stopPropagation();
    const header = document.querySelector(".md-header");
    window.scrollBy(0, target.getBoundingClientRect().top - (header ? header.offsetHeight : 0) - 8);
    history.pushState(history.state, "", link.hash);
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, true);

  // Enter in a quiz must never submit the form (which would reload or scroll the page).
  document.addEventListener("submit", event => {
    if (event.target.closest("[data-quiz]")) event.preventDefault();
  });

  // A changed answer is no longer the checked one: clear its old verdict.
  document.addEventListener("change", event => {
    const q = event.target.closest("[data-quiz] [data-question]");
    if (q) clearFeedback(q);
  });

  window.courseOnEveryPage(mount);  // from course.js, loaded first
})();
