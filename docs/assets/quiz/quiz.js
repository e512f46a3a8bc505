/*
 * Self-check quizzes and the progress dashboard.
 *
 * The build renders every quiz as a plain form (hooks/quiz_render.py); this script adds
 * checking, feedback, scores and saving. It is loaded once through extra_javascript and
 * mounts on every page Material's instant navigation shows (document$), marking what it has
 * mounted so nothing is mounted twice; its listeners are delegated from document and added
 * once, so one tap is always one check.
 *
 * Progress lives in localStorage under one key, by quiz id and question id, with each
 * question's content hash: an answer is restored only while its question is unchanged.
 * Storage that is disabled, full or holds garbage never stops a quiz from working.
 */
(function () {
  "use strict";

  var KEY = "service-course:progress";
  var VERSION = 1;

  /* --- Storage ------------------------------------------------------------------------- */

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY));
      if (data && data.v === VERSION && isObject(data.quizzes)) return data;
    } catch (e) { /* disabled or garbage: start afresh */ }
    return { v: VERSION, quizzes: {} };
  }

  function save(data) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
      return true;
    } catch (e) {
      return false;
    }
  }

  function record(data, quizId) {
    var quiz = data.quizzes[quizId];
    if (!isObject(quiz) || !isObject(quiz.q)) quiz = data.quizzes[quizId] = { q: {} };
    return quiz.q;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* --- Reading and setting answers --------------------------------------------------- */

  function questionsOf(quiz) {
    return Array.prototype.slice.call(quiz.querySelectorAll("[data-question]"));
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // The answer as a list of keys, or null while the trainee has not finished answering.
  function answerOf(q) {
    var type = q.dataset.type;
    if (type === "ordering") {
      return all(q, ".quiz__order-item").map(function (li) { return li.dataset.key; });
    }
    if (type === "matching") {
      var picks = all(q, ".quiz__pair").map(function (pair) {
        return pair.querySelector("select").value;
      });
      return picks.indexOf("") >= 0 ? null : picks;
    }
    var chosen = all(q, ".quiz__input:checked").map(function (input) { return input.value; });
    return chosen.length ? chosen : null;
  }

  function isCorrect(q, answer) {
    var type = q.dataset.type;
    if (type === "ordering") {
      return answer.every(function (key, index) { return key === String(index); });
    }
    if (type === "matching") {
      return all(q, ".quiz__pair").every(function (pair, index) {
        return answer[index] === pair.dataset.key;
      });
    }
    var right = all(q, ".quiz__option[data-correct]").map(function (o) { return o.dataset.key; });
    return right.length === answer.length && right.every(function (key) {
      return answer.indexOf(key) >= 0;
    });
  }

  function setAnswer(q, answer) {
    var type = q.dataset.type;
    if (!Array.isArray(answer)) return;
    if (type === "ordering") {
      var list = q.querySelector(".quiz__order");
      answer.forEach(function (key) {
        var item = list.querySelector('[data-key="' + Number(key) + '"]');
        if (item) list.appendChild(item);
      });
    } else if (type === "matching") {
      all(q, ".quiz__pair select").forEach(function (select, index) {
        select.value = answer[index] == null ? "" : String(answer[index]);
      });
    } else {
      all(q, ".quiz__input").forEach(function (input) {
        input.checked = answer.indexOf(input.value) >= 0;
      });
    }
  }

  /* --- Feedback ------------------------------------------------------------------------ */

  function showFeedback(q, answer, correct) {
    var box = q.querySelector(".quiz__feedback");
    var answerBox = q.querySelector(".quiz__answer-body");
    box.textContent = "";
    var verdict = element("p", "quiz__verdict quiz__verdict--" + (correct ? "right" : "wrong"),
      correct ? "✓ 回答正确" : "✗ 回答错误");
    box.appendChild(verdict);
    all(q, ".quiz__option").forEach(function (option) {
      var picked = answer.indexOf(option.dataset.key) >= 0;
      var right = option.hasAttribute("data-correct");
      mark(option, right ? "answer" : picked ? "wrong" : null,
        right ? (picked ? "✓ 你的选择，正确" : "✓ 正确答案") : picked ? "✗ 你的选择" : "");
      if (picked) {
        var said = answerBox.querySelector('[data-feedback-for="' + option.dataset.key + '"]');
        if (said) box.appendChild(said.cloneNode(true));
      }
    });
    if (q.dataset.type === "matching") {
      all(q, ".quiz__pair").forEach(function (pair, index) {
        var ok = answer[index] === pair.dataset.key;
        mark(pair, ok ? "answer" : "wrong", ok ? "✓" : "✗");
      });
    }
    if (!correct) box.appendChild(answerBox.querySelector(".quiz__solution").cloneNode(true));
    ["quiz__explanation", "quiz__ref"].forEach(function (name) {
      var part = answerBox.querySelector("." + name);
      if (part) box.appendChild(part.cloneNode(true));
    });
    q.classList.add("quiz__question--checked");
    q.classList.toggle("quiz__question--right", correct);
    q.classList.toggle("quiz__question--wrong", !correct);
  }

  function clearFeedback(q) {
    q.querySelector(".quiz__feedback").textContent = "";
    q.classList.remove("quiz__question--checked", "quiz__question--right",
      "quiz__question--wrong");
    all(q, "[data-quiz-mark]").forEach(function (node) { mark(node, null, ""); });
  }

  function mark(node, state, text) {
    node.classList.remove("quiz__mark--answer", "quiz__mark--wrong");
    var old = node.querySelector(":scope > .quiz__badge");
    if (old) old.remove();
    node.removeAttribute("data-quiz-mark");
    if (!state) return;
    node.setAttribute("data-quiz-mark", "");
    node.classList.add("quiz__mark--" + state);
    node.appendChild(element("span", "quiz__badge", text));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* --- The quiz ------------------------------------------------------------------------ */

  function check(q) {
    var quiz = q.closest("[data-quiz]");
    var answer = answerOf(q);
    if (!answer) {
      clearFeedback(q);
      q.querySelector(".quiz__feedback").appendChild(element("p", "quiz__verdict",
        q.dataset.type === "matching" ? "请先为每一项选好配对，再按“检查”。" : "请先作答，再按“检查”。"));
      return;
    }
    var correct = isCorrect(q, answer);
    q.dataset.quizChecks = String(Number(q.dataset.quizChecks || 0) + 1);
    showFeedback(q, answer, correct);
    var data = load();
    record(data, quiz.dataset.quiz)[q.dataset.question] = { h: q.dataset.hash, a: answer, ok: correct };
    quiz.classList.toggle("quiz--unsaved", !save(data));
    summarize(quiz);
  }

  function summarize(quiz) {
    var questions = questionsOf(quiz);
    var checked = questions.filter(function (q) { return q.classList.contains("quiz__question--checked"); });
    var right = checked.filter(function (q) { return q.classList.contains("quiz__question--right"); });
    var result = quiz.querySelector(".quiz__result");
    var retry = quiz.querySelector("[data-quiz-action=retry]");
    retry.hidden = checked.length === 0;
    if (checked.length < questions.length) {
      result.textContent = checked.length ? "已完成 " + checked.length + " / " + questions.length + " 题。" : "";
      result.className = "quiz__result";
      return;
    }
    var score = Math.round(100 * right.length / questions.length);
    var passed = score >= Number(quiz.dataset.passMark);
    result.className = "quiz__result quiz__result--" + (passed ? "passed" : "failed");
    result.textContent = (passed ? "✓ 已通过！" : "✗ 未通过。") + "得分 " + score + "%（答对 " +
      right.length + " / " + questions.length + " 题），通过线 " + quiz.dataset.passMark + "%。" +
      (passed ? "" : "看看答错的题目下面的解释，回到课文复习后按“重新测验”再试一次。");
  }

  function shuffle(q) {
    var type = q.dataset.type;
    var parent = type === "ordering" ? q.querySelector(".quiz__order")
      : type === "matching" ? null : q.querySelector(".quiz__options");
    if (parent) {
      var children = Array.prototype.slice.call(parent.children);
      do {
        shuffled(children.length).forEach(function (i) { parent.appendChild(children[i]); });
        // An ordering question must never start in its answer.
      } while (type === "ordering" && isCorrect(q, answerOf(q)));
    }
    all(q, ".quiz__select").forEach(function (select) {
      var options = Array.prototype.slice.call(select.options, 1);
      shuffled(options.length).forEach(function (i) { select.appendChild(options[i]); });
      select.value = "";
    });
  }

  function shuffled(n) {
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(Math.random() * (j + 1));
      var t = order[j]; order[j] = order[k]; order[k] = t;
    }
    return order;
  }

  function reset(quiz) {
    questionsOf(quiz).forEach(function (q) {
      clearFeedback(q);
      all(q, ".quiz__input").forEach(function (input) { input.checked = false; });
      shuffle(q);
    });
    var data = load();
    delete data.quizzes[quiz.dataset.quiz];
    save(data);
    summarize(quiz);
    var first = quiz.querySelector(".quiz__question");
    if (first) {
      first.scrollIntoView({ block: "start" });
      var control = first.querySelector("input, select, button");
      if (control) control.focus({ preventScroll: true });
    }
  }

  function move(button) {
    var item = button.closest(".quiz__order-item");
    var step = Number(button.dataset.quizMove);
    var sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    item.parentNode.insertBefore(item, step < 0 ? sibling : sibling.nextElementSibling);
    button.focus();
    var q = item.closest("[data-question]");
    clearFeedback(q);
    var position = Array.prototype.indexOf.call(item.parentNode.children, item) + 1;
    q.querySelector(".quiz__feedback").appendChild(element("p", "quiz__moved",
      "已移到第 " + position + " 位：" + item.querySelector(".quiz__order-text").textContent));
  }

  function mountQuiz(quiz) {
    quiz.setAttribute("data-quiz-ready", "");
    quiz.querySelector(".quiz__stage-open").hidden = false;
    var data = load();
    var saved = record(data, quiz.dataset.quiz);
    var current = {};
    questionsOf(quiz).forEach(function (q) {
      current[q.dataset.question] = true;
      all(q, "[hidden]:not(.quiz__summary [hidden])").forEach(function (node) { node.hidden = false; });
      q.querySelector(".quiz__answer").hidden = true;
      shuffle(q);
      var entry = saved[q.dataset.question];
      if (!isObject(entry) || entry.h !== q.dataset.hash || !Array.isArray(entry.a)) {
        delete saved[q.dataset.question];  // the question changed since: its answer is void
        return;
      }
      setAnswer(q, entry.a.map(String));
      var answer = answerOf(q);
      if (answer) showFeedback(q, answer, isCorrect(q, answer));
    });
    Object.keys(saved).forEach(function (id) { if (!current[id]) delete saved[id]; });
    save(data);
    summarize(quiz);
  }

  /* --- Classroom mode: one question at a time, large, for a projector ---------------- */

  // It reads the quiz rendered on the page (no second copy of the data). Next (→ ↓ PageDown
  // Space) first reveals the answer, then moves on, so a two-button presenter remote drives
  // it; back (← ↑ PageUp) goes to the previous question; Esc leaves.
  var stage = null;

  function openStage(quiz, opener) {
    var box = element("div", "quiz-stage");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", "课堂模式：" + quiz.querySelector(".quiz__title").textContent);
    var top = element("div", "quiz-stage__bar");
    var where = element("p", "quiz-stage__progress");
    where.setAttribute("aria-live", "polite");
    top.appendChild(where);
    top.appendChild(stageButton("退出（Esc）", "close"));
    var body = element("div", "quiz-stage__body md-typeset");
    body.tabIndex = 0;  // it scrolls when a question is long: the keyboard must reach it
    var controls = element("div", "quiz-stage__bar");
    ["上一题", "显示答案", "下一题"].forEach(function (label, i) {
      controls.appendChild(stageButton(label, ["back", "reveal", "next"][i]));
    });
    box.appendChild(top);
    box.appendChild(body);
    box.appendChild(controls);
    box.appendChild(element("p", "quiz-stage__keys", "翻页笔或键盘：→ / 空格 先显示答案，再到下一题；← 上一题；Esc 退出"));
    document.body.appendChild(box);
    document.documentElement.classList.add("quiz-stage-on");
    stage = { box: box, body: body, where: where, quiz: quiz, opener: opener, index: 0, shown: false };
    showStep();
    box.querySelector("[data-stage=next]").focus();
  }

  function stageButton(label, action) {
    var button = element("button", "quiz-stage__button", label);
    button.type = "button";
    button.dataset.stage = action;
    return button;
  }

  function showStep() {
    var questions = questionsOf(stage.quiz);
    var q = questions[stage.index];
    var body = stage.body;
    body.textContent = "";
    stage.where.textContent = "第 " + (stage.index + 1) + " / " + questions.length + " 题";
    [".quiz__scenario", ".quiz__text"].forEach(function (selector) {
      var part = q.querySelector(selector);
      if (part) body.appendChild(part.cloneNode(true));
    });
    var items = all(q, ".quiz__option, .quiz__order-item, .quiz__pair");
    if (q.dataset.type !== "ordering") {
      items.sort(function (a, b) { return a.dataset.key - b.dataset.key; });
    }
    var list = element("ul", "quiz-stage__options");
    items.forEach(function (item, i) {
      var li = element("li", "quiz-stage__option");
      var text = item.querySelector(".quiz__label, .quiz__order-text, .quiz__pair-left");
      li.appendChild(element("span", "quiz-stage__letter",
        q.dataset.type === "matching" ? String(i + 1) : String.fromCharCode(65 + i)));
      li.appendChild(element("span", "quiz-stage__text"));
      li.lastChild.innerHTML = text.innerHTML;  // already-escaped HTML the build rendered
      var right = stage.shown && item.hasAttribute("data-correct");
      if (right) li.appendChild(element("span", "quiz-stage__mark", "✓ 正确答案"));
      li.classList.toggle("quiz-stage__option--answer", right);
      list.appendChild(li);
    });
    body.appendChild(list);
    if (q.dataset.type === "matching") {
      var choices = element("ul", "quiz-stage__options");
      Array.prototype.slice.call(q.querySelector("select").options, 1).forEach(function (option, i) {
        var li = element("li", "quiz-stage__option");
        li.appendChild(element("span", "quiz-stage__letter", String.fromCharCode(65 + i)));
        li.appendChild(element("span", "quiz-stage__text", option.textContent));
        choices.appendChild(li);
      });
      body.appendChild(choices);
    }
    if (stage.shown) {
      var answer = q.querySelector(".quiz__answer-body");
      var reveal = element("div", "quiz-stage__answer");
      reveal.appendChild(answer.querySelector(".quiz__solution").cloneNode(true));
      reveal.appendChild(answer.querySelector(".quiz__explanation").cloneNode(true));
      body.appendChild(reveal);
    }
    var button = function (name) { return stage.box.querySelector("[data-stage=" + name + "]"); };
    button("back").disabled = stage.index === 0;
    button("reveal").textContent = stage.shown ? "隐藏答案" : "显示答案";
    button("reveal").setAttribute("aria-pressed", String(stage.shown));
    button("next").textContent = stage.index === questions.length - 1 && stage.shown ? "结束" : "下一题";
  }

  function stageStep(action) {
    var last = questionsOf(stage.quiz).length - 1;
    if (action === "close") return closeStage();
    if (action === "reveal") stage.shown = !stage.shown;
    else if (action === "back") {
      if (stage.index > 0) { stage.index--; stage.shown = false; }
    } else if (!stage.shown) stage.shown = true;
    else if (stage.index < last) { stage.index++; stage.shown = false; }
    else return closeStage();
    showStep();
  }

  function closeStage() {
    if (!stage) return;
    var opener = stage.opener;
    stage.box.remove();
    document.documentElement.classList.remove("quiz-stage-on");
    stage = null;
    if (document.body.contains(opener)) opener.focus();
  }

  var STAGE_KEYS = { ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next",
    ArrowLeft: "back", ArrowUp: "back", PageUp: "back", Escape: "close" };

  // Capture phase, so Material's own shortcuts (n, p, s, /) do not act behind the stage.
  window.addEventListener("keydown", function (event) {
    if (!stage) return;
    var action = STAGE_KEYS[event.key];
    var onButton = event.target.closest && event.target.closest("button");
    if (event.key === "Tab") {  // keep focus inside the stage
      var buttons = all(stage.box, "button:not([disabled])");
      var edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
      if (document.activeElement === edge || !stage.box.contains(document.activeElement)) {
        event.preventDefault();
        (event.shiftKey ? buttons[buttons.length - 1] : buttons[0]).focus();
      }
      return;
    }
    event.stopPropagation();
    if (!action || (event.key === " " && onButton)) return;  // Space on a button clicks it
    event.preventDefault();
    stageStep(action);
  }, true);

  /* --- The dashboard and learning path ------------------------------------------------ */

  function mountPath(path) {
    path.setAttribute("data-course-ready", "");
    var data = load();
    var probe = save(data);
    var passed = 0, done = 0;
    var items = all(path, "[data-course-quiz]");
    items.forEach(function (item) {
      var state = quizState(item, record(data, item.dataset.courseQuiz));
      if (state.passed) passed++;
      if (state.done) done++;
      var line = item.querySelector("[data-course-state]");
      line.textContent = state.text;
      line.className = "course-path__state course-path__state--" + state.kind;
    });
    var overall = path.querySelector("[data-course-overall]");
    if (overall) {
      overall.textContent = probe
        ? "已通过 " + passed + " / " + items.length + " 个模块的自测，已完成 " + done + " 个。"
        : "这个浏览器不允许保存数据（例如无痕模式或存储已满），所以无法显示你的进度；自测仍然可以做。";
    }
    var resetBox = path.querySelector("[data-course-reset]");
    if (resetBox) resetBox.hidden = !probe;
  }

  function quizState(item, saved) {
    var total = Number(item.dataset.total);
    var answered = 0, right = 0;
    item.dataset.questions.split(" ").forEach(function (pair) {
      var parts = pair.split(":");
      var entry = saved[parts[0]];
      if (isObject(entry) && entry.h === parts[1]) {
        answered++;
        if (entry.ok === true) right++;
      }
    });
    if (!answered) return { kind: "new", text: "未开始 · 共 " + total + " 题" };
    if (answered < total) return { kind: "started", text: "进行中 · 已答 " + answered + " / " + total + " 题" };
    var score = Math.round(100 * right / total);
    var passed = score >= Number(item.dataset.passMark);
    return {
      kind: passed ? "passed" : "failed", done: true, passed: passed,
      text: (passed ? "✓ 已通过" : "✗ 未通过") + " · 得分 " + score + "%（通过线 " + item.dataset.passMark + "%）"
    };
  }

  /* --- Mounting and events ----------------------------------------------------------- */

  // A quiz comes alive when it nears the screen (a screen's height ahead), not as the page
  // loads: on a slow phone the page's first seconds go to the lesson, and the quiz (the
  // heaviest part of a module page, at its end) waits until the trainee scrolls towards it.
  // Focus or printing mount it at once too.
  var nearby = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) mountNow(entry.target);
    });
  }, { rootMargin: "100% 0px" }) : null;

  function mountNow(quiz) {
    if (nearby) nearby.unobserve(quiz);
    if (quiz.hasAttribute("data-quiz-ready")) return;
    var focused = document.activeElement;
    mountQuiz(quiz);
    // Shuffling moves the options, and a moved element loses focus: give it back.
    if (quiz.contains(focused) && document.activeElement !== focused) focused.focus();
  }

  function mount() {
    if (stage && !document.body.contains(stage.quiz)) closeStage();  // left by instant navigation
    if (nearby) nearby.disconnect();  // quizzes of the page left behind
    all(document, "[data-quiz]:not([data-quiz-ready])").forEach(nearby
      ? function (quiz) { nearby.observe(quiz); } : mountQuiz);
    all(document, ".course-path:not([data-course-ready])").forEach(mountPath);
  }

  // A keyboard user may tab into a quiz before it has come near the screen.
  document.addEventListener("focusin", function (event) {
    var quiz = event.target.closest && event.target.closest("[data-quiz]");
    if (quiz) mountNow(quiz);
  }, true);
  window.addEventListener("beforeprint", function () {
    all(document, "[data-quiz]").forEach(mountNow);
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-quiz-action], [data-quiz-move], [data-course-action], [data-stage]");
    if (!target) return;
    if (target.dataset.stage) return stageStep(target.dataset.stage);
    var action = target.dataset.quizAction || target.dataset.courseAction;
    if (target.dataset.quizMove) return move(target);
    if (action === "check") return check(target.closest("[data-question]"));
    if (action === "retry") return reset(target.closest("[data-quiz]"));
    if (action === "stage") return openStage(target.closest("[data-quiz]"), target);
    var path = target.closest(".course-path");
    var confirmBox = path.querySelector("[data-course-confirm]");
    if (action === "ask-reset") {
      confirmBox.hidden = false;
      confirmBox.querySelector("[data-course-action=cancel-reset]").focus();
    } else {
      confirmBox.hidden = true;
      if (action === "reset") {
        try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing saved anyway */ }
      }
      path.removeAttribute("data-course-ready");
      mountPath(path);
      path.querySelector("[data-course-action=ask-reset]").focus();
    }
  });

  // 回到课文 scrolls to the lesson heading itself and moves focus there. Left to Material's
  // instant navigation, a same-page link tapped right after a check was sometimes undone by
  // its section tracking, leaving the trainee where they were.
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".quiz__ref a");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || link.pathname !== location.pathname) return;
    event.preventDefault();
    event.stopPropagation();
    var header = document.querySelector(".md-header");
    window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY -
      (header ? header.offsetHeight : 0) - 8);
    history.pushState(history.state, "", link.hash);
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, true);

  // Enter in a quiz must never submit the form (which would reload or scroll the page).
  document.addEventListener("submit", function (event) {
    if (event.target.closest("[data-quiz]")) event.preventDefault();
  });

  // A changed answer is no longer the checked one: clear its old verdict.
  document.addEventListener("change", function (event) {
    var q = event.target.closest("[data-quiz] [data-question]");
    if (q) clearFeedback(q);
  });

  window.courseOnEveryPage(mount);  // from assets/course.js, loaded just before this file
})();
