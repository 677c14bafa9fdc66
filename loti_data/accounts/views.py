from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.decorators import method_decorator

from loti_data.accounts.forms import LoginForm, PasswordResetForm
from loti_data.accounts.models import SignInEvent
from loti_data.accounts.password_reset import ResetRefused
from loti_data.accounts.second_factor import has_second_factor, requires_second_factor
from loti_data.accounts.sso import allow_sso_redirects, sso_apps


@method_decorator(login_not_required, name="dispatch")
class PasswordLoginView(auth_views.LoginView):
    """Django's log-in page and form (the throttle and the login rules apply as before); a
    correct password goes on to allauth's login stages, which ask for a second factor when the
    person has one, and sign them in."""

    form_class = LoginForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sso_apps": sso_apps(self.request)}

    def render_to_response(self, context, **kwargs):
        return allow_sso_redirects(self.request, super().render_to_response(context, **kwargs))

    def form_valid(self, form):
        user = form.get_user()
        return perform_password_login(
            self.request,
            {"email": user.email},
            Login(user=user, redirect_url=self.get_success_url()),
        )


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's page; a request over the rate limit is refused on the form (429)."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ResetRefused as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)


def account_activity(request):
    """The signed-in person's own sign-ins, refusals and two-factor changes, newest first.
    Anyone signed in may see their own, and only their own."""
    events = SignInEvent.objects.filter(user=request.user).order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "account/activity.html",
        {
            "page": page,
            "events": page.object_list,
            "has_second_factor": has_second_factor(request.user),
            "requires_second_factor": requires_second_factor(request.user),
        },
    )
