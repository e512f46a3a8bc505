/*
 * The LMS bridge: SCORM 1.2, only in the packages (scorm/export.py starts it after the
 * course's scripts, before any quiz mounts). Without an LMS it does nothing at all.
 *
 * It finds the LMS's API (`API` in this window, its parents, up to 7 levels, or its opener's),
 * calls LMSInitialize, and then:
 *   - restores the quiz's answers from cmi.suspend_data into the store (courseStore, the
 *     course's only storage code), so the quiz mounts with them as on the site; with no
 *     suspend data the quiz starts empty, whatever this browser kept (the LMS is the record,
 *     and a shared computer may hold another trainee's answers);
 *   - marks a first visit "incomplete" (lesson_status "not attempted" before);
 *   - on each quiz:checked (after the store has saved it) writes the quiz's saved answers to
 *     cmi.suspend_data, as JSON, and commits; quiz:reset empties it;
 *   - on quiz:finished reports cmi.core.score.raw/min/max (0-100) and lesson_status
 *     "passed"/"failed" (the attempt just finished, as the page shows it), and commits;
 *   - on pagehide sets cmi.core.exit "suspend" (the next visit resumes) and calls LMSFinish.
 * suspend_data: {"quiz": "<quiz id>", "answers": {<question id>: {hash, answer, ok}}}, the
 * store's own record of the quiz (see store.js); SCORM 1.2 allows 4096 characters, and a
 * record that would not fit is not sent (the LMS keeps the last one that did).
 */
(() => {
  "use strict";

  const LIMIT = 4096;  // cmi.suspend_data's size in SCORM 1.2 (CMIString4096)
  const quiz = document.querySelector("section.quiz[data-quiz][data-pass-mark]");
  const store = window.courseStore;
  const api = find(window) || (window.opener ? find(window.opener) : null);
  if (!api || !quiz || !store) return;
  if (String(api.LMSInitialize("")) !== "true") return;

  const quizId = quiz.dataset.quiz;
  let finished = false;

  const get = name => String(api.LMSGetValue(name) || "");
  const set = (name, value) => {
    if (!finished) api.LMSSetValue(name, String(value));
  };
  const commit = () => {
    if (!finished) api.LMSCommit("");
  };

  if (["", "not attempted"].includes(get("cmi.core.lesson_status"))) {
    set("cmi.core.lesson_status", "incomplete");
  }
  restore(get("cmi.suspend_data"));
  commit();

  document.addEventListener("quiz:checked", event => {
    if (event.detail.quizId === quizId) saveAnswers();
  });
  document.addEventListener("quiz:reset", event => {
    if (event.detail.quizId === quizId) saveAnswers();
  });
  document.addEventListener("quiz:finished", event => {
    const { quizId: id, score, passed } = event.detail;
    if (id !== quizId) return;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", score);
    set("cmi.core.lesson_status", passed ? "passed" : "failed");
    commit();
  });
  window.addEventListener("pagehide", () => {
    if (finished) return;
    set("cmi.core.exit", "suspend");
    finished = true;
    api.LMSFinish("");
  });

  // The store's record of this quiz, from the LMS's suspend data (none: an empty record).
  function restore(text) {
    let answers = {};
    try {
      const saved = JSON.parse(text);
      if (saved && saved.quiz === quizId && saved.answers && typeof saved.answers === "object") {
        answers = saved.answers;
      }
    } catch (e) { /* no suspend data yet, or not ours: start empty */ }
    const data = store.load();
    data.quizzes[quizId] = { answers };
    store.save(data);
  }

  function saveAnswers() {
    const answers = store.answersOf(store.load(), quizId);
    const text = JSON.stringify({ quiz: quizId, answers });
    if (text.length > LIMIT) return;
    set("cmi.suspend_data", text);
    commit();
  }

  // The SCORM 1.2 API in `win` or one of its parents (a frame of another host: not there).
  function find(win) {
    for (let level = 0; win && level <= 7; level++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) {
        return null;
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
})();
