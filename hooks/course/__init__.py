"""The course's own pages: build state, generated pages and markers, the glossary, the
interface text, the voice check and the offline worker. No MkDocs events; course_hook.py is
the glue."""
