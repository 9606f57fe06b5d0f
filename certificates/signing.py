"""Optional PAdES signature of certificate PDFs with pyHanko.

Off by default. Set HIMAYA_SIGNING_KEY and HIMAYA_SIGNING_CERT to PEM files (and
HIMAYA_SIGNING_KEY_PASSPHRASE if the key is encrypted) to sign every PDF rendered from then on;
the stored SHA-256 is of the signed file."""

import io
from functools import cache

from django.conf import settings


def signing_configured() -> bool:
    return bool(settings.HIMAYA_SIGNING_KEY and settings.HIMAYA_SIGNING_CERT)


@cache
def _signer(key: str, cert: str, passphrase: str):
    from pyhanko.sign import signers

    return signers.SimpleSigner.load(key, cert, key_passphrase=passphrase.encode() or None)


def sign(pdf: bytes) -> bytes:
    if not signing_configured():
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _signer(
        settings.HIMAYA_SIGNING_KEY,
        settings.HIMAYA_SIGNING_CERT,
        settings.HIMAYA_SIGNING_KEY_PASSPHRASE,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="HimayaSignature",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Himaya certificate",
    )
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()
