"""The link check: does each link in the directory still answer, and where does it send people now?

Editors run it (`manage.py check_links`, or the admin's "Check links" page for one record); it never runs on a
visitor's request. Each address gets a HEAD request (a GET, closed unread, when the server will not answer HEAD), with
a User-Agent that says who is asking. Redirects on the same host are followed, up to five; a redirect to another host
is reported and not followed: HelpHub does not wander into other sites' content.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.choices import Harm
from directory.lookups import default_locale
from directory.models import Country, Platform, ReportingChannel

USER_AGENT = "HelpHub-LinkCheck/1.0 (HelpHub's editors checking the links in its directory of reporting channels)"
DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
WORKERS = 8
# As ReportingChannel.source_url reads a source text: a link ends at a space, ";", "," or ")".
LINK = re.compile(r"https?://[^\s;,)<>\"']+")


class Problem(models.TextChoices):
    NOT_FOUND = "not_found", _("not found")
    SERVER_ERROR = "server_error", _("server error")
    TIMEOUT = "timeout", _("no answer in time")
    CERTIFICATE = "certificate", _("certificate error")
    CONNECTION = "connection", _("cannot connect")
    TOO_MANY_REDIRECTS = "too_many_redirects", _("too many redirects")
    # Not broken, but an editor should look: a plain-http page, or a site that refuses robots (401, 403, 429...).
    NOT_HTTPS = "not_https", _("not https")
    REFUSED = "refused", _("refused the check")


BROKEN = frozenset({Problem.NOT_FOUND, Problem.SERVER_ERROR, Problem.TIMEOUT, Problem.CERTIFICATE,
                    Problem.CONNECTION, Problem.TOO_MANY_REDIRECTS})  # fmt: skip


class Outcome(models.TextChoices):
    OK = "ok", _("ok")
    REDIRECTED = "redirected", _("redirected")
    TO_CHECK = "to_check", _("to check by hand")
    BROKEN = "broken", _("broken")


@dataclass
class LinkResult:
    url: str
    status: int | None = None  # of the last response
    final_url: str = ""  # where the same-host redirects led ("" when no response)
    redirects: list[str] = field(default_factory=list)  # each Location, in order (the last may be on another host)
    error: str = ""  # a Problem, or ""
    moves_to: str = ""  # the other host a redirect points to, not followed
    detail: str = ""  # the reason behind a certificate or connection error
    method: str = "HEAD"

    @property
    def outcome(self) -> str:
        if self.error in BROKEN:
            return Outcome.BROKEN
        if self.error:
            return Outcome.TO_CHECK
        if self.moves_to or self.redirects:
            return Outcome.REDIRECTED
        return Outcome.OK

    @property
    def broken(self) -> bool:
        return self.outcome == Outcome.BROKEN

    def describe(self) -> str:
        """What is wrong, in the active language ("" when nothing is)."""
        status = self.status
        if self.error in (Problem.NOT_FOUND, Problem.SERVER_ERROR, Problem.REFUSED):
            return gettext("%(problem)s (HTTP %(status)s)") % {"problem": Problem(self.error).label, "status": status}
        if self.error == Problem.TIMEOUT:
            return gettext("no answer within %(seconds)s s") % {"seconds": self.detail}
        if self.error == Problem.TOO_MANY_REDIRECTS:
            return gettext("more than %(count)s redirects") % {"count": MAX_REDIRECTS}
        if self.error == Problem.NOT_HTTPS:
            return gettext("not https: %(url)s") % {"url": self.final_url}
        if self.error:
            return f"{Problem(self.error).label}: {self.detail}" if self.detail else str(Problem(self.error).label)
        if self.moves_to:
            return gettext("moves to %(host)s (%(url)s)") % {"host": self.moves_to, "url": self.redirects[-1]}
        if self.redirects:
            return gettext("redirects to %(url)s") % {"url": self.final_url}
        return ""


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"})
    return session


def check_url(
    url: str, timeout: float = DEFAULT_TIMEOUT, session: requests.Session | None = None, *, require_https: bool = True
) -> LinkResult:
    """Request `url` and say what became of it; never raises for a network error, never reads a body. A page that
    answers over plain http is a problem (`Problem.NOT_HTTPS`) unless `require_https` is False."""
    result = LinkResult(url=url)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        result.error, result.detail = Problem.CONNECTION, gettext("not a web address")
        return result
    own_session = session is None
    session = session or new_session()
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            response = _ask(session, current, timeout)
            result.status, result.method = response.status_code, response.request.method
            location = response.headers.get("Location") if response.is_redirect else None
            if not location:
                break
            target = urljoin(current, location)
            result.redirects.append(target)
            if _host(target) != _host(current):
                result.final_url, result.moves_to = current, _host(target) or target
                return result
            current = target
        else:
            result.final_url, result.error = current, Problem.TOO_MANY_REDIRECTS
            return result
    except requests.exceptions.SSLError as error:  # before ConnectionError, its parent
        result.error, result.detail = Problem.CERTIFICATE, _reason(error)
        return result
    except requests.exceptions.Timeout:  # ConnectTimeout is also a ConnectionError
        result.error, result.detail = Problem.TIMEOUT, f"{timeout:g}"
        return result
    except requests.exceptions.RequestException as error:
        result.error, result.detail = Problem.CONNECTION, _reason(error)
        return result
    finally:
        if own_session:
            session.close()
    result.final_url = current
    if result.status in (404, 410):
        result.error = Problem.NOT_FOUND
    elif result.status >= 500:
        result.error = Problem.SERVER_ERROR
    elif result.status >= 400:
        result.error = Problem.REFUSED
    elif require_https and urlsplit(current).scheme != "https":
        result.error = Problem.NOT_HTTPS
    return result


def _ask(session: requests.Session, url: str, timeout: float) -> requests.Response:
    """HEAD; a GET when the server refuses HEAD (405, 501) or mishandles it (many answer HEAD with 403, 404 or 500
    where a GET succeeds). The GET is streamed and closed at once: no body is downloaded."""
    response = session.head(url, timeout=timeout, allow_redirects=False)
    response.close()
    if response.status_code >= 400:
        response = session.get(url, timeout=timeout, allow_redirects=False, stream=True)
        response.close()
    return response


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _reason(error: Exception) -> str:
    """The useful end of requests' long exception text: "self-signed certificate", "[Errno 111] Connection refused"."""
    text = str(error)
    for pattern in (r"certificate verify failed: ([^(')\"]+)", r"\[SSL: [A-Z0-9_]+\] ([^(')\"]+)",
                    r"(\[Errno -?\d+\] [^(')\"]+)", r"(Name or service not known|Connection refused|Connection reset[^'\")]*)"):  # fmt: skip
        found = re.search(pattern, text)
        if found:
            return found.group(1).strip()
    return text[:200]


