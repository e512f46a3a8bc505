/*
 * The certificate (结业证书 page): available once every module's quiz and the final exam are
 * passed (progress.js's rules, window.courseProgress). The trainee types a name (and, if
 * they like, a store and an employee number); the page shows a printable sheet with the
 * course, the name, the date, the modules passed, the exam's best score and a verification
 * code derived from exactly those fields.
 *
 * The code (certificateCode): the fields joined by newlines, after "service-course-
 * certificate-1": course title, name, store, employee number, date, score, the passed quizzes'
 * ids sorted and joined by commas. FNV-1a (32 bits) of that text and of "\x01" + that text;
 * the first hash and the top 8 bits of the second make 40 bits, written as 8 characters of
 * Crockford's base32, "XXXX-XXXX". A trainer checks a certificate by opening this page on the
 * trainee's phone, which works the code out again from what the phone has saved: the same
 * code, the paper matches the phone. Anyone who reads this script can make a code for any
 * name: it catches mistakes and casual edits, not forgery (README, "Certificates").
 * Loaded by course.js when a page has [data-course-script=certificate].
 */
(() => {
  "use strict";

  const { all, t, element, fnv1a: fnv } = window.courseQuiz;
  const store = window.courseStore;
  const progress = window.courseProgress;
  const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  function certificateCode(fields) {
    const text = ["service-course-certificate-1", fields.course, fields.name, fields.store,
      fields.employee, fields.date, String(fields.score), fields.modules.join(",")].join("\n");
    let value = fnv(text) * 256 + (fnv("\x01" + text) >>> 24);
    let code = "";
    for (let i = 0; i < 8; i++) {
      code = ALPHABET[value % 32] + code;
      value = Math.floor(value / 32);
    }
    return code.slice(0, 4) + "-" + code.slice(4);
  }

  // What a trainer types: any case, with or without the hyphen, I/L for 1 and O for 0.
  const normalized = code => code.toUpperCase().replace(/[IL]/g, "1").replace(/O/g, "0")
    .replace(/[^0-9A-Z]/g, "");

  // The sheet's fields from what this phone has saved (null: not every requirement met).
  function fieldsOf(box, data) {
    const items = all(box, "[data-course-quiz]");
    if (!data.profile || !progress.allPassed(data, items)) return null;
    const best = data.exams.filter(a => a.passed).reduce((a, b) => (b.score > a.score ? b : a));
    return {
      course: box.dataset.courseTitle,
      name: data.profile.name,
      store: data.profile.store || "",
      employee: data.profile.employee || "",
      date: data.profile.date,
      score: best.score,
      modules: items.map(item => item.dataset.courseQuiz).sort(),
      titles: items.map(item => item.dataset.title),
    };
  }

  function show(box) {
    const data = store.load();
    const items = all(box, "[data-course-quiz]");
    items.forEach(item => progress.showState(item, data));
    const best = progress.examBest(data);
    const passed = data.exams.filter(a => a.passed);
    const examLine = box.querySelector("[data-exam-state]");
    examLine.textContent = passed.length
      ? t("certExamPassed", { score: Math.max(...passed.map(a => a.score)) })
      : best ? t("journeyExamFailed", { score: best.score }) : t("certExamMissing");
    examLine.className = "course-path__state course-path__state--" + (passed.length ? "passed" : best ? "failed" : "new");

    const ready = progress.allPassed(data, items);
    box.querySelector("[data-certificate-status]").textContent = t(ready ? "certReady" : "certLocked");
    const form = box.querySelector("[data-certificate-form]");
    const fields = fieldsOf(box, data);
    form.hidden = !ready || Boolean(fields) && !box.hasAttribute("data-editing");
    if (ready && data.profile) {
      form.elements.name.value = form.elements.name.value || data.profile.name;
      form.elements.store.value = form.elements.store.value || data.profile.store || "";
      form.elements.employee.value = form.elements.employee.value || data.profile.employee || "";
    }
    const sheet = box.querySelector("[data-certificate-sheet]");
    sheet.hidden = !fields || !form.hidden;
    box.querySelector("[data-certificate-actions]").hidden = sheet.hidden;
    box.querySelector("[data-certificate-verify]").hidden = sheet.hidden;
    if (fields && !sheet.hidden) fill(sheet, fields);
  }

  function fill(sheet, f) {
    const field = name => sheet.querySelector('[data-field="' + name + '"]');
    field("course").textContent = f.course;
    field("name").textContent = f.name;
    const details = [];
    if (f.store) details.push(t("certStore", { store: f.store }));
    if (f.employee) details.push(t("certEmployee", { employee: f.employee }));
    field("details").textContent = details.join(t("certSeparator"));
    field("details").hidden = !details.length;
    field("text").textContent = t("certText", { course: f.course, count: f.modules.length });
    const list = field("modules");
    list.textContent = "";
    f.titles.forEach(title => list.appendChild(element("li", "", title)));
    field("score").textContent = t("certScore", { score: f.score });
    field("date").textContent = t("certDate", { date: f.date });
    field("code").textContent = certificateCode(f);
  }

  function mount() {
    all(document, "[data-certificate]:not([data-certificate-ready])").forEach(box => {
      box.setAttribute("data-certificate-ready", "");
      show(box);
    });
  }

  document.addEventListener("submit", event => {
    const form = event.target;
    const box = form.closest("[data-certificate]");
    if (!box) return;
    event.preventDefault();
    if (form.hasAttribute("data-certificate-verify")) {
      const fields = fieldsOf(box, store.load());
      const verdict = box.querySelector("[data-certificate-verdict]");
      verdict.textContent = !fields ? t("certNoRecord")
        : t(normalized(form.elements.code.value) === normalized(certificateCode(fields))
          ? "certMatch" : "certNoMatch");
      return;
    }
    const name = form.elements.name.value.trim();
    const problem = box.querySelector("[data-certificate-problem]");
    if (!name) {
      problem.textContent = t("certNeedName");
      form.elements.name.setAttribute("aria-invalid", "true");
      form.elements.name.focus();
      return;
    }
    problem.textContent = "";
    form.elements.name.removeAttribute("aria-invalid");
    const saved = store.load().profile;
    document.dispatchEvent(new CustomEvent("certificate:saved", { detail: {
      name,
      store: form.elements.store.value.trim(),
      employee: form.elements.employee.value.trim(),
      date: saved && saved.date ? saved.date : store.dayOf(Date.now()),
    } }));
    box.removeAttribute("data-editing");
    show(box);
    box.querySelector("[data-certificate-sheet]").scrollIntoView({ block: "start" });
    box.querySelector("[data-certificate-action=print]").focus({ preventScroll: true });
  });

  document.addEventListener("click", event => {
    const target = event.target.closest("[data-certificate-action]");
    if (!target) return;
    const box = target.closest("[data-certificate]");
    if (target.dataset.certificateAction === "print") {
      window.print();
    } else {
      box.setAttribute("data-editing", "");
      show(box);
      box.querySelector("#certificate-name").focus();
    }
  });

  window.courseOnEveryPage(mount);
})();
