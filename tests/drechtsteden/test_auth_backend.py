"""Who the logged-in user is: his roles, permissions and municipality, read afresh every request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from drechtsteden.constants import Rol
from drechtsteden.selectors import (
    ROLLEN_ATTRIBUUT,
    user_gemeente,
    user_has_role,
    user_roles,
    user_sees_drafts,
)
from tests.factories import DEMO_PASSWORD, BriefpublicatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publicatie(drechtsteden):
    return BriefpublicatieFactory(gemeente=drechtsteden[1])


@pytest.fixture
def raadslid(drechtsteden):
    return UserFactory(raadslid=True, gemeente=drechtsteden[1])


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download_url(publicatie) -> str:
    return reverse("brieven:download", kwargs={"publicatie_id": publicatie.uuid})


def vers(user):
    """The user as a new request loads him: a new object, nothing read yet."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_login_backends_are_axes_then_djangos_own(settings):
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]


def test_a_download_reads_the_session_the_user_his_rights_and_the_pdf(
    publicatie, raadslid, django_assert_max_num_queries
):
    client = ingelogd(raadslid)

    with django_assert_max_num_queries(8):
        response = client.get(download_url(publicatie))

    assert response.status_code == 200


def test_a_removed_role_refuses_the_next_request(publicatie, raadslid):
    client = ingelogd(raadslid)
    assert client.get(download_url(publicatie)).status_code == 200

    raadslid.groups.remove(Group.objects.get(name=Rol.RAADSLID))

    assert client.get(download_url(publicatie)).status_code == 404


def test_a_permission_taken_from_the_role_refuses_the_next_request(publicatie, raadslid):
    client = ingelogd(raadslid)
    assert client.get(download_url(publicatie)).status_code == 200

    Group.objects.get(name=Rol.RAADSLID).permissions.remove(
        Permission.objects.get(codename="view_briefpublicatie")
    )

    assert client.get(download_url(publicatie)).status_code == 404


def test_a_deactivated_user_is_logged_out_on_the_next_request(publicatie, raadslid):
    client = ingelogd(raadslid)
    raadslid.is_active = False
    raadslid.save()

    response = client.get(download_url(publicatie))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_roles_are_the_users_groups_read_once_per_user_object(
    drechtsteden, django_assert_num_queries
):
    user = UserFactory(raadslid=True, wethouder=True, gemeente=drechtsteden[1])
    Group.objects.create(name="Zonder rechten").user_set.add(user)
    user = vers(user)

    with django_assert_num_queries(1):
        rollen = user_roles(user)
        assert user_has_role(user, Rol.RAADSLID)
        assert not user_has_role(user, Rol.BEHEERDER)
        assert user_roles(user) == rollen

    assert rollen == {Rol.RAADSLID, Rol.BESTUURLIJKE_REGIEKAMER, "Zonder rechten"}
    assert getattr(user, ROLLEN_ATTRIBUUT) == rollen
    user.groups.remove(Group.objects.get(name=Rol.RAADSLID))
    assert Rol.RAADSLID not in user_roles(vers(user))


def test_permissions_are_the_users_own_and_his_roles(drechtsteden):
    user = UserFactory(raadslid=True, wethouder=True, gemeente=drechtsteden[1])
    user.user_permissions.add(Permission.objects.get(codename="add_gemeente"))
    user = vers(user)

    assert user.has_perm("drechtsteden.add_gemeente")
    assert user.has_perm("transitie.view_briefpublicatie")
    assert not user.has_perm("drechtsteden.delete_gemeente")
    assert user.get_user_permissions() == {"drechtsteden.add_gemeente"}
    assert "transitie.publish_raadsinformatiebrief" in user.get_all_permissions()


def test_the_municipality_comes_from_the_profile(drechtsteden):
    user = UserFactory(raadslid=True, gemeente=drechtsteden[4])
    zonder_profiel = UserFactory()

    assert user_gemeente(vers(user)) == drechtsteden[4]
    assert user_gemeente(vers(zonder_profiel)) is None


def test_a_superuser_keeps_every_permission(drechtsteden):
    user = vers(UserFactory(superuser=True))

    assert user_roles(user) == frozenset()
    assert user.has_perm("transitie.publish_raadsinformatiebrief")
    assert len(user.get_all_permissions()) == Permission.objects.count()


def test_an_inactive_user_is_not_authenticated(drechtsteden):
    UserFactory(username="weg", raadslid=True, is_active=False)

    assert ModelBackend().authenticate(None, username="weg", password=DEMO_PASSWORD) is None


def test_working_roles_see_drafts_a_council_member_does_not(drechtsteden):
    from django.contrib.auth.models import AnonymousUser

    assert user_sees_drafts(vers(UserFactory(ambtenaar=True)))
    assert user_sees_drafts(vers(UserFactory(regisseur=True)))
    assert user_sees_drafts(vers(UserFactory(superuser=True)))
    assert not user_sees_drafts(vers(UserFactory(raadslid=True)))
    assert not user_sees_drafts(vers(UserFactory()))
    assert not user_sees_drafts(AnonymousUser())
