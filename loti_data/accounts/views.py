from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator

from loti_data.accounts.forms import PasswordResetForm
from loti_data.accounts.password_reset import ResetRefused


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
