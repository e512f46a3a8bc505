"""The speed tricks, each pure, and the versions they were written for; speed_hook.py is
the glue, and deleting its line in mkdocs.yml turns every one of them off."""
