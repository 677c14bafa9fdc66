from django import forms

from loti_data.validators import single_line


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        validators=[single_line],
        help_text="What the token is for, so you recognise it later (for example: Power BI).",
    )
