"""Domain events this app sends. Apps above (courses, certificates) listen; this app never imports
them. With `assessments.api` (reads) these are all that the apps above know of attempts.

`attempt_submitted`
    Sent exactly once per attempt, when it is submitted (by the person, or automatically once its
    time is up) and graded; not again when a regrade changes its score. Arguments are plain data,
    ids rather than rows, so sending it costs no query:

    - `user_id` (int): the person who took the attempt;
    - `quiz_id` (int);
    - `attempt_id` (int);
    - `submitted_at` (aware datetime);
    - `percent` (Decimal, two places, 0.00 to 100.00);
    - `passed` (bool): the percent reached the pass mark and every critical question earned
      full marks;
    - `shared` (dict): a scratch space that every receiver of this one submission shares, the
      same dict for `attempt_submitted` and the `quiz_passed` that follows it, so that what one
      receiver read (the person's enrolments) the next need not read again. Empty when sent;
      receivers key what they keep by their app's name (`courses.api.enrolments_of`).

    Courses listens: a submitted post-test, passed or not, may be the last rule a course was
    waiting for.

`quiz_passed`
    Sent once when an attempt passes: at submission (after `attempt_submitted`), or when a
    regrade turns a fail into a pass. A pass means every critical question earned full marks
    (docs/scoring.md, "Passing"), so no receiver checks that again. Arguments:

    - `user` (lms.people User) and `quiz` (Quiz, a foreign-key target);
    - `attempt_id` and `percent`, as for `attempt_submitted`;
    - `attempt`: the Attempt row, for listeners inside assessments only. Apps above use the
      other arguments and `assessments.api`, never the attempt's fields;
    - `shared`, as for `attempt_submitted` (the same dict at submission; a fresh one when a
      regrade sends it).

    Courses completes the lessons built around the quiz; certificates issues a competency
    certificate when it is a course's scenario final.

Both are sent with `sender=Attempt` inside the transaction that grades the attempt, as the
`post_save` of the graded attempt was: receivers run before it commits, and an exception in a
receiver rolls back the grading together with the receiver's own writes. Receivers take
`**kwargs`, so arguments can be added without breaking them.
"""

from django.dispatch import Signal

attempt_submitted = Signal()
quiz_passed = Signal()
