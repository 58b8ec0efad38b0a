"""Tests of the exchange formats (tracker/exports) and their endpoint and command."""
