"""The withdrawal rule of Decision 18/2022/QĐ-TTg and the five-year re-evaluation, on hand-made cases."""

from communes.withdrawal import (
    Reason,
    district_flagged,
    due_for_reevaluation,
    key_criteria,
    rule_covers,
    withdrawal_review,
)

SET_318 = [
    (1, "Quy hoạch"),
    (2, "Giao thông"),
    (3, "Thủy lợi và phòng, chống thiên tai"),
    (10, "Thu nhập"),
    (17, "Môi trường và an toàn thực phẩm"),
    (18, "Hệ thống chính trị và tiếp cận pháp luật"),
    (19, "Quốc phòng và An ninh"),
]
KEY = frozenset({1, 2})  # a ten-criteria set where criteria 1 and 2 are the key ones


def test_key_criteria_are_found_by_name_in_each_set():
    assert key_criteria(SET_318) == {10, 17, 19}
    assert key_criteria([(5, "Chất lượng môi trường sống"), (10, "Tiếp cận pháp luật và an ninh, quốc phòng")]) == {
        5,
        10,
    }
    assert key_criteria([(19, "An ninh, trật tự xã hội được giữ vững"), (9, "Nhà ở dân cư")]) == frozenset()


def test_thirty_per_cent_exactly_with_a_key_criterion_is_flagged():
    review = withdrawal_review(total=10, missed=[1, 7, 8], key=KEY)
    assert review.reason == Reason.KEY_CRITERION
    assert review.key_missed == (1,) and review.missed == (1, 7, 8) and review.missed_share == 30.0


def test_thirty_per_cent_without_a_key_criterion_is_not_flagged():
    assert withdrawal_review(total=10, missed=[6, 7, 8], key=KEY) is None


def test_just_under_thirty_per_cent_is_not_flagged_even_with_key_criteria():
    # 5 of 19 is 26.3 %, 6 of 19 is 31.6 %
    assert withdrawal_review(total=19, missed=[1, 2, 3, 4, 5], key=KEY) is None
    assert withdrawal_review(total=19, missed=[1, 3, 4, 5, 6, 7], key=KEY).reason == Reason.KEY_CRITERION


def test_just_under_half_needs_a_key_criterion():
    assert withdrawal_review(total=10, missed=[3, 4, 5, 6], key=KEY) is None
    assert withdrawal_review(total=10, missed=[2, 4, 5, 6], key=KEY).reason == Reason.KEY_CRITERION


def test_half_or_more_is_flagged_whatever_the_criteria():
    review = withdrawal_review(total=10, missed=[3, 4, 5, 6, 7], key=KEY)
    assert review.reason == Reason.HALF_OR_MORE and review.missed_share == 50.0
    assert withdrawal_review(total=19, missed=range(3, 13), key=KEY).reason == Reason.HALF_OR_MORE  # 10 of 19
    assert withdrawal_review(total=19, missed=range(3, 12), key=KEY) is None  # 9 of 19, no key criterion


def test_nothing_missed_is_not_flagged():
    assert withdrawal_review(total=10, missed=[], key=KEY) is None


def test_a_district_is_flagged_from_thirty_per_cent_of_its_communes():
    assert district_flagged(flagged=3, communes=10)
    assert not district_flagged(flagged=2, communes=10)
    assert district_flagged(flagged=6, communes=20) and not district_flagged(flagged=5, communes=17)
    assert not district_flagged(flagged=0, communes=0)


def test_the_rule_covers_years_from_2022():
    assert rule_covers(2022) and rule_covers(2030)
    assert not rule_covers(2021)


def test_a_commune_recognised_five_years_ago_is_due_for_re_evaluation():
    assert due_for_reevaluation(recognised_year=2013, year=2018)
    assert not due_for_reevaluation(recognised_year=2014, year=2018)
    assert not due_for_reevaluation(recognised_year=None, year=2018)
    assert not due_for_reevaluation(recognised_year=2008, year=2013)  # before the 2014 rules
