"""Who may act on quizzes beyond taking them, in the words of the assessments app's permissions.

Views, the Wagtail admin and commands ask these; none repeats a permission name. Who may start or
preview a quiz is in `quiz_access` (its start rules are registered by a layer above)."""


def can_regrade_quizzes(user) -> bool:
    """Recompute every submitted attempt of a frozen version with a corrected key."""
    return user.is_authenticated and user.has_perm("assessments.regrade_quiz")


def can_view_quiz_analytics(user) -> bool:
    """Item analysis of a quiz: difficulty, discrimination, distractors, mastery by sector."""
    return user.is_authenticated and user.has_perm("assessments.view_quiz_analytics")


def can_import_questions(user) -> bool:
    """The question import adds scenarios (as drafts for review)."""
    return user.is_authenticated and user.has_perm("assessments.add_scenario")
