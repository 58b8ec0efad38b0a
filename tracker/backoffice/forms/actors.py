"""Forms of the actor pages: search, add an alias."""

from __future__ import annotations

from django import forms


class ActorSearchForm(forms.Form):
    """Find actors by any of their names, in any language."""

    q = forms.CharField(required=False, label="Name or alias")


class AliasForm(forms.Form):
    """Another spelling of an actor's name and the language it is written in."""

    use_required_attribute = False
    name = forms.CharField(required=False, max_length=300)
    language = forms.CharField(required=False, help_text="e.g. de, en, ru", max_length=20)
