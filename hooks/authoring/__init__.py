"""Reading author files (quizzes, glossary) and the problems an author can act on:
`path:line: key: expected ..., found ...`."""
