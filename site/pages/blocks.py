"""The blocks editors build guides with: text, numbered steps, a "get help now" callout, questions and answers."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from directory.choices import SituationKey

# The rich-text features of each kind of text: what editors can use in the CMS, and what content files may use
# (load_content converts Markdown with the same lists).
TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
STEP_FEATURES = ["bold", "italic", "link"]
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.RichTextBlock(features=STEP_FEATURES, label=_("Step")), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "pages/blocks/steps.html"


class GetHelpBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Text"))
    situation = blocks.ChoiceBlock(choices=SituationKey.choices, required=False, label=_("Situation"))

    class Meta:
        icon = "warning"
        label = _("Get help now")
        template = "pages/blocks/get_help.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=ANSWER_FEATURES, label=_("Answer"))


class QuestionsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(QuestionBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "pages/blocks/questions.html"


class GuideStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))
    steps = StepsBlock()
    get_help = GetHelpBlock()
    questions = QuestionsBlock()
