"""Domain events this app sends. Apps above listen; this app never imports them."""

from django.dispatch import Signal

# Sent once per enrolment, when the course is first complete. Arguments: enrolment.
course_completed = Signal()
