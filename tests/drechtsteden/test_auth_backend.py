"""PortaalBackend: the profile, roles and permissions read once per request, never kept longer."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from drechtsteden.auth import PortaalBackend
from drechtsteden.constants import Rol
from drechtsteden.selectors import user_gemeente, user_roles
from tests.factories import BriefpublicatieFactory, UserFactory

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


def test_a_download_takes_four_queries_session_user_rights_and_the_pdf(
    publicatie, raadslid, django_assert_num_queries
):
    client = ingelogd(raadslid)

    with django_assert_num_queries(4) as queries:
        response = client.get(download_url(publicatie))

    assert response.status_code == 200
    tabellen = [q["sql"].split(" FROM ", 1)[1].split()[0] for q in queries.captured_queries]
    assert tabellen == [
        '"django_session"',
        '"auth_user"',
        '"auth_user_groups"',
        '"transitie_briefpublicatie"',
    ]


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


def test_roles_and_own_and_role_permissions_come_from_one_query(
    drechtsteden, django_assert_num_queries
):
    user = UserFactory(raadslid=True, wethouder=True, gemeente=drechtsteden[1])
    Group.objects.create(name="Zonder rechten").user_set.add(user)
    user.user_permissions.add(Permission.objects.get(codename="add_gemeente"))
    user = PortaalBackend().get_user(user.pk)

    with django_assert_num_queries(1):
        rollen = user_roles(user)
        rechten = user.get_all_permissions()
        assert user.has_perm("drechtsteden.add_gemeente")
        assert user.has_perm("transitie.view_briefpublicatie")
        assert not user.has_perm("drechtsteden.delete_gemeente")
        assert user.get_user_permissions() == {"drechtsteden.add_gemeente"}

    assert rollen == {Rol.RAADSLID, Rol.BESTUURLIJKE_REGIEKAMER, "Zonder rechten"}
    assert "drechtsteden.add_gemeente" in rechten
    assert "transitie.publish_raadsinformatiebrief" in rechten


def test_get_user_reads_the_profile_with_the_user(drechtsteden, django_assert_num_queries):
    user = UserFactory(raadslid=True, gemeente=drechtsteden[4])
    zonder_profiel = UserFactory()

    with django_assert_num_queries(2):
        geladen = PortaalBackend().get_user(user.pk)
        assert user_gemeente(geladen) == drechtsteden[4]
        assert user_gemeente(PortaalBackend().get_user(zonder_profiel.pk)) is None


def test_a_superuser_keeps_every_permission(drechtsteden):
    user = PortaalBackend().get_user(UserFactory(superuser=True).pk)

    assert user_roles(user) == frozenset()
    assert user.has_perm("transitie.publish_raadsinformatiebrief")
    assert len(user.get_all_permissions()) == Permission.objects.count()


def test_an_inactive_user_is_not_loaded(drechtsteden):
    user = UserFactory(raadslid=True, is_active=False)

    assert PortaalBackend().get_user(user.pk) is None
