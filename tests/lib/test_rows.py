"""The reads every request makes (the user, the installation's province, the province's years and versions) are
written as SQL once per process (ntm/lib/rows.py); they must give what the ORM gives: the right row, its related
row loaded, nothing for a join that found nothing, and the reused-codes rule of the reform of 1/7/2025."""

import datetime

import pytest

from accounts.backends import ProfileBackend
from communes.models import CommuneYearScore, ScoreVersion
from communes.selectors import years_and_versions
from provinces.models import Province
from provinces.selectors import default_province


def test_the_installation_province_comes_with_its_region(province, django_assert_num_queries):
    Province.objects.create(code="01", name="Thành phố Hà Nội")  # first by code: not the one configured
    with django_assert_num_queries(1):
        found = default_province()
        assert (found.pk, found.name, found.report_cutoff) == (province.pk, "Tỉnh Hà Tĩnh", 7)
        assert found.region.name == "Bắc Trung Bộ"
    found.name = "Tỉnh Hà Tĩnh (mới)"  # a real model instance: it saves
    found.save()
    assert Province.objects.get(pk=province.pk).name == "Tỉnh Hà Tĩnh (mới)"


def test_a_closed_province_with_the_code_is_not_the_installation(settings, region):
    """Codes are reused across reforms: the province of a code is the current one."""
    closed = Province.objects.create(code="42", name="Tỉnh Hà Tĩnh (cũ)", valid_until=datetime.date(2025, 7, 1))
    current = Province.objects.create(code="42", name="Tỉnh Hà Tĩnh", valid_from=datetime.date(2025, 7, 1))
    assert default_province().pk == current.pk != closed.pk


def test_without_the_configured_code_the_first_current_province_by_code(settings, db):
    settings.NTM_DEFAULT_PROVINCE = "99"
    Province.objects.create(code="45", name="Tỉnh Quảng Trị")
    first = Province.objects.create(code="44", name="Tỉnh Quảng Bình")
    Province.objects.create(code="40", name="Tỉnh Nghệ An", valid_until=datetime.date(2025, 7, 1))
    found = default_province()
    assert found.pk == first.pk and found.region is None


def test_no_province_loaded_yet_is_none(db):
    assert default_province() is None


def test_the_profile_knows_its_user_without_a_query(district_officer, django_assert_num_queries):
    user = ProfileBackend().get_user(district_officer.pk)
    with django_assert_num_queries(0):
        assert user.profile.user is user
        assert user.username == district_officer.username and user.is_active


@pytest.mark.parametrize("scored_years", [[2014, 2012], []])
def test_years_and_versions_lists_the_scored_years_newest_first(province, commune, small_set, scored_years):
    for year in (2012, 2013, 2014):
        ScoreVersion.objects.update_or_create(province=province, year=year, defaults={"version": year * 7})
    for year in scored_years:
        CommuneYearScore.objects.create(
            province=province, commune=commune, year=year, criteria_set=small_set, criteria_met=3
        )
    years, versions = years_and_versions(province)
    assert years == (scored_years or [datetime.date.today().year])
    assert {year: versions[year] for year in (2012, 2013, 2014)} == {2012: 2012 * 7, 2013: 2013 * 7, 2014: 2014 * 7}
    assert versions == dict(ScoreVersion.objects.filter(province=province).values_list("year", "version"))


def _values(instance) -> list:
    return [getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields]


def test_every_value_reads_as_the_orm_reads_it(district_officer, province):
    """Dates, aware datetimes, booleans and nullable keys: a user saved back from a request keeps them (a naive
    `last_login` read on SQLite would be saved shifted by the time zone)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.models import Profile

    get_user_model().objects.filter(pk=district_officer.pk).update(last_login=timezone.now())
    user = ProfileBackend().get_user(district_officer.pk)
    assert _values(user) == _values(get_user_model().objects.get(pk=district_officer.pk))
    assert timezone.is_aware(user.last_login) and timezone.is_aware(user.date_joined)
    assert _values(user.profile) == _values(Profile.objects.get(user=district_officer))
    found = default_province()
    assert _values(found) == _values(Province.objects.get(pk=province.pk))
    assert _values(found.region) == _values(province.region)


def test_the_dashboard_reads_the_province_with_its_years_and_versions_at_once(
    province, commune, small_set, django_assert_num_queries
):
    from communes.selectors import installation_years_and_versions

    nothing_yet = installation_years_and_versions()  # the set's versions only: no year has data
    assert nothing_yet == (province, [datetime.date.today().year], years_and_versions(province)[1])
    ScoreVersion.objects.update_or_create(province=province, year=2014, defaults={"version": 99})
    CommuneYearScore.objects.create(province=province, commune=commune, year=2014, criteria_set=small_set)
    with django_assert_num_queries(1):
        found, years, versions = installation_years_and_versions()
        assert found.region.code == "BTB"
    assert (found, years, versions) == (province, *years_and_versions(province))
    assert years == [2014] and versions[2014] == 99


def test_without_a_province_the_dashboard_has_no_versions(db):
    from communes.selectors import installation_years_and_versions

    assert installation_years_and_versions() == (None, [datetime.date.today().year], None)
