import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_each_evaluation_as_its_first_revision(apps, schema_editor):
    Evaluation = apps.get_model("projects", "Evaluation")
    EvaluationRevision = apps.get_model("projects", "EvaluationRevision")
    for evaluation in Evaluation.objects.all().iterator():
        revision = EvaluationRevision.objects.create(
            evaluation=evaluation,
            outcomes_achieved=evaluation.outcomes_achieved,
            lessons_learned=evaluation.lessons_learned,
            recorded_by_id=evaluation.recorded_by_id,
        )
        # The text as it stands was written when the evaluation was last saved.
        EvaluationRevision.objects.filter(pk=revision.pk).update(recorded_at=evaluation.updated_at)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_ethics_emails_to_outbox"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EvaluationRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("outcomes_achieved", models.TextField(max_length=5000)),
                ("lessons_learned", models.TextField(max_length=5000)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "evaluation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions",
                        to="projects.evaluation",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-recorded_at", "-pk"],
            },
        ),
        migrations.RunPython(keep_each_evaluation_as_its_first_revision, migrations.RunPython.noop),
    ]
