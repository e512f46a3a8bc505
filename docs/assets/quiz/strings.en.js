/*
 * The browser's interface text, in English: every word the quiz client and course.js show
 * (the build's own words are in strings/en.yml). Nothing else in the client holds text a
 * trainee reads. It has the same keys as strings.zh.js and is listed in the English site's
 * mkdocs.yml instead of that file.
 *
 * Values are plain text (they are set as textContent, never as HTML); {name} is filled in by
 * the client's t(key, values).
 */
window.courseStrings = {
  // Where saved progress is kept (store.js): the English edition keeps its own, apart from
  // the Chinese edition's "service-course:" keys
  storagePrefix: "service-course:en:",

  // Checking a question (quiz.js, types.js)
  right: "✓ Correct",
  wrong: "✗ Incorrect",
  answerFirst: "Choose an answer first, then press “Check”.",
  pairFirst: "Choose a match for every item first, then press “Check”.",
  pickedRight: "✓ Your choice: correct",
  correct: "✓ Correct answer",
  pickedWrong: "✗ Your choice",
  pairRight: "✓",
  pairWrong: "✗",
  moved: "Moved to position {position}: {item}",
  check: "Check",
  moveUp: "Move up: {item}",
  moveDown: "Move down: {item}",

  // The quiz's summary (quiz.js)
  done: "{checked} of {total} questions done.",
  passed: "✓ Passed! You scored {score}% ({right} of {total} correct); the pass mark is {passMark}%.",
  failed: "✗ Not passed yet. You scored {score}% ({right} of {total} correct); the pass mark is {passMark}%. " +
    "Read the explanations under the questions you got wrong, review the lesson, then press “Retake the quiz” to try again.",

  // Classroom mode (stage.js); `correct` marks the answer there too
  stageLabel: "Classroom mode: {title}",
  stageWhere: "Question {number} of {total}",
  stageClose: "Exit (Esc)",
  stageBack: "Previous",
  stageReveal: "Show answer",
  stageHide: "Hide answer",
  stageNext: "Next",
  stageEnd: "Finish",
  stageKeys: "Presenter remote or keyboard: → / Space shows the answer, then moves to the next question; ← previous question; Esc exits",

  // The learning path and the dashboard (progress.js)
  pathNew: "Not started · {total} questions",
  pathStarted: "In progress · {answered} of {total} answered",
  pathPassed: "✓ Passed · score {score}% (pass mark {passMark}%)",
  pathFailed: "✗ Not passed · score {score}% (pass mark {passMark}%)",
  overall: "You have passed {passed} of {total} module quizzes and completed {done}.",
  noStorage: "This browser doesn't allow the course to save data (for example in private browsing, or when storage is full), so your progress can't be shown; " +
    "you can still do the self-check quizzes.",

  // The summary on the home page and the dashboard (progress.js)
  journeyNotebook: "{count} to review",
  journeyExamNone: "Not taken yet",
  journeyExamPassed: "✓ Passed · best score {score}%",
  journeyExamFailed: "✗ Not passed · best score {score}%",
  journeyCertReady: "✓ Ready to claim",
  journeyCertLocked: "Unlocks once every quiz and the exam are passed",

  // The notebook (notebook.js)
  notebookCount: "Questions to review: {count}. Modules they come from: {modules}.",
  notebookEmpty: "Your review notebook is empty: there are no questions to review right now. Questions you get wrong in a self-check quiz or the final exam will appear here.",
  notebookNew: "Still in the notebook: get it right once, then right again on another day, and it leaves.",
  notebookOneDay: "Right once, on {day}: get it right again on another day and it leaves the notebook.",
  notebookToday: "Right today: get it right again on another day and this question leaves the notebook.",
  notebookOut: "✓ Right on two different days: this question has left the review notebook.",
  notebookAgain: "Wrong again, so you start over: get it right, then right again on another day, and it leaves.",

  // The final exam (exam.js)
  examNumber: "Question {number}",
  examLast: "Last time: {date}, score {score}% ({verdict}). Attempts so far: {count}.",
  examPassedWord: "passed",
  examFailedWord: "not passed",
  examUnanswered: "Unanswered: {count}. An unanswered question counts as wrong. Go back and answer, or submit anyway?",
  examPassed: "✓ Passed! You scored {score}% ({right} of {total} correct); the pass mark is {passMark}%.",
  examFailed: "✗ Not passed. You scored {score}% ({right} of {total} correct); the pass mark is {passMark}%. " +
    "Read the explanation under each question you got wrong below, review the lesson, then take the exam again.",
  examCell: "{right} / {total}",
  examNoAnswer: "(not answered)",

  // The certificate (certificate.js)
  certLocked: "You can't get the certificate yet. Still to do:",
  certReady: "You have met every requirement and can get your certificate. Fill in the details below to create it.",
  certExamPassed: "✓ Passed · best score {score}%",
  certExamMissing: "Not passed yet",
  certNeedName: "Please enter your name.",
  certText: "has completed all {count} modules of “{course}”, passed the self-check quiz of every module, and passed the final exam.",
  certScore: "Final test score: {score}%",
  certDate: "Date issued: {date}",
  certStore: "Store: {store}",
  certEmployee: "Employee ID: {employee}",
  certSeparator: " · ",
  certMatch: "✓ The verification code matches: this certificate agrees with the records on this device.",
  certNoMatch: "✗ The verification code does not match: this certificate does not agree with the records on this device (the details may have been changed, or it was not created on this device).",
  certNoRecord: "No certificate has been created on this device yet, so there is nothing to check it against.",

  // Moving progress to another phone (transfer.js)
  transferFileName: "service-course-progress-{date}.json",
  transferQrTitle: "QR code for moving your progress: scan it with the new phone's camera",
  transferTooBig: "There is too much progress to fit in a QR code: copy the transfer text above, or use a progress file instead.",
  transferImported: "✓ Imported. Added or updated: answers {answers}, review notebook entries {notebook}, final exam attempts {exams}. " +
    "The more recent records have all been kept.",
  transferNothingNew: "✓ Checked: the imported progress has nothing newer than what is on this device, so nothing has changed.",
  transferDamaged: "✗ Can't import: this is not progress exported from this course, or the file or text is incomplete (damaged). The progress on this device has not changed.",
  transferForeign: "✗ Can't import: this file comes from another website or course, not from this course. The progress on this device has not changed.",
  transferNewer: "✗ Can't import: this progress comes from a newer version of the course. Go online and refresh the page first, then import it. The progress on this device has not changed.",
  transferNoStorage: "✗ This browser doesn't allow the course to save data (for example in private browsing), so nothing can be imported.",
  transferOffer: "This link brings progress transferred from another device. Press “Import” to merge it into the progress on this device.",

  // Wide tables that scroll sideways (course.js)
  tableRegion: "Table {number} (swipe sideways to scroll)",
};
