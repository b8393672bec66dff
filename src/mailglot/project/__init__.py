"""The nouns of a mailglot project: settings, markets, events, campaigns, loaded with line numbers."""
