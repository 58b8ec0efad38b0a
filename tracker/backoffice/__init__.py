"""The editors' backoffice: Django admin pages to record, correct and replay stories."""
