import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from loti_data.search.operations import PostgresOnly


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_groups_and_organisations"),
    ]

    operations = [
        # Does nothing on SQLite (Django's CreateExtension checks the vendor itself).
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=300)),
                ("summary", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("meta", models.CharField(blank=True, max_length=300)),
                ("url", models.CharField(max_length=300)),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="search_document_once"
                    )
                ],
            },
        ),
        PostgresOnly(
            migrations.AddIndex(
                model_name="searchword",
                index=django.contrib.postgres.indexes.GinIndex(
                    django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"),
                    name="search_word_trigram",
                ),
            )
        ),
        PostgresOnly(
            migrations.AddIndex(
                model_name="searchdocument",
                index=django.contrib.postgres.indexes.GinIndex(
                    fields=["vector"], name="search_document_vector"
                ),
            )
        ),
    ]
