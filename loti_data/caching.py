"""Which responses a browser or proxy may keep: none that Django builds.

Every page and export Django answers (signed-in pages, CSVs, a person's calendar feed, error
pages, the log-in form) is sent with ``Cache-Control: private, no-store``, so a shared
computer's cache, its back button or a proxy never holds salary figures, private notes or a
canvas. Only static files, served by WhiteNoise before this middleware, are cacheable.
"""

PRIVATE = "private, no-store"


class PrivateByDefaultMiddleware:
    """Placed right after WhiteNoise: it sees every response but static files', including the
    log-in throttle's lockout page and error pages, and replaces any other caching header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = PRIVATE
        return response
