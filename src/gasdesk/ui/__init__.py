"""The desktop window (PySide6). Widgets call services only through ``gasdesk.ui.runner.Runner``."""
