"""The ground layer: helpers every app may import; it imports no app (only Django, Wagtail and libraries)."""