def check_urls(urls, timeout: float = DEFAULT_TIMEOUT, workers: int = WORKERS) -> dict[str, LinkResult]:
    """Each distinct address checked once, a few at a time."""
    distinct = list(dict.fromkeys(urls))
    if not distinct:
        return {}
    with ThreadPoolExecutor(max_workers=min(workers, len(distinct))) as pool:
        return dict(zip(distinct, pool.map(lambda url: check_url(url, timeout), distinct), strict=True))


# What to check ---------------------------------------------------------------------------------------------------

KINDS = {"channel": ReportingChannel, "platform": Platform, "country": Country}


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _fields_of(model) -> list[tuple[str, object, bool]]:
    """(field name, label, whether the field is free text with links in it) for each field holding links."""
    if model is ReportingChannel:
        return [("chat_url", _label(model, "chat_url"), False), ("web_url", _label(model, "web_url"), False),
                ("source", _label(model, "source"), True)]  # fmt: skip
    if model is Platform:
        fields = [("help_url", _label(model, "help_url"), False)]
        for harm in Harm:
            for name in (f"{harm.value}_url", f"{harm.value}_source"):
                fields.append((name, format_lazy("{}: {}", harm.label, _label(model, name)), False))
        fields += [
            ("own_tool_url", _label(model, "own_tool_url"), False),
            ("removal_source", _label(model, "removal_source"), True),
            ("report_without_account_source",
             format_lazy("{}: {}", _label(model, "report_without_account"), _label(model, "report_without_account_source")), False),
            ("under_18_source", format_lazy("{}: {}", _label(model, "under_18"), _label(model, "under_18_source")), False),
        ]  # fmt: skip
        return fields
    if model is Country:
        return [("emergency_source", _label(model, "emergency_source"), True)]
    raise TypeError(f"No links to check on {model.__name__}")


def links_of(record) -> list[tuple[str, str]]:
    """(field label, url) for each http or https link of a channel, an app or a country, read from its
    default-language record (links are the same in every language)."""
    default = default_locale()
    if record.locale_id != default.pk:
        record = record.get_translation_or_none(default) or record
    links = []
    for name, label, is_text in _fields_of(type(record)):
        value = getattr(record, name) or ""
        found = [m.rstrip(".") for m in LINK.findall(value)] if is_text else [value.strip()]
        for url in dict.fromkeys(found):
            if urlsplit(url).scheme in ("http", "https"):
                links.append((label, url))
    return links


def records_to_check(kind: str | None = None, key: str | None = None) -> list:
    """The published default-language channels, apps and countries (or those of one kind, or with one key or
    country code)."""
    default = default_locale()
    records = []
    for name, model in KINDS.items():
        if kind and kind != name:
            continue
        found = model.objects.filter(locale=default, live=True)
        if key:
            found = found.filter(code=key.upper()) if model is Country else found.filter(key=key)
        records += list(found)
    return records


def record_name(record) -> str:
    kind = next(name for name, model in KINDS.items() if isinstance(record, model))
    return f"{record} [{kind} {record.code if kind == 'country' else record.key}]"
