"""Who may do what with personal API tokens, written once. What a token may *read* is the
person's own rights: every endpoint asks the same rules as the pages."""


def may_make_tokens(user) -> bool:
    """Every active, signed-in person makes tokens for themselves."""
    return bool(user.is_authenticated and user.is_active)


def is_own_token(user, token) -> bool:
    """A token is listed and revoked only by the person it belongs to."""
    return may_make_tokens(user) and token.user_id == user.pk


def token_works(token) -> bool:
    """A token opens the API while it is not revoked and its person is active."""
    return token.revoked_at is None and token.user.is_active
