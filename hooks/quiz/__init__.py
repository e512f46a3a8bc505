"""The quiz engine: the quiz file format and its question types, loading and checking,
where quizzes go on pages, and their HTML. No MkDocs here; quiz_hook.py is the glue."""
