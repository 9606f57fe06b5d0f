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
import bisect
import functools
import io
from typing import NamedTuple

import qrcode
from PIL import Image
from qrcode import LUT, base, exceptions, util
from qrcode.constants import ERROR_CORRECT_M

# qrcode's finder-like pattern, 1:1:3:1:1 with four light modules on either side (ISO/IEC 18004
# 7.8.3), in both directions.
_FINDER_LIKE = ("10111010000", "00001011101")


class _QRCode(qrcode.QRCode):
    """qrcode's QRCode with its data placement and mask choice done on whole lines at once."""

    def best_fit(self, start=None):
        # qrcode's own, with the data's bits counted in a _Bits rather than qrcode's BitBuffer.
        if start is None:
            start = 1
        util.check_version(start)
        mode_sizes = util.mode_sizes_for_version(start)
        buffer = _Bits()
        for data in self.data_list:
            buffer.put(data.mode, 4)
            buffer.put(len(data), mode_sizes[data.mode])
            data.write(buffer)
        self.version = bisect.bisect_left(
            util.BIT_LIMIT_TABLE[self.error_correction], len(buffer), start
        )
        if self.version == 41:
            raise exceptions.DataOverflowError()
        if mode_sizes is not util.mode_sizes_for_version(self.version):
            self.best_fit(start=self.version)
        return self.version

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
            self.data_cache = create_data(self.version, self.error_correction, self.data_list)
        layout = _layout(self.version)
        data = [0] * layout.count
        bits = _bits(bytes(self.data_cache), len(layout.positions))
        for (row, col), bit in zip(layout.positions, bits, strict=True):
            if bit:
                data[row] |= 1 << col
        by_row, by_column = _packed(data, layout.count)
        penalties = []
        for pattern in range(8):
            mask_rows, mask_columns = _packed_masks(self.version, pattern)
            penalties.append(
                _penalty(
                    layout.packed_base[0] | (by_row ^ mask_rows),
                    layout.packed_base[1] | (by_column ^ mask_columns),
                    layout.count,
                )
            )
        return penalties.index(min(penalties))


