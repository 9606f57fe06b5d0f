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
from typing import NamedTuple

import qrcode
from PIL import Image
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M

# qrcode's finder-like pattern, 1:1:3:1:1 with four light modules on either side (ISO/IEC 18004
# 7.8.3). Neither spelling overlaps itself, so counting each is counting every occurrence.
_FINDER_LIKE = ("10111010000", "00001011101")


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
    # two. A row reads backwards (highest column first): no rule depends on direction.
    text = [format(row, f"0{count}b") for row in rows]
    columns = ["".join(column) for column in zip(*text, strict=True)]
    # Runs of five or more modules of one colour: 3 points, and one more for each module beyond
    # five; counted on each line as bits (_runs).
    points = sum(_runs(line, count) for line in rows)
    points += sum(_runs(int(column, 2), count) for column in columns)
    # 2x2 blocks of one colour: 3 points each.
    inner = (1 << (count - 1)) - 1
    for upper, lower in itertools.pairwise(rows):
        same = ~(upper ^ lower)  # bit n: the two rows agree in column n
        points += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & inner).bit_count()
    # Finder-like patterns: 40 points each.
    lines = "2".join(text + columns)
    points += 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)
    # The proportion of dark modules: 10 points for each 5 % away from half.
    dark = sum(row.bit_count() for row in rows)
    percent = float(dark) / (count**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


def _runs(line: int, count: int) -> int:
    """The points of a line's runs of five or more: a run of L modules scores L - 2."""
    # Bit n of `same`: modules n and n + 1 match; of `five`: modules n to n + 4 all match, set
    # L - 4 times in a run of L. Each run of five or more ends once in `five`: 2 points more.
    same = ~(line ^ (line >> 1)) & ((1 << (count - 1)) - 1)
    five = same & (same >> 1) & (same >> 2) & (same >> 3)
    return five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()


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


def _modules(url: str) -> tuple[list[list[bool]], int]:
    code = _QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    return code.modules, code.modules_count


def _pixels(modules: list[list[bool]], count: int, border: int) -> Image.Image:
    """One grey pixel per module, black on white, with ``border`` light modules around."""
    side = count + 2 * border
    pixels = bytearray(b"\xff" * (side * side))
    for row, line in enumerate(modules):
        start = (row + border) * side + border
        pixels[start : start + count] = bytes(0 if dark else 255 for dark in line)
    return Image.frombytes("L", (side, side), bytes(pixels))


def qr_png(url: str, *, box_size: int = 6, border: int = 2) -> bytes:
    """A QR code of ``url`` as PNG bytes; medium error correction survives a worn print.

    qrcode's own image, to the byte: one bit a pixel, ``box_size`` pixels a module."""
    modules, count = _modules(url)
    side = count + 2 * border
    small = _pixels(modules, count, border).convert("1", dither=Image.Dither.NONE)
    image = small.resize((side * box_size, side * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def qr_grey_png(url: str, *, box_size: int = 4, border: int = 2) -> bytes:
    """:func:`qr_png`'s modules as a small 8-bit grey PNG, what the certificate prints.

    xhtml2pdf hands reportlab a one-bit image as RGB, three bytes a pixel, which it deflates for
    every certificate; a grey image is one byte a pixel and goes into the PDF as DeviceGray, and
    four pixels a module (164 x 164 for a verification address, printed 52.5 points wide: about
    225 dpi) keep its edges sharp however the viewer scales it. Black and white only, as before.
    """
    modules, count = _modules(url)
    side = (count + 2 * border) * box_size
    image = _pixels(modules, count, border).resize((side, side), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    """:func:`qr_grey_png` as a ``data:image/png;base64,…`` URI."""
    return "data:image/png;base64," + base64.b64encode(qr_grey_png(url)).decode("ascii")
