/*
 * Saved progress: the only code in the course that touches localStorage.
 *
 * The format, version 3, under the key "service-course:progress:3":
 *
 *   { "version": 3,
 *     "quizzes": {
 *       "<quiz id>": {
 *         "answers": {
 *           "<question id>": { "hash": "<the question's data-hash>", "answer": ["<key>", …],
 *                              "ok": true, "at": <ms since 1970> } } } },
 *     "notebook": {                                   the 错题本 (notebook.js shows it)
 *       "<question id>": { "quiz": "<quiz id>", "days": ["2026-12-03", …], "at": <ms>,
 *                          "out": true } },             out: it has left the notebook
 *     "exams": [ { "at": <ms>, "score": 85, "passed": true, "right": 30, "total": 36,
 *                  "modules": { "<quiz id>": [<right>, <of>] } } ],    every attempt
 *     "profile": { "name": "…", "store": "…", "employee": "…", "date": "2026-12-03",
 *                  "at": <ms> } }                      the certificate's fields, once given
 *
 * `answer` is the answer as types.js reads it (a list of keys, see there) and `ok` whether it
 * was right when it was checked. An answer counts only while `hash` is the question's: when
 * the question's content changes, the build gives it a new hash and its old answer is void.
 * `at` says when each thing was saved, so that progress brought from another phone
 * (transfer.js) never replaces a newer answer with an older one.
 *
 * The notebook's rule (Leitner's boxes, two of them): a question answered wrongly anywhere
 * (a module's quiz, the notebook, the final exam) goes in, with no days; each later day it is
 * answered right adds that day; right on two different days, it leaves. Wrong again while in
 * it: its days start again. (Days are the phone's local calendar days.)
 *
 * Older versions, each under its own key:
 *   2 (2026-12), "service-course:progress:2": as 3, without `at`, notebook, exams, profile.
 *   1 (quiz.js until 2026-12), "service-course:progress":
 *     { "v": 1, "quizzes": { "<quiz id>": { "q": { "<question id>": { "h", "a", "ok" } } } } }
 *
 * load() reads the newest version's key that holds progress and brings it up to this version,
 * one step per version (STEPS): so the first load after an update takes the older version's
 * answers across, every one kept, and the first save writes them under this version's key. Why
 * a key per version: the service worker keeps the previous publish's pages for offline use, so
 * a phone may still run an older client after this one. Under one shared key that client would
 * not know the newer format, start afresh and save over it; under its own key it only ever
 * sees (and changes) its own older data, and the newer progress is safe. (What it saves
 * there after the update stays there: this client no longer reads an older key once its own
 * holds progress.) A version's key is only removed by clear(), which removes them all.
 *
 * A new version: add its key to KEYS, a STEPS entry from the previous one, and bump VERSION.
 * The English edition keeps its progress apart, under the same keys with "service-course:en:"
 * in place of "service-course:" (its strings.en.js sets courseStrings.storagePrefix).
 *
 * Storage that is disabled, full or holds garbage never throws: load() then gives what it can
 * read (nothing, at worst) and save() returns false. Nothing here knows the page, except the
 * listeners at the end: saving follows the quizzes' and the exam's events (quiz.js, exam.js),
 * so a quiz never saves.
 */
