"""The pages of the site: home, guides, standard pages and the help finder."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.choices import Audience, SituationKey
from directory.fields import ChoiceListField
from directory.lookups import locale_of, localized_situations

from . import helpfinder
from .blocks import TEXT_FEATURES, GuideStreamBlock


class GuideAudience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("Young people")
    PARENTS = "parents", _("Parents and carers")
    BOTH = "both", _("Young people and parents")


class HomePage(Page):
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    subpage_types = ["pages.GuideIndexPage", "pages.StandardPage", "pages.HelpFinderPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Finds the deepest page on the address with one query and loads it with one more, where Wagtail asks two
        queries per level. Every page is served from under a home page, so this is the site's routing. The rest of
        the address goes to that page's own routing (the help finder's answers), which also answers 404 for a page
        that is not live or for anything below a page that routes nothing further, as in Wagtail."""
        if not path_components:
            self.locale = locale_of(self)
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
        found = (Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).order_by("-depth")
                 .values_list("pk", "content_type_id", "depth").first())  # fmt: skip
        if found is None:
            raise Http404
        pk, content_type_id, depth = found
        page = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=pk)
        page.locale = locale_of(page)
        return page.route(request, path_components[depth - self.depth :])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["situations"] = localized_situations(self.locale)
        return context


class GuideIndexPage(Page):
    summary = models.CharField(_("summary"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    subpage_types = ["pages.GuidePage"]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = GuidePage.objects.live().child_of(self).specific().order_by("title")
        audience = request.GET.get("audience", "")
        situation = request.GET.get("situation", "")
        if audience in (GuideAudience.YOUNG_PEOPLE, GuideAudience.PARENTS):
            guides = [g for g in guides if g.audience in (audience, GuideAudience.BOTH)]
        if situation in SituationKey.values:
            guides = [g for g in guides if situation in g.situations]
        groups = [
            (label, [g for g in guides if g.audience in (value, GuideAudience.BOTH)])
            for value, label in ((GuideAudience.YOUNG_PEOPLE, _("For young people")), (GuideAudience.PARENTS, _("For parents and carers")))
        ]
        context.update(groups=[g for g in groups if g[1]], audience=audience, situation=situation,
                       situations=localized_situations(self.locale))
        return context


class GuidePage(Page):
    summary = models.CharField(_("summary"), max_length=255)
    audience = models.CharField(_("audience"), max_length=16, choices=GuideAudience.choices)
    situations = ChoiceListField(_("situations"), options=SituationKey.choices)
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"))
    last_reviewed = models.DateField(_("last reviewed"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("situations"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["pages.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")

    @classmethod
    def for_situation(cls, situation: str, audience: str, locale) -> list["GuidePage"]:
        """The live guides in `locale` for a situation, written for the audience of the help-finder request."""
        wanted = GuideAudience.YOUNG_PEOPLE if audience == Audience.YOUNG_PERSON else GuideAudience.PARENTS
        guides = cls.objects.live().public().filter(locale=locale, audience__in=[wanted, GuideAudience.BOTH])
        # The situation's own guide first (the one that names it first, then the most specific), then the rest.
        fitting = [guide for guide in guides if situation in guide.situations]
        return sorted(fitting, key=lambda g: (list(g.situations).index(situation), len(g.situations), g.title))


class StandardPage(Page):
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")


class HelpFinderPage(RoutablePageMixin, Page):
    """Country and situation in, the ordered channels out. Works with plain links and a GET form."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("help finder")

    @path("")
    def choose(self, request):
        chosen = helpfinder.read_choice(request, self.locale)
        if chosen.complete and not chosen.errors:
            return redirect(self.url + self.reverse_subpage("results", args=(chosen.country.lower(), chosen.situation))
                            + chosen.query_string())
        context = self.get_context(request)
        context["choice"] = chosen
        context.update(helpfinder.choice_context(self.locale))
        return self.render(request, context_overrides=context)

    @path("apps/", name="apps")
    def apps(self, request):
        """Every app young people use, each linking to how to report on it."""
        context = self.get_context(request) | helpfinder.apps_context(self.locale)
        return self.render(request, context_overrides=context, template="pages/apps.html")

    @path("apps/<slug:key>/", name="app")
    def app(self, request, key):
        """One app: how to report each harm there, its removal tools and what it says to under-18s."""
        try:
            context = self.get_context(request) | helpfinder.apps_context(self.locale, key)
        except helpfinder.NotFound as error:
            raise Http404(str(error)) from error
        return self.render(request, context_overrides=context, template="pages/app.html")

    @path("<str:country>/<str:situation>/", name="results")
    def results(self, request, country, situation):
        try:
            context = helpfinder.results_context(request, self, country, situation)
        except helpfinder.NotFound as error:
            raise Http404(str(error)) from error
        return self.render(request, context_overrides=context, template="pages/help_finder_results.html")


def validate_contact(value: str) -> None:
    if value and not (value.startswith("https://") or ("@" in value and " " not in value and ":" not in value)):
        raise ValidationError(_("Give an email address or a link starting with https://."))


@register_setting(icon="group")
class SiteOperator(BaseGenericSetting):
    """Who runs this HelpHub: the organisation that deploys it says so itself; the seed content claims no one."""

    name = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("The organisation that runs this site, as visitors should read it. Shown at the foot of every page."),
    )  # fmt: skip
    contact = models.CharField(
        _("contact"), max_length=254, blank=True, validators=[validate_contact],
        help_text=_("An email address or an https:// link where visitors can reach the organisation."),
    )  # fmt: skip

    panels = [FieldPanel("name"), FieldPanel("contact")]

    class Meta:
        verbose_name = _("who runs this site")

    @property
    def contact_url(self) -> str:
        return self.contact if self.contact.startswith("https://") else f"mailto:{self.contact}" if self.contact else ""
