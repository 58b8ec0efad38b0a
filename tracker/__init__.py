"""Event-sourced tracker of developing news stories."""
