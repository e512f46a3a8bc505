/*
 * Classroom mode: a quiz one question at a time, large, for a projector. A modal dialog over
 * the page, opened by the quiz's own button (data-quiz-action="stage"), through quiz.js,
 * which loads this file then: a trainee's phone never needs it.
 *
 * It reads the quiz rendered on the page (no second copy of the data), through types.js for
 * what differs between question types. Next (→ ↓ PageDown Space) first reveals the answer,
 * then moves on, so a two-button presenter remote drives it; back (← ↑ PageUp) goes to the
 * previous question; Esc leaves. Focus stays inside while it is open and goes back to the
 * button that opened it. Instant navigation away closes it.
 */
(() => {
  "use strict";

  const { all, questionsOf, t, copy, element } = window.courseQuiz;
  const S = window.courseStrings;
  const TYPES = window.courseQuizTypes;
  const KEYS = { ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next",
    ArrowLeft: "back", ArrowUp: "back", PageUp: "back", Escape: "close" };

  let stage = null;  // the open stage: {box, body, where, quiz, opener, index, shown}

  function open(quiz, opener) {
    const box = element("div", "quiz-stage");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", t("stageLabel", { title: quiz.querySelector(".quiz__title").textContent }));
    const top = element("div", "quiz-stage__bar");
    const where = element("p", "quiz-stage__progress");
    where.setAttribute("aria-live", "polite");
    top.append(where, control("stageClose", "close"));
    const body = element("div", "quiz-stage__body md-typeset");
    body.tabIndex = 0;  // it scrolls when a question is long: the keyboard must reach it
    const controls = element("div", "quiz-stage__bar");
    controls.append(control("stageBack", "back"), control("stageReveal", "reveal"), control("stageNext", "next"));
    box.append(top, body, controls, element("p", "quiz-stage__keys", S.stageKeys));
    document.body.appendChild(box);
    document.documentElement.classList.add("quiz-stage-on");
    stage = { box, body, where, quiz, opener, index: 0, shown: false };
    show();
    box.querySelector("[data-stage=next]").focus();
  }

  function control(label, action) {
    const button = element("button", "quiz-stage__button", S[label]);
    button.type = "button";
    button.dataset.stage = action;
    return button;
  }

  // One line of the stage's lists: its letter or number, then its text (a node).
  function option(letter, text) {
    const li = element("li", "quiz-stage__option");
    li.append(element("span", "quiz-stage__letter", letter), text);
    return li;
  }

  function show() {
    const questions = questionsOf(stage.quiz);
    const q = questions[stage.index];
    const type = TYPES[q.dataset.type];
    const body = stage.body;
    const letter = i => String.fromCharCode(65 + i);
    body.textContent = "";
    stage.where.textContent = t("stageWhere", { number: stage.index + 1, total: questions.length });
    copy(q, body, ".quiz__scenario");
    copy(q, body, ".quiz__text");
    const list = element("ul", "quiz-stage__options");
    type.rows(q).forEach((row, i) => {
      const text = element("span", "quiz-stage__text");
      // already-escaped HTML the build rendered
      text.innerHTML = row.querySelector(".quiz__label, .quiz__order-text, .quiz__pair-left").innerHTML;
      const li = list.appendChild(option(type.numbered ? String(i + 1) : letter(i), text));
      if (stage.shown && row.hasAttribute("data-correct")) {
        li.classList.add("quiz-stage__option--answer");
        li.appendChild(element("span", "quiz-stage__mark", S.correct));
      }
    });
    body.appendChild(list);
    if (type.choices) {
      const choices = element("ul", "quiz-stage__options");
      type.choices(q).forEach((text, i) => {
        choices.appendChild(option(letter(i), element("span", "quiz-stage__text", text)));
      });
      body.appendChild(choices);
    }
    if (stage.shown) {
      const key = q.querySelector(".quiz__answer-body");
      const answer = body.appendChild(element("div", "quiz-stage__answer"));
      copy(key, answer, ".quiz__solution");
      copy(key, answer, ".quiz__explanation");
    }
    const button = name => stage.box.querySelector("[data-stage=" + name + "]");
    button("back").disabled = stage.index === 0;
    button("reveal").textContent = S[stage.shown ? "stageHide" : "stageReveal"];
    button("reveal").setAttribute("aria-pressed", stage.shown);
    button("next").textContent = S[stage.index === questions.length - 1 && stage.shown ? "stageEnd" : "stageNext"];
  }

  // next: the answer first, then the next question; after the last one's answer it closes.
  function step(action) {
    const last = stage.index === questionsOf(stage.quiz).length - 1;
    if (action === "reveal" || (action === "next" && !stage.shown)) stage.shown = !stage.shown;
    else if (action === "close" || (action === "next" && last)) return close();
    else if (action === "next" || stage.index > 0) {
      stage.index += action === "next" ? 1 : -1;
      stage.shown = false;
    }
    show();
  }

  function close() {
    if (!stage) return;
    const opener = stage.opener;
    stage.box.remove();
    document.documentElement.classList.remove("quiz-stage-on");
    stage = null;
    if (opener.isConnected) opener.focus();
  }

  // Capture phase, so Material's own shortcuts (n, p, s, /) do not act behind the stage.
  window.addEventListener("keydown", event => {
    if (!stage) return;
    if (event.key === "Tab") {  // keep focus inside the stage
      const buttons = all(stage.box, "button:not([disabled])");
      const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
      if (document.activeElement === edge || !stage.box.contains(document.activeElement)) {
        event.preventDefault();
        (event.shiftKey ? buttons[buttons.length - 1] : buttons[0]).focus();
      }
      return;
    }
    event.stopPropagation();
    const action = KEYS[event.key];
    const onButton = event.target.closest && event.target.closest("button");
    if (!action || (event.key === " " && onButton)) return;  // Space on a button clicks it
    event.preventDefault();
    step(action);
  }, true);

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-stage]");
    if (target) step(target.dataset.stage);
  });

  // quiz.js opens it (it loads this file the first time a stage is opened).
  window.courseStage = { open };

  // Left by instant navigation: the quiz it shows is gone.
  window.courseOnEveryPage(() => {
    if (stage && !stage.quiz.isConnected) close();
  });
})();
