from django.dispatch import Signal

# Sent when a certificate is issued (including a re-issue). Arguments: certificate.
certificate_issued = Signal()

# Sent once per certificate, when `services.revoke` revokes it, inside that transaction.
# Arguments: certificate (with `revoked_at` and `revocation_reason` set); by (the person who
# revoked it).
certificate_revoked = Signal()
