"""With a signing key configured, certificate PDFs carry a valid PAdES signature."""

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from certificates import services
from courses import services as courses
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signing_files(tmp_path, settings):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Himaya test signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.HIMAYA_SIGNING_KEY = str(key_path)
    settings.HIMAYA_SIGNING_CERT = str(cert_path)
    return cert


def test_issued_pdf_is_signed_and_its_hash_is_of_the_signed_file(build_course, signing_files):
    import hashlib

    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    certificate = trainee.certificates.get()
    content = certificate.pdf.open("rb").read()
    assert hashlib.sha256(content).hexdigest() == certificate.sha256
    root = asn1_x509.Certificate.load(signing_files.public_bytes(serialization.Encoding.DER))
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[0]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert services.matches_issued_pdf(certificate=certificate, content=content)


def test_unsigned_by_default(build_course):
    from pyhanko.pdf_utils.reader import PdfFileReader

    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    content = trainee.certificates.get().pdf.open("rb").read()
    assert PdfFileReader(io.BytesIO(content)).embedded_signatures == []
