/*
 * Saved progress: the only code in the course that touches localStorage.
 *
 * The format, version 2, under the key "service-course:progress:2":
 *
 *   { "version": 2,
 *     "quizzes": {
 *       "<quiz id>": {
 *         "answers": {
 *           "<question id>": { "hash": "<the question's data-hash>", "answer": ["<key>", …],
 *                              "ok": true } } } } }
 *
 * `answer` is the answer as types.js reads it (a list of keys, see there) and `ok` whether it
 * was right when it was checked. An answer counts only while `hash` is the question's: when
 * the question's content changes, the build gives it a new hash and its old answer is void.
 *
 * Older versions, each under its own key:
 *   1 (quiz.js until 2026-12), "service-course:progress":
 *     { "v": 1, "quizzes": { "<quiz id>": { "q": { "<question id>": { "h", "a", "ok" } } } } }
 *
 * load() reads the newest version's key that holds progress and brings it up to this version,
 * one step per version (STEPS): so the first load after an update takes version 1's answers
 * across, every one kept, and the first save writes them under this version's key. Why a key
 * per version: the service worker keeps the previous publish's pages for offline use, so a
 * phone may still run an older client after this one. Under one shared key that client would
 * not know the newer format, start afresh and save over it; under its own key it only ever
 * sees (and changes) its own older data, and the newer progress is safe. (What it saves
 * there after the update stays there: this client no longer reads an older key once its own
 * holds progress.) A version's key is only removed by clear(), which removes them all.
 *
 * A new version: add its key to KEYS, a STEPS entry from the previous one, and bump VERSION.
 *
 * Storage that is disabled, full or holds garbage never throws: load() then gives what it can
 * read (nothing, at worst) and save() returns false. Nothing here knows the page, except the
 * listeners at the end: saving follows the quizzes' events (quiz.js), so a quiz never saves.
 */
(() => {
  "use strict";

  const VERSION = 2;
  const KEYS = { 1: "service-course:progress", 2: "service-course:progress:2" };  // by version

  // STEPS[n] turns version n's data into version n + 1's.
  const STEPS = {
    1: old => ({
      version: 2,
      quizzes: each(old.quizzes, quiz => ({
        answers: each(quiz.q, entry => ({ hash: entry.h, answer: entry.a, ok: entry.ok === true })),
      })),
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
    return isObject(data.quizzes) ? data : null;
  }

  // Everything saved, in this version's format: the newest version's key that holds any.
  function load() {
    for (let version = VERSION; version > 0; version--) {
      const data = migrate(safely(() => JSON.parse(localStorage.getItem(KEYS[version]))), version);
      if (data) return data;
    }
    return { version: VERSION, quizzes: {} };
  }

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

  window.courseStore = { load, save, clear, answersOf };

  // Saving. These run before the listeners of scripts loaded later (progress.js), so those
  // find the answer saved.
  document.addEventListener("quiz:checked", event => {
    const { quizId, questionId, hash, answer, ok } = event.detail;
    const data = load();
    answersOf(data, quizId)[questionId] = { hash, answer, ok };
    save(data);
  });
  document.addEventListener("quiz:reset", event => {
    const data = load();
    delete data.quizzes[event.detail.quizId];
    save(data);
  });
})();
