"""The product's roles, as Django groups. Every permission rule asks these names."""

LOTI_STAFF = "LOTI staff"
ETHICS_REVIEWERS = "Ethics reviewers"
LIBRARY_ADMINS = "Library admins"
# Their organisation's data protection officer: signs off high-risk data sharing.
DATA_PROTECTION_OFFICERS = "Data protection officers"

ALL_GROUPS = (LOTI_STAFF, ETHICS_REVIEWERS, LIBRARY_ADMINS, DATA_PROTECTION_OFFICERS)
