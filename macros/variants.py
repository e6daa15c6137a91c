"""The site's two variants, one record each: the one registry of their facts.

The build, the PDF printer, the page check, the bench and the tests read
the configuration, the output folder, the names and the PDF of a variant
here, and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """A variant of the site: what it is built from, where to, and how it is named."""

    audience: str  # `extra.audience` of its configuration: public or restricted
    config: str  # its MkDocs configuration, from the project's root
    site_dir: str  # its output folder, from the project's root
    name: str  # how the command line names it (« site public »)
    title: str  # how the accessibility statement names it
    pdf: str  # its handout's file name, at the root of its site


PUBLIC = Variant(
    audience="public",
    config="mkdocs.yml",
    site_dir="site",
    name="site public",
    title="site public",
    pdf="plaquette-labellisation-nr-niveau-1.pdf",
)
RESTRICTED = Variant(
    audience="restricted",
    config="mkdocs.restricted.yml",
    site_dir="site-restricted",
    name="variante restreinte",
    title="variante en diffusion restreinte",
    pdf="plaquette-labellisation-nr-niveau-1-diffusion-restreinte.pdf",
)
VARIANTS: tuple[Variant, ...] = (PUBLIC, RESTRICTED)
AUDIENCES: tuple[str, ...] = tuple(v.audience for v in VARIANTS)


def variant(audience: str) -> Variant:
    """The variant of an audience; ValueError for anything but public or restricted."""
    for candidate in VARIANTS:
        if candidate.audience == audience:
            return candidate
    raise ValueError(f"audience inconnue « {audience} » (attendu : {' ou '.join(AUDIENCES)})")
