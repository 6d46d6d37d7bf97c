"""Where an input's bytes come from: a file or bytes already in memory
(standard input, a WARC record). Size limits are checked before reading."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputTooLargeError


@dataclass
class Source:
    ref: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def name(self) -> str:
        """The file name used to pick a reader ('' for anonymous bytes)."""
        return self.path.name.lower() if self.path else ""

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def read(self, limit: int) -> bytes:
        """The whole input, refusing one larger than ``limit`` bytes."""
        check_size(self.ref, self.size(), limit, "file")
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


def check_size(ref: str, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputTooLargeError(
            ref,
            f"the {what} is {_mb(size)}, over the {_mb(limit)} limit; split it into "
            f"smaller files, or raise the max_input_bytes setting",
        )


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 104_858 else f"{n:,} bytes"
