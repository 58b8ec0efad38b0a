"""Views of the backoffice: parse the request, call one selector or action, render."""