(() => {
  "use strict";

  const VERSION = 3;
  const PREFIX = (window.courseStrings || {}).storagePrefix || "service-course:";
  const KEYS = { 1: PREFIX + "progress", 2: PREFIX + "progress:2", 3: PREFIX + "progress:3" };

  // STEPS[n] turns version n's data into version n + 1's.
  const STEPS = {
    1: old => ({
      version: 2,
      quizzes: each(old.quizzes, quiz => ({
        answers: each(quiz.q, entry => ({ hash: entry.h, answer: entry.a, ok: entry.ok === true })),
      })),
    }),
    2: old => ({
      version: 3,
      quizzes: each(old.quizzes, quiz => ({
        answers: each(quiz.answers, entry => ({ ...entry, at: 0 })),  // saved: "before now"
      })),
      notebook: {},
      exams: [],
    }),
  };

  // A plain object, as JSON.parse makes them (not null, an array or a string).
  const isObject = value => value != null && value.constructor === Object;

  // The object's object values, each through `change`; anything else is garbage, left out.
  function each(object, change) {
    const result = {};
    Object.keys(isObject(object) ? object : result).forEach(key => {
      if (isObject(object[key])) result[key] = change(object[key]);
    });
    return result;
  }

  // Storage may be disabled, full or hold garbage: then `fallback`.
  function safely(action, fallback) {
    try {
      return action();
    } catch (e) {
      return fallback;
    }
  }

  // Data saved as version `version`, brought up to this version step by step (null: garbage).
  function migrate(data, version) {
    if (!isObject(data) || (data.version || data.v) !== version) return null;
    while (version < VERSION) data = STEPS[version++](data);
    if (!isObject(data.quizzes)) return null;
    if (!isObject(data.notebook)) data.notebook = {};
    if (!Array.isArray(data.exams)) data.exams = [];
    return data;
  }

  // Everything saved, in this version's format: the newest version's key that holds any.
  function load() {
    for (let version = VERSION; version > 0; version--) {
      const data = migrate(safely(() => JSON.parse(localStorage.getItem(KEYS[version]))), version);
      if (data) return data;
    }
    return empty();
  }

  const empty = () => ({ version: VERSION, quizzes: {}, notebook: {}, exams: [] });

  // Saves what load() gave, changed or not; false if it could not.
  function save(data) {
    return safely(() => {
      localStorage.setItem(KEYS[VERSION], JSON.stringify(data));
      return true;
    }, false);
  }

  // Forgets everything, under every version's key.
  function clear() {
    safely(() => {
      for (let version = 1; version <= VERSION; version++) localStorage.removeItem(KEYS[version]);
    });
  }

  // The quiz's answers in `data`, by question id (an empty record if it has none yet).
  function answersOf(data, quizId) {
    let quiz = data.quizzes[quizId];
    if (!isObject(quiz) || !isObject(quiz.answers)) quiz = data.quizzes[quizId] = { answers: {} };
    return quiz.answers;
  }

  // The phone's calendar day of the time `at` (ms), as "2026-12-03".
  function dayOf(at) {
    const date = new Date(at);
    const two = n => String(n).padStart(2, "0");
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate());
  }

  // The notebook's rule (see the top of this file), for one checked answer at time `at`.
  function note(data, quizId, questionId, ok, at) {
    const entry = data.notebook[questionId];
    if (!ok) {
      data.notebook[questionId] = { quiz: quizId, days: [], at };
      return;
    }
    if (!isObject(entry) || entry.out || !Array.isArray(entry.days)) return;
    const day = dayOf(at);
    if (!entry.days.includes(day)) entry.days.push(day);
    entry.at = at;
    if (entry.days.length >= 2) entry.out = true;
  }

  // The questions in the notebook now, by question id.
  function notebook(data) {
    const open = {};
    Object.keys(data.notebook).forEach(id => {
      const entry = data.notebook[id];
      if (isObject(entry) && !entry.out) open[id] = entry;
    });
    return open;
  }

  window.courseStore = {
    VERSION, load, save, clear, answersOf, migrate, empty, isObject, notebook, dayOf,
  };

  // Saving. These run before the listeners of scripts loaded later (progress.js), so those
  // find the answer saved.
  document.addEventListener("quiz:checked", event => {
    const { quizId, questionId, hash, answer, ok } = event.detail;
    const data = load();
    const at = Date.now();
    answersOf(data, quizId)[questionId] = { hash, answer, ok, at };
    note(data, quizId, questionId, ok, at);
    save(data);
  });
  // One attempt at the final exam: recorded, and each question's result goes to the notebook
  // as a module quiz's would (the exam's answers are not the quizzes' saved answers).
  document.addEventListener("exam:submitted", event => {
    const { score, passed, right, total, modules, results } = event.detail;
    const data = load();
    const at = Date.now();
    data.exams.push({ at, score, passed, right, total, modules });
    results.forEach(r => note(data, r.quizId, r.questionId, r.ok, at));
    save(data);
  });
  // The certificate's fields, as the trainee typed them.
  document.addEventListener("certificate:saved", event => {
    const data = load();
    data.profile = { ...event.detail, at: Date.now() };
    save(data);
  });
  document.addEventListener("quiz:reset", event => {
    const data = load();
    delete data.quizzes[event.detail.quizId];
    save(data);
  });
})();
