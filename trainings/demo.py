"""Deterministic demo trainings, study tours and fairs for Hà Tĩnh, 2011-2015 (`seed_demo`).

Shaped on the reports (OPERATIONS.md §2.5; the 2014 article: trainings "thu hút hàng ngàn lượt người"):
each year the province runs several courses for officials of every level, one to three study tours and a
fair of the province's key products; each district runs courses for its officials and residents; communes
run short courses on production. Titles, numbers and costs are invented for the demo.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from communes.models import Commune, District
from ntm.lib.text import fold

from .models import Training

SEED = 2014
YEARS = (2011, 2012, 2013, 2014, 2015)
PROVINCE_COURSES = [
    "Tập huấn nghiệp vụ xây dựng nông thôn mới cho cán bộ cấp huyện, xã",
    "Bồi dưỡng kỹ năng lập và quản lý kế hoạch xây dựng NTM",
    "Tập huấn công tác theo dõi, đánh giá và báo cáo Chương trình",
    "Tập huấn tư vấn viên xây dựng mô hình kinh tế",
    "Tập huấn quản lý, giám sát đầu tư công trình cấp xã",
]
RESIDENT_COURSES = [
    "Tập huấn kỹ thuật chăn nuôi an toàn sinh học",
    "Tập huấn kỹ thuật trồng rau an toàn",
    "Tập huấn kỹ thuật nuôi tôm thẻ chân trắng",
    "Tập huấn xây dựng vườn mẫu, khu dân cư mẫu",
    "Tập huấn thành lập và quản lý hợp tác xã",
]


def _cost(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.uniform(low, high)).quantize(Decimal("0.1"))


@transaction.atomic
def trainings_demo_seed(*, province, user=None) -> int:
    """Replace the demo years' trainings with the demo ones; returns how many."""
    Training.objects.filter(starts_on__year__in=YEARS).delete()
    rng = random.Random(SEED)
    districts = list(District.objects.current().filter(province=province).order_by("code"))
    communes = list(Commune.objects.current().filter(province=province, in_programme=True).order_by("code"))
    made: list[tuple[Training, list[District], list[Commune]]] = []

    def add(title, kind, level, organiser, start, days, participants, officials_share, cost, source, ds=(), cs=()):
        officials = round(participants * officials_share)
        training = Training(
            title=title,
            kind=kind,
            level=level,
            organiser=organiser,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=days - 1),
            place=organiser.replace("Văn phòng Điều phối NTM tỉnh", "Thành phố Hà Tĩnh"),
            topics=title,
            participants=participants,
            officials=officials,
            residents=participants - officials,
            cost=cost,
            cost_source=source,
            created_by=user,
        )
        training.search_text = fold(" ".join([title, organiser, training.place, title]))
        made.append((training, list(ds), list(cs)))

    for year in YEARS:
        for index in range(rng.randint(4, 7)):
            start = datetime.date(year, rng.randint(2, 11), rng.randint(1, 25))
            title = PROVINCE_COURSES[index % len(PROVINCE_COURSES)]
            add(
                title,
                "course",
                "province",
                "Văn phòng Điều phối NTM tỉnh",
                start,
                rng.randint(2, 3),
                rng.randint(60, 140),
                1.0,
                _cost(rng, 40, 150),
                "central_budget",
            )
        for index in range(rng.randint(1, 3)):
            start = datetime.date(year, rng.randint(3, 10), rng.randint(1, 25))
            add(
                f"Đoàn tham quan học tập mô hình NTM tại các tỉnh ({index + 1})",
                "study_tour",
                "province",
                "Văn phòng Điều phối NTM tỉnh",
                start,
                5,
                rng.randint(25, 45),
                1.0,
                _cost(rng, 150, 400),
                "central_budget",
            )
        start = datetime.date(year, rng.choice([9, 10, 11]), rng.randint(1, 20))
        add(
            f"Hội chợ sản phẩm nông nghiệp hàng hóa chủ lực Hà Tĩnh {year}",
            "fair",
            "province",
            "Văn phòng Điều phối NTM tỉnh",
            start,
            5,
            rng.randint(300, 900),
            0.1,
            _cost(rng, 300, 800),
            "local_budget",
        )
        for district in districts:
            for _index in range(rng.randint(1, 3)):
                start = datetime.date(year, rng.randint(2, 11), rng.randint(1, 25))
                add(
                    rng.choice(RESIDENT_COURSES),
                    "course",
                    "district",
                    f"UBND {district.name}",
                    start,
                    2,
                    rng.randint(40, 120),
                    rng.uniform(0.2, 0.5),
                    _cost(rng, 15, 60),
                    "local_budget",
                    ds=[district],
                )
        for commune in rng.sample(communes, min(len(communes), 8 + 3 * (year - 2011))):
            start = datetime.date(year, rng.randint(2, 11), rng.randint(1, 25))
            add(
                rng.choice(RESIDENT_COURSES),
                "course",
                "commune",
                f"UBND {commune.name}",
                start,
                1,
                rng.randint(30, 80),
                rng.uniform(0.05, 0.2),
                _cost(rng, 3, 15),
                "community",
                cs=[commune],
            )
    Training.objects.bulk_create([t for t, _ds, _cs in made])
    for training, ds, cs in made:
        if ds:
            training.districts.set(ds)
        if cs:
            training.communes.set(cs)
    return len(made)
