/*
 * The question types, one entry each: all that differs between them is here, so nothing else
 * in the client asks which type a question is. quiz.js checks and marks through it, stage.js
 * shows a question on the projector through it. The markup each reads is the build's
 * (overrides/partials/quiz/<type>.html).
 *
 * An answer is a list of keys (strings), as the store keeps it:
 *   single, multiple, true-false  the chosen options' keys;
 *   ordering                      the items' keys, in the order the trainee put them;
 *   matching                      for each left-hand item (in the page's order), the key of the
 *                                 right-hand item chosen for it.
 *
 * Each type has:
 *   read(q)                 the answer, or null while it is not finished
 *   set(q, answer)          shows an answer (a saved one)
 *   grade(q, answer)        whether it is right
 *   shuffle(q)              a fresh start: a new order, nothing chosen; an ordering never
 *                           starts in its answer
 *   prompt                  the string (strings.zh.js) asking to finish before a check, if
 *                           not answerFirst
 *   mark(q, answer, badge)  marks what was right or wrong, with quiz.js's badge(node, state,
 *                           text); an ordering has no marks: its verdict and solution say it
 *   rows(q)                 the parts the stage shows, in its order
 *   numbered                the stage numbers the rows 1, 2, … (else A, B, …)
 *   choices(q)              the stage's second list, as text: what the rows are matched with
 */
(() => {
  "use strict";

  const S = window.courseStrings;
  const all = (root, selector) => [...root.querySelectorAll(selector)];

  // Puts the children of `parent` (all but the first `keep`) in a random order.
  function mix(parent, keep = 0) {
    const rest = [...parent.children].slice(keep);
    while (rest.length) {
      parent.appendChild(rest.splice(Math.random() * rest.length, 1)[0]);  // splice floors it
    }
  }

  const choice = {
    read(q) {
      const keys = all(q, ".quiz__input:checked").map(input => input.value);
      return keys.length ? keys : null;
    },
    set(q, answer) {
      all(q, ".quiz__input").forEach(input => { input.checked = answer.includes(input.value); });
    },
    // Right when each option is picked if and only if it is correct.
    grade: (q, answer) => all(q, ".quiz__option").every(option =>
      answer.includes(option.dataset.key) === option.hasAttribute("data-correct")),
    shuffle(q) {
      mix(q.querySelector(".quiz__options"));
      choice.set(q, []);
    },
    mark(q, answer, badge) {
      all(q, ".quiz__option").forEach(option => {
        const picked = answer.includes(option.dataset.key);
        if (option.hasAttribute("data-correct")) badge(option, "answer", S[picked ? "pickedRight" : "correct"]);
        else if (picked) badge(option, "wrong", S.pickedWrong);
      });
    },
    rows: q => all(q, ".quiz__option").sort((a, b) => a.dataset.key - b.dataset.key),
  };

  const ordering = {
    read: q => all(q, ".quiz__order-item").map(item => item.dataset.key),
    set(q, answer) {
      const list = q.querySelector(".quiz__order");
      answer.forEach(key => {
        const item = list.querySelector('[data-key="' + Number(key) + '"]');
        if (item) list.appendChild(item);
      });
    },
    grade: (q, answer) => answer.every((key, index) => key === String(index)),
    shuffle(q) {
      do mix(q.querySelector(".quiz__order"));
      while (ordering.grade(q, ordering.read(q)));
    },
    rows: q => all(q, ".quiz__order-item"),  // as the trainee has them: never the answer
  };

  const matching = {
    read(q) {
      const picks = all(q, ".quiz__select").map(select => select.value);
      return picks.includes("") ? null : picks;
    },
    set(q, answer) {
      // a value no option has (or none) leaves the select unanswered
      all(q, ".quiz__select").forEach((select, index) => { select.value = answer[index]; });
    },
    grade: (q, answer) => all(q, ".quiz__pair").every((pair, index) => answer[index] === pair.dataset.key),
    shuffle(q) {
      all(q, ".quiz__select").forEach(select => {
        mix(select, 1);  // the first option is the empty "please choose"
        select.value = "";
      });
    },
    prompt: "pairFirst",
    mark(q, answer, badge) {
      all(q, ".quiz__pair").forEach((pair, index) => {
        const ok = answer[index] === pair.dataset.key;
        badge(pair, ok ? "answer" : "wrong", S[ok ? "pairRight" : "pairWrong"]);
      });
    },
    rows: q => all(q, ".quiz__pair"),
    numbered: true,
    choices: q => [...q.querySelector(".quiz__select").options].slice(1).map(o => o.textContent),
  };

  window.courseQuizTypes = { single: choice, multiple: choice, "true-false": choice, ordering, matching };
})();
