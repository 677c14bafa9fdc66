"""The product's roles, as Django groups. Every permission rule asks these names."""

LOTI_STAFF = "LOTI staff"
ETHICS_REVIEWERS = "Ethics reviewers"
LIBRARY_ADMINS = "Library admins"

ALL_GROUPS = (LOTI_STAFF, ETHICS_REVIEWERS, LIBRARY_ADMINS)
