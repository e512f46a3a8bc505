/*
 * The browser's interface text, in Simplified Chinese: every word the quiz client and
 * course.js show (the build's own words are in strings/zh.yml). Nothing else in the client holds
 * text a trainee reads. A second language adds strings.<language>.js with the same keys,
 * listed in mkdocs.yml instead of this file.
 *
 * Values are plain text (they are set as textContent, never as HTML); {name} is filled in by
 * the client's t(key, values).
 */
window.courseStrings = {
  // Checking a question (quiz.js, types.js)
  right: "✓ 回答正确",
  wrong: "✗ 回答错误",
  answerFirst: "请先作答，再按“检查”。",
  pairFirst: "请先为每一项选好配对，再按“检查”。",
  pickedRight: "✓ 你的选择，正确",
  correct: "✓ 正确答案",
  pickedWrong: "✗ 你的选择",
  pairRight: "✓",
  pairWrong: "✗",
  moved: "已移到第 {position} 位：{item}",
  check: "检查",
  moveUp: "上移：{item}",
  moveDown: "下移：{item}",

  // The quiz's summary (quiz.js)
  done: "已完成 {checked} / {total} 题。",
  passed: "✓ 已通过！得分 {score}%（答对 {right} / {total} 题），通过线 {passMark}%。",
  failed: "✗ 未通过。得分 {score}%（答对 {right} / {total} 题），通过线 {passMark}%。" +
    "看看答错的题目下面的解释，回到课文复习后按“重新测验”再试一次。",

  // Classroom mode (stage.js); `correct` marks the answer there too
  stageLabel: "课堂模式：{title}",
  stageWhere: "第 {number} / {total} 题",
  stageClose: "退出（Esc）",
  stageBack: "上一题",
  stageReveal: "显示答案",
  stageHide: "隐藏答案",
  stageNext: "下一题",
  stageEnd: "结束",
  stageKeys: "翻页笔或键盘：→ / 空格 先显示答案，再到下一题；← 上一题；Esc 退出",

  // The learning path and the dashboard (progress.js)
  pathNew: "未开始 · 共 {total} 题",
  pathStarted: "进行中 · 已答 {answered} / {total} 题",
  pathPassed: "✓ 已通过 · 得分 {score}%（通过线 {passMark}%）",
  pathFailed: "✗ 未通过 · 得分 {score}%（通过线 {passMark}%）",
  overall: "已通过 {passed} / {total} 个模块的自测，已完成 {done} 个。",
  noStorage: "这个浏览器不允许保存数据（例如无痕模式或存储已满），所以无法显示你的进度；" +
    "自测仍然可以做。",

  // Wide tables that scroll sideways (course.js)
  tableRegion: "表格 {number}（可左右滑动）",
};
