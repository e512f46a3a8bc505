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

  // The summary on the home page and the dashboard (progress.js)
  journeyNotebook: "{count} 题待复习",
  journeyExamNone: "还没有参加",
  journeyExamPassed: "✓ 已通过 · 最高 {score}%",
  journeyExamFailed: "✗ 未通过 · 最高 {score}%",
  journeyCertReady: "✓ 可以领取",
  journeyCertLocked: "完成全部模块自测和结业测验后领取",

  // The notebook (notebook.js)
  notebookCount: "错题本里有 {count} 道题，分布在 {modules} 个模块。",
  notebookEmpty: "错题本是空的：现在没有需要复习的题。自测或结业测验里答错的题会出现在这里。",
  notebookNew: "还在错题本里：答对一次后，换一天再答对一次即可移出。",
  notebookOneDay: "已在 {day} 答对一次：换一天再答对一次即可移出。",
  notebookToday: "今天答对了：换一天再答对一次，这道题就移出错题本。",
  notebookOut: "✓ 已在两个不同的日子答对，这道题已移出错题本。",
  notebookAgain: "又答错了：从头算起，答对后换一天再答对一次即可移出。",

  // The final exam (exam.js)
  examNumber: "第 {number} 题",
  examLast: "上次：{date} 得分 {score}%（{verdict}）；共参加 {count} 次。",
  examPassedWord: "通过",
  examFailedWord: "未通过",
  examUnanswered: "还有 {count} 题没有作答，未答的题按答错计。要先回去作答，还是仍然交卷？",
  examPassed: "✓ 通过！得分 {score}%（答对 {right} / {total} 题），通过线 {passMark}%。",
  examFailed: "✗ 未通过。得分 {score}%（答对 {right} / {total} 题），通过线 {passMark}%。" +
    "看看下面每道错题的解析，回到课文复习后再考一次。",
  examCell: "{right} / {total}",
  examNoAnswer: "（未作答）",

  // The certificate (certificate.js)
  certLocked: "还不能领取证书。还差：",
  certReady: "已满足全部要求，可以领取证书。填写下面的信息，生成证书。",
  certExamPassed: "✓ 已通过 · 最高 {score}%",
  certExamMissing: "还没有通过",
  certNeedName: "请填写姓名。",
  certText: "已完成《{course}》全部 {count} 个模块的学习，各模块自测均已通过，并通过结业测验。",
  certScore: "结业测验得分：{score}%",
  certDate: "发证日期：{date}",
  certStore: "门店：{store}",
  certEmployee: "工号：{employee}",
  certSeparator: " · ",
  certMatch: "✓ 核验码一致：这张证书与这台设备上的记录相符。",
  certNoMatch: "✗ 核验码不一致：这张证书与这台设备上的记录不符（可能是信息改过，或不是这台设备上生成的）。",
  certNoRecord: "这台设备上还没有生成过证书，无法核对。",

  // Moving progress to another phone (transfer.js)
  transferFileName: "服务课程学习进度-{date}.json",
  transferQrTitle: "转移进度的二维码：用新手机的相机扫描",
  transferTooBig: "进度太多，二维码放不下：请复制上面的转移文字，或者改用进度文件。",
  transferImported: "✓ 已导入：新增或更新了 {answers} 道题的作答、{notebook} 条错题本记录、{exams} 次结业测验。" +
    "较新的记录都已保留。",
  transferNothingNew: "✓ 已核对：导入的进度里没有比这台设备更新的内容，什么都没有改变。",
  transferDamaged: "✗ 无法导入：这不是本课程导出的进度，或者文件、文字不完整（已损坏）。这台设备上的进度没有任何改变。",
  transferForeign: "✗ 无法导入：这个文件来自别的网站或课程，不是本课程的进度。这台设备上的进度没有任何改变。",
  transferNewer: "✗ 无法导入：这份进度来自更新版本的课程。请先联网刷新页面，再导入。这台设备上的进度没有任何改变。",
  transferNoStorage: "✗ 这个浏览器不允许保存数据（例如无痕模式），无法导入。",
  transferOffer: "这个链接带来了一份转移的进度。按“导入”把它合并到这台设备上。",

  // Wide tables that scroll sideways (course.js)
  tableRegion: "表格 {number}（可左右滑动）",
};
