from projects import ethics_admin  # noqa: F401  (registers the ethics review's admin)
