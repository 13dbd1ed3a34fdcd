"""What intake read of one file, handed on to every reader: the bytes as judged and, for a zip
package, its members as inflated while they were checked. Readers parse these, never the file
again, so what was checked is exactly what is parsed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .package import part_name, sheet_members

#: Members up to this size are kept as the safety scan inflated them (a form's parts are well under
#: 1 MB); a larger one is inflated again from the same bytes if a reader asks for it, so a hostile
#: member costs no more memory than this while it is refused.
KEEP_LIMIT = 4 * 2**20


class Members(Mapping[str, bytes]):
    """A package's members by ``part_name``: inflated bytes, from what the scan kept when it could."""

    def __init__(self, data: bytes, names: Mapping[str, str], kept: dict[str, bytes],
                 sheets: dict[str, str] | None = None):
        self._data, self._names, self._kept = data, names, kept  # names: part name -> name as stored
        #: sheet name -> part, as the scan's parsers found them in these very bytes; None when
        #: they did not read both parts cleanly (the reader then parses them, and says what fails)
        self.sheets = sheets

    def __getitem__(self, part: str) -> bytes:
        if part not in self._kept:
            stored = self._names[part]  # KeyError for a part the package lacks, as a mapping does
            with zipfile.ZipFile(io.BytesIO(self._data)) as package:
                self._kept[part] = package.read(stored)
        return self._kept[part]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, part: object) -> bool:
        return part in self._names


@dataclass(frozen=True, eq=False)
class Content:
    #: the whole file, as read once
    data: bytes
    #: zip packages: every member's inflated bytes, by ``part_name``; empty for other formats
    members: Mapping[str, bytes] = field(default_factory=dict)

    def part(self, name: str) -> bytes | None:
        """A member's inflated bytes, its name compared as readers compare it; None when absent."""
        name = part_name(name)
        return self.members[name] if name in self.members else None

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> the part holding it (``package.sheet_members``), parsed once per file."""
        found = self.members.sheets if isinstance(self.members, Members) else None
        return found if found is not None else sheet_members(self.members)

    def stream(self) -> io.BytesIO:
        """The file's bytes as a file object, for readers that take one (calamine, olefile)."""
        return io.BytesIO(self.data)

    @classmethod
    def unchecked(cls, path: Path) -> Content:
        """A file read without the limits, for a caller that trusts it (a file it wrote itself)."""
        data = Path(path).read_bytes()
        if not zipfile.is_zipfile(io.BytesIO(data)):
            return cls(data)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {part_name(m.filename): m.filename for m in package.infolist() if not m.is_dir()}
        return cls(data, Members(data, names, {}))