class _Bits:
    """qrcode's BitBuffer (put, put_bit, len, the bytes) kept as one integer, not bit by bit."""

    def __init__(self):
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def put_bit(self, bit: bool) -> None:
        self.put(1 if bit else 0, 1)

    def __len__(self) -> int:
        return self.length

    @property
    def buffer(self) -> bytes:
        padding = -self.length % 8
        return (self.value << padding).to_bytes((self.length + padding) // 8, "big")


def create_data(version: int, error_correction: int, data_list) -> list[int]:
    """``qrcode.util.create_data``: the data and error correction codewords, interleaved."""
    buffer = _Bits()
    for data in data_list:
        buffer.put(data.mode, 4)
        buffer.put(len(data), util.length_in_bits(data.mode, version))
        data.write(buffer)
    rs_blocks = base.rs_blocks(version, error_correction)
    bit_limit = sum(block.data_count * 8 for block in rs_blocks)
    if len(buffer) > bit_limit:
        raise exceptions.DataOverflowError(
            f"Code length overflow. Data size ({len(buffer)}) > size available ({bit_limit})"
        )
    buffer.put(0, min(bit_limit - len(buffer), 4))  # the terminator
    buffer.put(0, -len(buffer) % 8)  # to a whole byte
    for index in range((bit_limit - len(buffer)) // 8):
        buffer.put(util.PAD1 if index % 2 else util.PAD0, 8)
    codewords = buffer.buffer
    data_blocks, correction_blocks, offset = [], [], 0
    for block in rs_blocks:
        data = list(codewords[offset : offset + block.data_count])
        offset += block.data_count
        data_blocks.append(data)
        correction_blocks.append(_correction(data, block.total_count - block.data_count))
    interleaved = []
    for blocks in (data_blocks, correction_blocks):
        for index in range(max(len(block) for block in blocks)):
            interleaved += [block[index] for block in blocks if index < len(block)]
    return interleaved


@functools.cache
def _generator_logs(count: int) -> tuple[int, ...]:
    """The logarithms of the Reed-Solomon generator's coefficients below the first (qrcode's)."""
    if count in LUT.rsPoly_LUT:
        coefficients = list(LUT.rsPoly_LUT[count])
    else:
        coefficients = [1]
        for power in range(count):
            coefficients = list(
                base.Polynomial(coefficients, 0) * base.Polynomial([1, base.gexp(power)], 0)
            )
    return tuple(base.glog(c) for c in coefficients[1:])


def _correction(data: list[int], count: int) -> list[int]:
    """The block's ``count`` error correction codewords: the remainder of the data, shifted up
    by ``count``, divided by the generator polynomial, in GF(256) (what qrcode's Polynomial
    division gives, one codeword at a time)."""
    logs = _generator_logs(count)
    exp, log = base.EXP_TABLE, base.LOG_TABLE
    remainder = [0] * count
    for codeword in data:
        factor = codeword ^ remainder[0]
        remainder = [*remainder[1:], 0]
        if factor:
            shift = log[factor]
            remainder = [
                value ^ exp[(coefficient + shift) % 255]
                for value, coefficient in zip(remainder, logs, strict=True)
            ]
    return remainder


def lost_point(modules: list[list[bool]]) -> int:
    """``qrcode.util.lost_point``: the mask penalty of a square of modules."""
    rows = [sum(1 << col for col, dark in enumerate(row) if dark) for row in modules]
    return _penalty(*_packed(rows, len(modules)), len(modules))


def _packed(rows: list[int] | tuple[int, ...], count: int) -> tuple[int, int]:
    """The modules (one integer a row, bit n the module in column n) as two integers: row by
    row (bit ``row * count + column``) and column by column (bit ``column * count + row``)."""
    text = [format(row, f"0{count}b") for row in rows]  # a row's highest column first
    by_row = int("".join(reversed(text)), 2)
    by_column = int("".join("".join(reversed(column)) for column in zip(*text, strict=True)), 2)
    return by_row, by_column


@functools.cache
def _lines(count: int) -> tuple[int, int, int]:
    """Which bits of a packed square may start what each rule looks at, within one line: two
    modules side by side, a 2x2 block (not on the last line), eleven modules in a row."""
    every = sum(1 << (line * count) for line in range(count))
    pairs = every * ((1 << (count - 1)) - 1)
    blocks = pairs & ((1 << ((count - 1) * count)) - 1)
    elevens = every * ((1 << (count - 10)) - 1)
    return pairs, blocks, elevens


def _penalty(by_row: int, by_column: int, count: int) -> int:
    """lost_point of the modules packed as :func:`_packed`; each rule on all lines at once."""
    pairs, blocks, elevens = _lines(count)
    points = 0
    for packed in (by_row, by_column):
        # Runs of five or more modules of one colour: a run of L scores L - 2. Bit n of `same`:
        # modules n and n + 1 match; of `five`: modules n to n + 4 all do, set L - 4 times in a
        # run of L, whose last one has no neighbour above it in `five`: 2 points more a run.
        same = ~(packed ^ (packed >> 1)) & pairs
        five = same & (same >> 1) & (same >> 2) & (same >> 3)
        points += five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()
        # Finder-like patterns: 40 points each, wherever eleven modules spell one.
        for pattern in _FINDER_LIKE:
            found = elevens
            for offset, module in enumerate(pattern):
                shifted = packed >> offset
                found &= shifted if module == "1" else ~shifted
            points += 40 * found.bit_count()
    # 2x2 blocks of one colour: 3 points each. Bit n of `down`: the module below matches.
    down = ~(by_row ^ (by_row >> count))
    points += 3 * (down & (down >> 1) & ~(by_row ^ (by_row >> 1)) & blocks).bit_count()
    # The proportion of dark modules: 10 points for each 5 % away from half.
    percent = float(by_row.bit_count()) / (count**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


class _Layout(NamedTuple):
    count: int
    positions: tuple[tuple[int, int], ...]  # the modules data fills, in qrcode's order
    base: tuple[int, ...]  # each row's dark function modules, format information light
    packed_base: tuple[int, int]  # the same, _packed


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
    return _Layout(count, tuple(positions), base, _packed(base, count))


@functools.cache
def _mask_bits(version: int, pattern: int) -> tuple[bool, ...]:
    mask = util.mask_func(pattern)
    return tuple(bool(mask(row, col)) for row, col in _layout(version).positions)


@functools.cache
def _packed_masks(version: int, pattern: int) -> tuple[int, int]:
    layout = _layout(version)
    rows = [0] * layout.count
    for (row, col), dark in zip(layout.positions, _mask_bits(version, pattern), strict=True):
        if dark:
            rows[row] |= 1 << col
    return _packed(rows, layout.count)


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
