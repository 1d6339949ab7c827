"""Editor groups with sensible permissions, and moderation for the directory as for pages.

- Editors write and submit pages and directory records for moderation; they cannot publish.
- Moderators approve and publish (Wagtail's own "Moderators approval" workflow).
- Translators translate pages and records (wagtail-localize) and submit them for moderation.
"""

from django.db import migrations

DIRECTORY_MODELS = ("country", "situation", "reportingchannel")


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    admin_access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    translators, _ = Group.objects.get_or_create(name="Translators")

    def perms(*codenames):
        found = []
        for model in DIRECTORY_MODELS:
            content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{codename}_{model}", defaults={"name": f"Can {codename} {model}"}
                )
                found.append(permission)
        return found

    editors.permissions.add(admin_access, *perms("add", "change", "lock"))
    moderators.permissions.add(admin_access, *perms("add", "change", "delete", "publish", "lock", "unlock"))
    translators.permissions.add(admin_access, *perms("change"))
    submit = Permission.objects.filter(codename="submit_translation").first()
    if submit:
        translators.permissions.add(submit)
        editors.permissions.add(submit)
        moderators.permissions.add(submit)

    root = Page.objects.filter(depth=1).first()
    if root:
        page_permission = apps.get_model("auth", "Permission")
        for codename in ("add_page", "change_page"):
            permission = page_permission.objects.filter(codename=codename, content_type__app_label="wagtailcore").first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=translators, page=root, permission=permission)

    # Moderation for the directory: the same approval workflow Wagtail sets up for pages.
    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderators approval", active=True)
        task_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name="Moderators approval", content_type=task_content_type, active=True)
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=Task.objects.get(pk=task.pk), sort_order=0)
        if root:
            WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    for model in DIRECTORY_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_seed_records"),
        ("directory", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
