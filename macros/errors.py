"""Data errors that an editor can act on: file, line, column, field, message."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem found in a data file, located as precisely as possible."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, ligne {self.line}, colonne {self.column}"
        field = f"{self.field} : " if self.field else ""
        return f"{where} : {field}{self.message}"


class DataErrors(Exception):
    """Every problem found in the data, reported at once."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """The French report printed to editors, one problem a line."""
        count = len(self.errors)
        head = (
            "1 erreur dans les données :"
            if count == 1
            else f"{count} erreurs dans les données :"
        )
        return "\n".join([head, *(f"  - {error}" for error in self.errors)])
