"""The per-job pipeline, one module a step: context -> Jinja -> MJML -> inline CSS -> text -> merge tags."""
