from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from loti_data.attention import attention_for


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors see what the product is; signed-in people see what needs them."""
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    return render(request, "home.html", {"panels": attention_for(request.user)})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# The error pages keep the site's layout and say in plain words what happened and what to do.


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    """403: the refusal's own message (``NotAllowed`` says who may do it) and, when it has one,
    a link to where the person can go instead."""
    context = {
        "message": getattr(exception, "message", "") or "",
        "link": getattr(exception, "link", None),
    }
    return render(request, "403.html", context, status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: with the site's navigation when the page can still be drawn, plain otherwise (the
    fault may be in what the navigation needs, such as the database)."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponse(
            "<!doctype html><title>Something went wrong</title><h1>Something went wrong</h1>"
            "<p>Sorry, the page could not be shown. Please try again in a few minutes.</p>",
            status=500,
        )
