"""Models of the project app: the content version (defined in portal.ground.models)."""

from portal.ground.models import ContentVersion

__all__ = ["ContentVersion"]
