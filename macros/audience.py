"""The audience policy: which variant may show what (public or restricted)."""
from __future__ import annotations

from .variants import variant


class RestrictedContent(Exception):
    """Restricted content was asked for in the public variant."""


def check_audience(audience: str) -> None:
    """Refuse anything but the two variants' names."""
    variant(audience)


def require_restricted(audience: str, what: str) -> None:
    """Stop the build when a public page asks for restricted content."""
    check_audience(audience)
    if audience != "restricted":
        raise RestrictedContent(
            f"« {what} » est en diffusion restreinte : cette page ne peut pas l'afficher dans le site public"
        )

