"""Domain events this app sends. Apps above (courses) listen; this app never imports them."""

from django.dispatch import Signal

# Sent once when a submitted attempt passes. Arguments: user, quiz, attempt.
quiz_passed = Signal()
