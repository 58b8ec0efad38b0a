#!/usr/bin/env python
"""Run the tracker's management commands."""

import os
import sys


def main() -> None:
    """Run a management command from the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
