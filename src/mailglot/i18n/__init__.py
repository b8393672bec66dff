"""Everything about languages: locale facts, catalogs, per-locale Jinja environments, pseudo-locales."""
