from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from cms import page_cache

        from . import navigation, quiz_access, receivers  # noqa: F401  (receivers connects the signal handlers)

        # Only people enrolled in a course holding a quiz may start it (assessments asks us).
        quiz_access.register()
        # The header and dashboard offer learning and sessions (lms.navigation asks us).
        navigation.register()
        # The lesson page keeps its quizzes' titles with its course's lessons (lesson_frame),
        # and its body with the quizzes, documents, images and embeds it shows (lesson_body).
        for label in [
            "assessments.Quiz",
            "wagtaildocs.Document",
            "wagtailimages.Image",
            "wagtailembeds.Embed",
        ]:
            page_cache.watch(label)
