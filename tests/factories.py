"""factory_boy factories for people and organisations. Apps add their own beside their tests."""

import factory
from django.contrib.auth.models import Group

from loti_data.accounts.models import Organisation, User

DEFAULT_PASSWORD = "london-data-demo"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    slug = factory.Sequence(lambda n: f"test-organisation-{n}")
    kind = Organisation.Kind.PARTNER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project led by its creator's organisation, with the creator as team lead."""

    class Meta:
        model = "projects.Project"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Data project {n}")
    summary = "Residents are missing out on support because services cannot see who needs it."
    created_by = factory.SubFactory(UserFactory)
    lead_organisation = factory.SelfAttribute("created_by.organisation")

    @factory.post_generation
    def lead_membership(self, create, extracted, **kwargs):
        if create:
            from projects.models import ProjectMembership

            ProjectMembership.objects.get_or_create(
                project=self, user=self.created_by, defaults={"role": ProjectMembership.Role.LEAD}
            )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*extracted)
