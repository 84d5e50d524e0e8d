"""Form widgets the whole portal shares."""

from django import forms


class DatumInput(forms.DateInput):
    """A native date picker: `type=date` only accepts a YYYY-MM-DD value, whatever the locale.

    Django would otherwise render the value in the Dutch format (29-11-2026), which the browser
    drops as invalid, leaving the field empty.
    """

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
