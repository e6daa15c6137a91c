"""The build's clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now.

The only place that reads SOURCE_DATE_EPOCH: the pages' « today », the
calendars' stamps and the PDFs' dates all come from here.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def build_instant(*, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH's instant when set, else midnight (UTC) of today."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.combine(dt.datetime.now(tz=dt.UTC).date(), dt.time(0, 0), tzinfo=dt.UTC)


def today(*, environ: Mapping[str, str] | None = None) -> dt.date:
    """The build day: SOURCE_DATE_EPOCH's day when set, else today (UTC)."""
    return build_instant(environ=environ).date()
