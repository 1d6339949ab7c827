"""The search index and Wagtail's reference index, brought up to date once at the end of a load.

Every save of a page or record (Wagtail saves each object three times when it publishes: the object, its revision, the
published object) asks the search backend and the reference index to update it, one object at a time: for eight
languages that was half of `load_content`'s time. During a load the saves only note what changed; at the end each
changed object is indexed once, a model at a time in bulk, inside the same transaction (so a failed load leaves the
indexes as they were, like the content).
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


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
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="helphub-load-content-changes")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    _update(changed, set(searched))


def _update(changed: dict, searched: set):
    for model, pks in changed.items():
        objects = list(model._default_manager.filter(pk__in=pks))
        if model in ReferenceIndex.tracked_models:
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)
        if model in searched:
            indexed = [obj for obj in (index.get_indexed_instance(o, check_exists=False) for o in objects) if obj]
            for indexed_model, group in _indexable_by_model(indexed).items():
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(indexed_model, group)


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
