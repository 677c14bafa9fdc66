"""Settings for loti-data, read from the environment (django-environ).

With nothing configured the product runs locally: SQLite and kombu's filesystem broker under
``var/``, console email, DEBUG on. ``DJANGO_DEBUG=false`` switches to production mode, which
refuses to start without a secret key and allowed hosts and turns on every secure default.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", default="insecure-local-only-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    missing = [
        name for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS") if not env.str(name, "")
    ]
    if missing:
        raise ImproperlyConfigured(
            f"Production mode (DJANGO_DEBUG=false) needs {' and '.join(missing)} to be set."
        )
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "loti_data.apps.LotiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "axes",
    "csp",
    # Sign-in with an organisation's account (OpenID Connect) and two-factor (TOTP):
    # loti_data/accounts/sso.py and second_factor.py say how they are wired.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
# Our own apps, in the order their demo data is seeded.
LOCAL_APPS = [
    "loti_data.accounts",
    "loti_data.outbox",
    "loti_data.api",
    "methodology",
    "projects",
    "skills",
    # Last: it connects to the rows the apps above registered as searchable.
    "loti_data.search",
]
INSTALLED_APPS += LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Nothing Django answers may be cached (static files, above, may).
    "loti_data.caching.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loti_data.sessions.SessionIdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in person unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # LOTI staff, ethics reviewers and library admins who signed in with a password enrol a
    # second factor before anything else.
    "loti_data.accounts.second_factor.EnrolFirstMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "loti_data.urls"
WSGI_APPLICATION = "loti_data.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loti_data.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ by default, DATABASE_URL for PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (counts and fragments the backlog keeps, see projects/backlog/counts.py): one per
# process by default; shared through Redis when REDIS_CACHE_URL is set, as a server with more
# than one process should, so a change seen by one process is seen by all.
if env.str("REDIS_CACHE_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_CACHE_URL"),
        }
    }

# People
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes; loti_data/accounts/login.py says what it counts under): 5
# failures for one account, whatever its spelling, or 20 from one client address lock it for 15
# minutes. The client address is the peer's unless DJANGO_TRUSTED_PROXIES says how many proxies
# in front of the app append to X-Forwarded-For.
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)
AXES_FAILURE_LIMIT = 5
LOGIN_IP_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "loti_data.accounts.throttle.LoginThrottle"
AXES_USERNAME_CALLABLE = "loti_data.accounts.login.axes_username"
AXES_CLIENT_IP_CALLABLE = "loti_data.accounts.login.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# django-allauth: only its OpenID Connect sign-in and its two-factor pages are mounted
# (loti_data/accounts/urls.py); the password log-in stays Django's view with the throttle above
# and hands a successful password to allauth's login stages (second factor, then login).
ACCOUNT_ADAPTER = "loti_data.accounts.second_factor.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "loti_data.accounts.sso.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_UNIQUE_EMAIL = True
# An SSO sign-up is decided by the organisation rule (sso.py), never by an email round-trip.
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Linking by email is done by our adapter on verified email only (sso.py), not allauth's.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_QUERY_EMAIL = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "loti-data"
# Turning two-factor on or off happens within a signed-in session of at most 30 idle minutes;
# allauth's reauthentication pages (a second password form outside the throttle) are not
# mounted.
MFA_REAUTHENTICATION_REQUIRED = False
MFA_RECOVERY_CODE_COUNT = 10

# Identity providers, from the environment only: client secrets never reach the database.
# One organisation provider (any OpenID Connect issuer, Microsoft Entra ID multi-tenant
# included: https://login.microsoftonline.com/organizations/v2.0) and, for `make run` with
# DEMO_OIDC=1, the local mock provider that loti_data/supervise.py starts.
SSO_APPS = []
if env.str("SSO_OIDC_ISSUER", default=""):
    SSO_APPS.append(
        {
            "provider_id": "organisation",
            "name": env.str("SSO_OIDC_NAME", default="Sign in with your organisation"),
            "client_id": env.str("SSO_OIDC_CLIENT_ID"),
            "secret": env.str("SSO_OIDC_CLIENT_SECRET", default=""),
            "settings": {"server_url": env.str("SSO_OIDC_ISSUER"), "oauth_pkce_enabled": True},
        }
    )
DEMO_OIDC_PORT = env.int("DEMO_OIDC_PORT", default=9400)
if env.bool("DEMO_OIDC", default=False):
    SSO_APPS.append(
        {
            "provider_id": "demo",
            "name": "Sign in with your organisation (demo)",
            "client_id": "loti-data-demo",
            "secret": "demo-only-secret",
            "settings": {
                "server_url": f"http://127.0.0.1:{DEMO_OIDC_PORT}",
                "oauth_pkce_enabled": True,
            },
        }
    )
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "loti_data.accounts.sso_provider.OrganisationProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": SSO_APPS,
    }
}

# Sessions end after 30 minutes without a request (refreshed at most once a minute by
# loti_data.sessions.SessionIdleTimeoutMiddleware, so most pages write nothing).
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Internationalisation: British English, London time.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: Bootstrap and our CSS are served from static/ by WhiteNoise (no CDN).
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# django-import-export: exported cells that a spreadsheet would run as a formula are escaped.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The read API (/api/v1/): personal tokens or the session, read only, paged, throttled per token.
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="300/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "loti_data.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["loti_data.api.permissions.AsksTheRule"],
    "DEFAULT_THROTTLE_CLASSES": ["loti_data.api.throttling.PerTokenThrottle"],
    "DEFAULT_PAGINATION_CLASS": "loti_data.api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "loti_data.api.renderers.CSVRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "loti-data API",
    "DESCRIPTION": (
        "Read-only access to pan-London data projects, the shared backlog, the ethics register, "
        "the data networks, the jobs library and published salary benchmarks. Every endpoint "
        "answers with what the same person sees on the pages. Send a personal token as "
        "`Authorization: Bearer <token>`; add `format=csv` for CSV."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # The documentation's scripts and styles are served from our own origin (strict CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.canvas.models.Project.Status",
        "MeetupStatusEnum": "skills.networks.models.Meetup.Status",
    },
}

# Email: console by default, EMAIL_URL (e.g. smtp+tls://user:pass@host:587) for a real server.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="loti-data <no-reply@loti.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

# Celery: kombu's filesystem broker under var/ by default, CELERY_BROKER_URL for Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    # kombu's filesystem transport needs its folders before any process enqueues or consumes.
    # Its control folder (broadcast exchanges) defaults to ./control: keep it under var/ too.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    # Redis redelivers unacknowledged tasks after the visibility timeout; our ETAs stay short.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The beat schedule lives in one place: loti_data/celery.py (BEAT_SCHEDULE).

# Production hardening: `manage.py check --deploy` is clean with DJANGO_DEBUG=false.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_on_one_line": {"()": "loti_data.log_filters.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Once, through the root's handler (not Django's own console handler too), and a
        # refusal without its traceback.
        "django.request": {
            "handlers": ["console"],
            "filters": ["refusals_on_one_line"],
            "propagate": False,
        },
    },
}
