"""The API tokens page: a person makes, lists (with their last use) and revokes their own."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loti_data.api import services
from loti_data.api.forms import TokenForm
from loti_data.api.models import ApiToken
from loti_data.errors import RuleError

# A new token waits in the session for the one page that shows it (post, redirect, get), so
# reloading the page neither makes a second token nor shows the secret again.
NEW_TOKEN = "api_new_token"


def tokens(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_token(by=request.user, name=form.cleaned_data["name"])
        except RuleError as error:
            form.add_error("name", error.message)
        else:
            request.session[NEW_TOKEN] = {"name": new.token.name, "secret": new.secret}
            return redirect("api:tokens")
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new": request.session.pop(NEW_TOKEN, None) if request.method == "GET" else None,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
        status=400 if form.errors else 200,
    )
    # The page may show a secret once: never keep it in any cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def revoke(request, pk: int):
    token = services.revoke_token(by=request.user, token_id=pk)
    messages.success(request, f"“{token.name}” is revoked: it no longer opens the API.")
    return redirect("api:tokens")
