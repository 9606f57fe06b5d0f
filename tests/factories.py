import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms.people.models import Organisation, Region, Sector, User
from lms.people.roles import Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    name_ar = factory.Sequence(lambda n: f"جهة اختبار {n}")
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="labour-inspection"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="riyadh"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name_en = factory.Sequence(lambda n: f"Test Person {n}")
    name_ar = factory.Sequence(lambda n: f"شخص تجريبي {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.save()
            self.groups.add(Group.objects.get(name=extracted or Role.TRAINEE))
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
