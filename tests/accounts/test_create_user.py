"""`create_user`: the password validators know the user; without a terminal and --password it says so."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["vanphong2014", "Vanphong-2014"])
def test_a_password_like_the_user_name_is_refused(password):
    with pytest.raises(CommandError, match="(?i)similar|giống"):
        call_command("create_user", "vanphong", role="office", password=password, stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_password_like_the_full_name_is_refused():
    with pytest.raises(CommandError):
        call_command(
            "create_user", "cb01", role="office", name="Nguyễn Thanhhuong", password="Thanhhuong!", stdout=io.StringIO()
        )
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_without_a_terminal_and_without_password_it_says_to_pass_one(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password"):
        call_command("create_user", "vanphong", role="office", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_a_good_password_creates_the_user():
    call_command("create_user", "vanphong", role="office", password="Mat-khau-2014!", stdout=io.StringIO())
    assert get_user_model().objects.get().check_password("Mat-khau-2014!")
