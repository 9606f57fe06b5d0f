"""Lesson blocks: the shared cms blocks plus those that case-based training needs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import BodyBlock
from cms.content_warnings import LESSON_LEVELS, ContentWarning, reader_label


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An uploaded MP4 or WebM file.")
    )
    embed = EmbedBlock(label=_("Or embed URL"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul"],
        help_text=_("Required: people who cannot hear or play the video read this instead."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "file": ValidationError(_("Choose an uploaded file or an embed URL."))
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "courses/blocks/document.html"


class CaseNarrativeBlock(blocks.StructBlock):
    """A fictional case told as a story. Its lesson must be declared fictional and reviewed."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    narrative = blocks.RichTextBlock(label=_("Narrative"), features=["bold", "italic", "ol", "ul"])
    reflection = blocks.RichTextBlock(
        label=_("Questions for reflection"), features=["bold", "italic", "ol", "ul"], required=False
    )

    class Meta:
        icon = "openquote"
        label = _("Case narrative")
        template = "courses/blocks/case_narrative.html"


class ContentWarningBlock(blocks.StructBlock):
    """Shown before the content, with the choice to continue or come back later (docs/domain.md)."""

    level = blocks.ChoiceBlock(
        label=_("Level"), choices=LESSON_LEVELS, default=ContentWarning.MENTIONS_ABUSE.value
    )
    message = blocks.CharBlock(
        label=_("What follows"),
        max_length=300,
        help_text=_("A short, factual description of the material that follows."),
    )

    class Meta:
        icon = "warning"
        label = _("Content warning")
        template = "courses/blocks/content_warning.html"

    def get_context(self, value, parent_context=None):
        # Readers are told the level in words; its code (CW1, CW2) is for authors.
        context = super().get_context(value, parent_context=parent_context)
        context["level_label"] = reader_label(value["level"])
        return context


class QuizBlock(blocks.StructBlock):
    """A quiz of the assessments app. A lesson with a quiz is completed by passing it."""

    quiz = SnippetChooserBlock("assessments.Quiz", label=_("Quiz"))

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"


class LessonBodyBlock(BodyBlock):
    """The shared body blocks (heading, paragraph, callout), then the lesson's own."""

    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    case_narrative = CaseNarrativeBlock()
    content_warning = ContentWarningBlock()
    quiz = QuizBlock()
