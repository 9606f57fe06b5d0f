"""The certificate's QR code, the same modules and PNG as the ``qrcode`` package draws, faster.

``qrcode`` places the data and scores each of the eight masks one module at a time in Python,
then draws the image one rectangle per dark module: 8 ms of each certificate, one ninth of its
rendering (issue 14). Here the same steps are taken on whole rows: where the data goes is worked
out once per QR version, the masks' penalties (``qrcode.util.lost_point``, quirks included) are
counted with regular expressions over each row and column, and the image is drawn one pixel per
module and scaled up. The mask chosen, the modules and the PNG's bytes are ``qrcode``'s own
(tests/certificates/test_qr.py compares them over thousands of addresses).
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
import re
from typing import NamedTuple

import qrcode
from PIL import Image
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M

# What qrcode's penalty rules count in a row or column (ISO/IEC 18004 7.8.3): runs of five or
# more modules of one colour, and the 1:1:3:1:1 finder-like pattern with four light modules on
# either side. Lookahead, so that overlapping occurrences count as qrcode counts them.
_RUNS = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")


class _QRCode(qrcode.QRCode):
    """qrcode's QRCode with its data placement and mask choice done a row at a time."""

    def map_data(self, data, mask_pattern):
        layout = _layout(self.version)
        bits = _bits(bytes(data), len(layout.positions))
        masks = _mask_bits(self.version, mask_pattern)
        modules = self.modules
        for (row, col), bit, mask in zip(layout.positions, bits, masks, strict=True):
            modules[row][col] = bit != mask

    def best_mask_pattern(self):
        # As qrcode: each mask applied to the data with the format information left light (its
        # "test" modules), scored by lost_point; the lowest penalty wins, the first on a tie.
        if self.data_cache is None:
            self.data_cache = util.create_data(self.version, self.error_correction, self.data_list)
        layout = _layout(self.version)
        data = [0] * layout.count
        bits = _bits(bytes(self.data_cache), len(layout.positions))
        for (row, col), bit in zip(layout.positions, bits, strict=True):
            if bit:
                data[row] |= 1 << col
        penalties = []
        for pattern in range(8):
            masks = _mask_rows(self.version, pattern)
            rows = [
                base | (bits ^ mask)
                for base, bits, mask in zip(layout.base, data, masks, strict=True)
            ]
            penalties.append(_penalty(rows, layout.count))
        return penalties.index(min(penalties))


def lost_point(modules: list[list[bool]]) -> int:
    """``qrcode.util.lost_point``: the mask penalty of a square of modules."""
    rows = [sum(1 << col for col, dark in enumerate(row) if dark) for row in modules]
    return _penalty(rows, len(modules))


def _penalty(rows: list[int], count: int) -> int:
    """lost_point of the modules given as one integer a row, bit n the module in column n."""
    # Rows and columns as text of 0 and 1, one string, "2" between lines so no pattern spans
    # two. A row reads backwards (highest column first): neither rule depends on direction.
    text = [format(row, f"0{count}b") for row in rows]
    lines = "2".join(text + ["".join(column) for column in zip(*text, strict=True)])
    # Runs of five or more: 3 points, and one more for each module beyond five.
    points = sum(len(run) - 2 for run in _RUNS.findall(lines))
    # 2x2 blocks of one colour: 3 points each.
    inner = (1 << (count - 1)) - 1
    for upper, lower in itertools.pairwise(rows):
        same = ~(upper ^ lower)  # bit n: the two rows agree in column n
        points += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & inner).bit_count()
    # Finder-like patterns: 40 points each.
    points += 40 * len(_FINDER_LIKE.findall(lines))
    # The proportion of dark modules: 10 points for each 5 % away from half.
    dark = sum(row.bit_count() for row in rows)
    percent = float(dark) / (count**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


class _Layout(NamedTuple):
    count: int
    positions: tuple[tuple[int, int], ...]  # the modules data fills, in qrcode's order
    base: tuple[int, ...]  # each row's dark function modules, format information light


@functools.cache
def _layout(version: int) -> _Layout:
    code = qrcode.QRCode(version=version)
    code.modules_count = count = version * 4 + 17
    code.modules = [[None] * count for _ in range(count)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(count - 7, 0)
    code.setup_position_probe_pattern(0, count - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if version >= 7:
        code.setup_type_number(True)
    modules = code.modules
    positions = []
    row, step = count - 1, -1
    for col in range(count - 1, 0, -2):
        if col <= 6:
            col -= 1  # the vertical timing pattern is skipped
        while True:
            positions += [(row, c) for c in (col, col - 1) if modules[row][c] is None]
            row += step
            if row < 0 or row >= count:
                row -= step
                step = -step
                break
    base = tuple(sum(1 << col for col, dark in enumerate(line) if dark) for line in modules)
    return _Layout(count, tuple(positions), base)


@functools.cache
def _mask_bits(version: int, pattern: int) -> tuple[bool, ...]:
    mask = util.mask_func(pattern)
    return tuple(bool(mask(row, col)) for row, col in _layout(version).positions)


@functools.cache
def _mask_rows(version: int, pattern: int) -> tuple[int, ...]:
    layout = _layout(version)
    rows = [0] * layout.count
    for (row, col), dark in zip(layout.positions, _mask_bits(version, pattern), strict=True):
        if dark:
            rows[row] |= 1 << col
    return tuple(rows)


def _bits(data: bytes, length: int) -> list[bool]:
    """The data's bits, most significant first, then light modules to fill the rest."""
    bits = [(byte >> shift) & 1 == 1 for byte in data for shift in range(7, -1, -1)]
    return bits[:length] + [False] * (length - len(bits))


def qr_png(url: str, *, box_size: int = 6, border: int = 2) -> bytes:
    """A QR code of ``url`` as PNG bytes; medium error correction survives a worn print."""
    code = _QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(url)
    code.make(fit=True)
    # One pixel per module, black on white as qrcode's PIL image, then each pixel a box.
    side = code.modules_count + 2 * border
    pixels = bytearray(b"\xff" * (side * side))
    for row, modules in enumerate(code.modules):
        start = (row + border) * side + border
        pixels[start : start + code.modules_count] = bytes(0 if m else 255 for m in modules)
    small = Image.frombytes("L", (side, side), bytes(pixels)).convert("1", dither=Image.Dither.NONE)
    image = small.resize((side * box_size, side * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    """:func:`qr_png` as a ``data:image/png;base64,…`` URI."""
    return "data:image/png;base64," + base64.b64encode(qr_png(url)).decode("ascii")
