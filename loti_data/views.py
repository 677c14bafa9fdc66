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
