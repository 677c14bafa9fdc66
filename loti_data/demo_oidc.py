"""`make run` with ``DEMO_OIDC=1``: a local OpenID Connect provider to try "Sign in with your
organisation (demo)" (oidc-provider-mock, a development dependency). Never for production.

    python -m loti_data.demo_oidc PORT

Its sign-in page offers the demo's identities (invented people): a new Camden officer (their
verified camden.example address puts them in Camden), Camden's data lead (linked to the
password account ``lead@camden.example`` by the verified address) and someone from an unknown
organisation (refused). Typing any other identity gives only an unverified email, also refused.
"""

import os
import sys

DEMO_IDENTITIES = [
    (
        "newofficer@camden.example",
        {"email": "newofficer@camden.example", "email_verified": True, "name": "Alex Marsh"},
    ),
    (
        "lead@camden.example",
        {"email": "lead@camden.example", "email_verified": True, "name": "Jordan Ellis"},
    ),
    (
        "someone@elsewhere.example",
        {"email": "someone@elsewhere.example", "email_verified": True, "name": "Kit Stone"},
    ),
]


def main(argv: list[str]) -> int:
    port = int(argv[0]) if argv else 9400
    # The demo provider is served on plain http://127.0.0.1 only.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    import oidc_provider_mock
    from werkzeug.serving import run_simple

    users = [oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in DEMO_IDENTITIES]
    app = oidc_provider_mock.app(require_nonce=True, user_claims=users)
    print(f"demo_oidc: OpenID Connect provider at http://127.0.0.1:{port}", flush=True)
    run_simple("127.0.0.1", port, app, threaded=True, use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
