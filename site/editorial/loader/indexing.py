"""The search index and Wagtail's reference index, brought up to date once at the end of a load.

Every save of a page or record (Wagtail saves each object three times when it publishes: the object, its revision, the
published object) asks the search backend and the reference index to update it, one object at a time: for eight
languages that was half of `load_content`'s time. During a load the saves only note what changed (rows the loader
inserts in bulk, without a save, are noted with `saved`); at the end each changed object is indexed once, a model at a
time in bulk, inside the same transaction (so a failed load leaves the indexes as they were, like the content).
"""

from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

_changed: list[dict] = []  # the objects changed in the load under way, by model (a stack: loads do not nest, but may)


def saved(model, pks) -> None:
    """Note rows written without a save (bulk inserts), as a save would have."""
    if _changed:
        _changed[-1][model].update(pks)


@contextmanager
def indexes_updated_at_the_end():
    searched = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    changed = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            changed[sender].add(instance.pk)

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(note, weak=False, dispatch_uid="helphub-load-content-changes")
    _changed.append(changed)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _changed.pop()
        post_save.disconnect(dispatch_uid="helphub-load-content-changes")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    _update(changed, set(searched))


def _update(changed: dict, searched: set):
    for model, pks in changed.items():
        tracked = model in ReferenceIndex.tracked_models
        if not (tracked or model in searched):
            continue  # revisions, log entries, the loader's own records: neither index knows them
        objects = list(model._default_manager.filter(pk__in=pks))
        if tracked:
            _reference_index(objects)
        if model in searched:
            indexed = [obj for obj in (index.get_indexed_instance(o, check_exists=False) for o in objects) if obj]
            for indexed_model, group in _indexable_by_model(indexed).items():
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(indexed_model, group)


def _reference_index(objects: list) -> None:
    """`ReferenceIndex.create_or_update_for_object` for each object (of one model), reading the existing references of
    all of them in one query and writing the new and deleting the removed ones together."""
    if not objects:
        return
    content_types = [ContentType.objects.get_for_model(model, for_concrete_model=False)
                     for model in [type(objects[0]), *objects[0]._meta.get_parent_list()]]  # fmt: skip
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    existing = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(obj.pk) for obj in objects]
    ).values_list("id", "object_id", "content_type_id", "to_content_type", "to_object_id", "model_path", "content_path")
    for pk, object_id, content_type_id, *reference in rows:
        existing[object_id][tuple(reference)] = (content_type_id, pk)
    new, removed = [], []
    for obj in objects:
        references = set(ReferenceIndex._extract_references_from_object(obj))
        found = existing.get(str(obj.pk), {})
        for to_content_type_id, to_object_id, model_path, content_path in references - set(found):
            new.append(ReferenceIndex(
                content_type=content_type, base_content_type=base_content_type, object_id=obj.pk,
                to_content_type_id=to_content_type_id, to_object_id=to_object_id, model_path=model_path,
                content_path=content_path, content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            ))  # fmt: skip
        # A reference recorded against a more specific model than this one is not a deletion (Wagtail's rule).
        removed += [pk for reference, (ct, pk) in found.items() if reference not in references and ct in known]
    ReferenceIndex.objects.bulk_create(new, ignore_conflicts=connection.features.supports_ignore_conflicts)
    if removed:
        ReferenceIndex.objects.filter(id__in=removed).delete()


def _indexable_by_model(objects) -> dict:
    """The objects by their (specific) model, keeping those the model's `get_indexed_objects()` includes: the check
    modelsearch makes one object at a time, here one query a model."""
    grouped = defaultdict(list)
    for obj in objects:
        grouped[type(obj)].append(obj)
    for model, group in grouped.items():
        kept = set(model.get_indexed_objects().filter(pk__in=[obj.pk for obj in group]).values_list("pk", flat=True))
        grouped[model] = [obj for obj in group if obj.pk in kept]
    return grouped
