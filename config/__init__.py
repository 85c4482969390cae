"""Configurations: `default` (embedded), `production` (environment variables), `testing`."""
