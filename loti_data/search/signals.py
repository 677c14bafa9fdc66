"""Every registered source row, saved or deleted, rebuilds the document it belongs to, in the
same transaction: the one place content is saved is the one place its index is kept."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from loti_data import registry
from loti_data.search.indexing import reindex


def _receiver(source):
    def rebuild(sender, instance, **kwargs):
        if kwargs.get("raw"):  # fixtures: rebuilt by search_reindex afterwards
            return
        object_id = source.object_id(instance)
        if object_id is not None:
            reindex(source.kind, object_id)

    return rebuild


def _m2m_receiver(source):
    def rebuild(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            object_id = source.object_id(instance)
            if object_id is not None:
                reindex(source.kind, object_id)

    return rebuild


def connect() -> None:
    for source in registry.search_sources():
        uid = f"search:{source.model._meta.label}:{source.kind}"
        post_save.connect(_receiver(source), sender=source.model, weak=False, dispatch_uid=uid)
        post_delete.connect(_receiver(source), sender=source.model, weak=False, dispatch_uid=uid)
        for field in source.model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_receiver(source),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{field.name}",
            )
