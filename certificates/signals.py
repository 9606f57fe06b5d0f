from django.dispatch import Signal

# Sent when a certificate is issued (including a re-issue). Arguments: certificate.
certificate_issued = Signal()
