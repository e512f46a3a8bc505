/*
 * Moving progress to another phone (the dashboard's 换一部手机): export everything saved as a
 * file, or as a transfer code (text, and a QR code holding a link to this page with the code,
 * so a new phone's camera opens the import); import merges it into what this phone has.
 *
 * The file: { "course": "service-course", "format": 1, "exported": "<ISO time>",
 *             "progress": <store.js's data, any version> }: whole and readable.
 * The code: "SC1z." (deflate-raw, where the browser has CompressionStream) or "SC1j." (not
 * compressed), then base64url of a compact form (compact/expand below) small enough for a QR
 * code: questions by their place in this publish's list (the dashboard's rows), with a
 * checksum of that list, so a code from another publish is refused rather than misread.
 *
 * Importing never loses what is newer: for each answer, notebook entry and the certificate's
 * fields the later `at` wins (this phone's on a tie), exam attempts are added to the list. A
 * file that is not JSON, not this course's, damaged, or from a newer version is refused with
 * a message, and nothing is changed. Loaded by course.js for [data-course-script=transfer].
 */
(() => {
  "use strict";

  const { all, t, fnv1a } = window.courseQuiz;
  const store = window.courseStore;
  const { isObject } = store;
  const COURSE = "service-course";
  const FORMAT = 1;

  class Refused extends Error {}  // message: the strings.zh.js key to show

  /* --- The file ------------------------------------------------------------------------- */

  function exportFile() {
    return { course: COURSE, format: FORMAT, exported: new Date().toISOString(), progress: store.load() };
  }

  // A parsed file's progress, brought up to this version and checked; or Refused.
  function readFile(file) {
    if (!isObject(file) || !("course" in file)) throw new Refused("transferDamaged");
    if (file.course !== COURSE) throw new Refused("transferForeign");
    if (typeof file.format !== "number" || !isObject(file.progress)) throw new Refused("transferDamaged");
    const version = file.progress.version || file.progress.v;
    if (file.format > FORMAT || version > store.VERSION) throw new Refused("transferNewer");
    const data = store.migrate(file.progress, version);
    if (!data || !wellFormed(data)) throw new Refused("transferDamaged");
    return data;
  }

  function wellFormed(data) {
    const answersOk = Object.values(data.quizzes).every(quiz => isObject(quiz) &&
      isObject(quiz.answers) && Object.values(quiz.answers).every(a => isObject(a) &&
        typeof a.hash === "string" && Array.isArray(a.answer) && typeof a.ok === "boolean"));
    const notesOk = Object.values(data.notebook).every(n => isObject(n) && Array.isArray(n.days));
    const examsOk = data.exams.every(e => isObject(e) && typeof e.score === "number");
    return answersOk && notesOk && examsOk && (data.profile === undefined || isObject(data.profile));
  }

  // `incoming` merged into `local` (changed in place); how many things it added or renewed.
  function merge(local, incoming) {
    const counts = { answers: 0, notebook: 0, exams: 0, profile: 0 };
    const newer = (a, b) => !b || (a.at || 0) > (b.at || 0);
    Object.keys(incoming.quizzes).forEach(quizId => {
      const mine = store.answersOf(local, quizId);
      Object.entries(incoming.quizzes[quizId].answers).forEach(([id, entry]) => {
        if (newer(entry, mine[id])) {
          mine[id] = entry;
          counts.answers++;
        }
      });
    });
    Object.entries(incoming.notebook).forEach(([id, entry]) => {
      if (newer(entry, local.notebook[id])) {
        local.notebook[id] = entry;
        counts.notebook++;
      }
    });
    const seen = new Set(local.exams.map(e => e.at + ":" + e.score));
    incoming.exams.forEach(e => {
      if (seen.has(e.at + ":" + e.score)) return;
      local.exams.push(e);
      counts.exams++;
    });
    local.exams.sort((a, b) => a.at - b.at);
    if (incoming.profile && newer(incoming.profile, local.profile)) {
      local.profile = incoming.profile;
      counts.profile++;
    }
    return counts;
  }

  /* --- The code ------------------------------------------------------------------------- */

  // This publish's questions, from the dashboard's rows: [quiz id, question id, hash].
  function questionList() {
    const list = [];
    all(document, "[data-course-quiz]").forEach(row => {
      row.dataset.questions.split(" ").forEach(pair => {
        const [id, hash] = pair.split(":");
        list.push([row.dataset.courseQuiz, id, hash]);
      });
    });
    return list;
  }

  const checksum = list => fnv1a(list.map(q => q.join(":")).join(" ")).toString(36);

  // Times in the code: seconds after the earliest one (`b`).
  function compact(data, list) {
    const place = new Map(list.map((q, i) => [q[1], i]));
    const quizzes = [...new Set(list.map(q => q[0]))];
    const times = [];
    const answers = [];
    list.forEach(([quizId, id, hash], i) => {
      const entry = (data.quizzes[quizId] || { answers: {} }).answers[id];
      if (entry && entry.hash === hash) answers.push([i, entry.answer.join("."), entry.ok ? 1 : 0, entry.at || 0]);
    });
    const notes = Object.entries(data.notebook).filter(([id]) => place.has(id))
      .map(([id, n]) => [place.get(id), n.days.join("."), n.at || 0, n.out ? 1 : 0]);
    const exams = data.exams.map(e => [e.at || 0, e.score, e.passed ? 1 : 0, e.right, e.total,
      Object.entries(e.modules || {}).map(([quizId, [r, n]]) => [quizzes.indexOf(quizId), r, n])]);
    const p = data.profile;
    answers.forEach(a => times.push(a[3]));
    notes.forEach(n => times.push(n[2]));
    exams.forEach(e => times.push(e[0]));
    if (p) times.push(p.at || 0);
    const base = Math.floor(Math.min(...times.filter(x => x > 0), Date.now()) / 1000);
    const rel = at => (at ? Math.round(at / 1000) - base : -1);
    answers.forEach(a => { a[3] = rel(a[3]); });
    notes.forEach(n => { n[2] = rel(n[2]); });
    exams.forEach(e => { e[0] = rel(e[0]); });
    return { k: checksum(list), b: base, a: answers, n: notes, e: exams,
      p: p ? [p.name, p.store || "", p.employee || "", p.date, rel(p.at)] : 0 };
  }

  function expand(c, list) {
    if (!isObject(c) || c.k !== checksum(list)) throw new Refused("transferNewer");
    const quizzes = [...new Set(list.map(q => q[0]))];
    const abs = s => (s >= 0 ? (c.b + s) * 1000 : 0);
    const data = store.empty();
    c.a.forEach(([i, answer, ok, at]) => {
      const [quizId, id, hash] = list[i];
      store.answersOf(data, quizId)[id] = {
        hash, answer: answer === "" ? [] : String(answer).split("."), ok: ok === 1, at: abs(at),
      };
    });
    c.n.forEach(([i, days, at, out]) => {
      const entry = { quiz: list[i][0], days: days ? String(days).split(".") : [], at: abs(at) };
      if (out) entry.out = true;
      data.notebook[list[i][1]] = entry;
    });
    data.exams = c.e.map(([at, score, passed, right, total, modules]) => ({
      at: abs(at), score, passed: passed === 1, right, total,
      modules: Object.fromEntries(modules.map(([q, r, n]) => [quizzes[q], [r, n]])),
    }));
    if (c.p) data.profile = { name: c.p[0], store: c.p[1], employee: c.p[2], date: c.p[3], at: abs(c.p[4]) };
    return data;
  }

  const toBase64url = bytes => btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const fromBase64url = text => Uint8Array.from(
    atob(text.replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));

  async function through(bytes, stream) {
    return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
  }

  async function encode(data) {
    const bytes = new TextEncoder().encode(JSON.stringify(compact(data, questionList())));
    if (typeof CompressionStream === "function") {
      return "SC1z." + toBase64url(await through(bytes, new CompressionStream("deflate-raw")));
    }
    return "SC1j." + toBase64url(bytes);
  }

  async function decode(text) {
    const match = /^SC(\d+)([zj])\.([A-Za-z0-9_-]+)$/.exec(text.trim().replace(/\s+/g, ""));
    if (!match) throw new Refused("transferDamaged");
    if (Number(match[1]) > FORMAT) throw new Refused("transferNewer");
    let bytes;
    try {
      bytes = fromBase64url(match[3]);
      if (match[2] === "z") bytes = await through(bytes, new DecompressionStream("deflate-raw"));
      const c = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      return expand(c, questionList());
    } catch (error) {
      if (error instanceof Refused) throw error;
      throw new Refused("transferDamaged");
    }
  }

  /* --- The page ------------------------------------------------------------------------- */

  function say(box, key, values) {
    const status = box.querySelector("[data-transfer-status]");
    status.textContent = t(key, values || {});
    status.className = "transfer__status transfer__status--" + (key.endsWith("ed") ||
      key === "transferNothingNew" ? "ok" : "problem");
  }

  function importData(box, incoming) {
    const local = store.load();
    const counts = merge(local, incoming);
    if (!store.save(local)) return say(box, "transferNoStorage");
    const changed = counts.answers + counts.notebook + counts.exams + counts.profile;
    say(box, changed ? "transferImported" : "transferNothingNew", counts);
    window.courseProgress.refresh();  // the dashboard and its summary: what is saved now
  }

  function refuse(box, error) {
    say(box, error instanceof Refused ? error.message : "transferDamaged");
  }

  function download(box) {
    const blob = new Blob([JSON.stringify(exportFile(), null, 1)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = t("transferFileName", { date: store.dayOf(Date.now()) });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  const qrLibrary = () =>
    window.courseLoad("assets/vendor/qrcode-generator-2.0.4.js").then(() => window.qrcode);

  async function showCode(box) {
    const code = await encode(store.load());
    const panel = box.querySelector("[data-transfer-code]");
    panel.hidden = false;
    panel.querySelector("textarea").value = code;
    const figure = panel.querySelector("[data-transfer-qr]");
    figure.textContent = "";
    const link = location.href.split("#")[0] + "#transfer=" + code;
    try {
      const qrcode = await qrLibrary();
      const qr = qrcode(0, "L");
      qr.addData(link, "Byte");
      qr.make();
      figure.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true,
        title: t("transferQrTitle") });  // the library's own markup; the title is escaped
    } catch (error) {
      figure.textContent = t("transferTooBig");
    }
    figure.scrollIntoView({ block: "center" });  // the whole code in view, clear of the header
    panel.querySelector("textarea").focus({ preventScroll: true });
  }

  function mount() {
    all(document, "[data-transfer]:not([data-transfer-ready])").forEach(box => {
      box.setAttribute("data-transfer-ready", "");
      box.querySelector("[data-transfer-needs-js]").hidden = true;
      box.querySelector("[data-transfer-controls]").hidden = false;
      const offered = /^#transfer=(.+)$/.exec(location.hash);
      if (offered) {
        box.querySelector("[data-transfer-in]").value = decodeURIComponent(offered[1]);
        say(box, "transferOffer");
        box.querySelector("[data-transfer-in]").scrollIntoView({ block: "center" });
      }
    });
  }

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-transfer-action]");
    if (!target) return;
    const box = target.closest("[data-transfer]");
    const action = target.dataset.transferAction;
    if (action === "export-file") download(box);
    else if (action === "export-code") showCode(box);
    else if (action === "import-text") {
      decode(box.querySelector("[data-transfer-in]").value)
        .then(data => importData(box, data), error => refuse(box, error));
    }
  });

  document.addEventListener("change", event => {
    const input = event.target.closest && event.target.closest("[data-transfer-file]");
    const file = input && input.files[0];
    if (!file) return;
    const box = input.closest("[data-transfer]");
    file.text().then(text => {
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new Refused("transferDamaged");
      }
      importData(box, readFile(parsed));
    }).catch(error => refuse(box, error)).finally(() => { input.value = ""; });
  });

  window.courseOnEveryPage(mount);
})();
