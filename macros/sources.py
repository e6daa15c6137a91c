"""Where the restricted sources live, and whether they can be read here.

The restricted sources (sections 5 and 6 of the brochure) are encrypted in
git with git-crypt. In a clone without the key they stay ciphertext: the
public variant never needs them, the restricted variant cannot be built.
"""
from __future__ import annotations

from pathlib import Path

# git-crypt writes this header at the start of every encrypted file.
GIT_CRYPT_HEADER = b"\x00GITCRYPT\x00"
RESTRICTED_DATA = Path("data") / "restricted"
RESTRICTED_DOCS = Path("docs") / "restricted"
UNLOCK_HINT = "git-crypt unlock CHEMIN/DE/LA/CLÉ (README, « Diffusion restreinte »)"


def is_locked(path: Path) -> bool:
    """Whether `path` is a git-crypt ciphertext (an existing, unreadable source)."""
    try:
        with path.open("rb") as stream:
            return stream.read(len(GIT_CRYPT_HEADER)) == GIT_CRYPT_HEADER
    except OSError:
        return False


def restricted_state(root: Path) -> str:
    """`ready` (plain sources), `locked` (encrypted) or `missing` (no sources)."""
    paths = sorted((root / RESTRICTED_DATA).glob("*.yml")) + sorted((root / RESTRICTED_DOCS).glob("*.md"))
    if not paths:
        return "missing"
    return "locked" if any(is_locked(path) for path in paths) else "ready"
