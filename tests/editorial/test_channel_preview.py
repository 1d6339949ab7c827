"""Editing a channel previews the help finder's answers it appears in, as edited, before anything is published."""

from django.contrib.auth.models import User
from django.test import RequestFactory
from wagtail.models import Locale

from directory.models import ReportingChannel
from directory.templatetags.directory_preview import preview_answers


def test_the_preview_shows_the_edited_channel_in_the_answers_in_the_visitors_order(content):
    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    channel.phone = "0800 1111"  # unchanged number, edited name: nothing saved
    channel.name = "Childline (edited)"
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True)
    context = preview_answers(channel)
    assert context["country"] == "GB"
    assert context["answers"], "Childline appears in the answers for young people in GB"
    talk = next(a for a in context["answers"] if a["routing"].situation.key == "talk"
                and a["routing"].audience == "young_person")  # fmt: skip
    assert talk["position"] == 1 and talk["routing"].recommendations[0].channel.name == "Childline (edited)"
    assert ReportingChannel.objects.get(pk=channel.pk).name == "Childline"  # nothing saved
    html = channel.serve_preview(request, "").render().content.decode()
    assert "Childline (edited)" in html and 'aria-current="true"' in html


def test_a_channel_edited_out_of_every_answer_says_so_in_its_preview(content):
    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    channel.audiences = []  # for nobody (the form would also say the field is required)
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True)
    assert preview_answers(channel)["answers"] == []
    assert "appears in no answer" in channel.serve_preview(request, "").render().content.decode()


def test_the_channel_editor_offers_the_preview(client, content):
    user = User.objects.create_superuser("preview-editor", "p@example.org", "a-long-password-1")
    client.force_login(user)
    channel = ReportingChannel.objects.get(key="gb-childline", locale=Locale.get_default())
    html = client.get(f"/admin/snippets/directory/reportingchannel/edit/{channel.pk}/").content.decode()
    assert f"/admin/snippets/directory/reportingchannel/preview/{channel.pk}/" in html
