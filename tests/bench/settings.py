"""The product's settings as the benchmark's gunicorn runs them: no debug, the bench's URLs."""

from loti_data.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "tests.bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
