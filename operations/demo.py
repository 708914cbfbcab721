"""Demo data of the office's work for Hà Tĩnh 2011-2015, deterministic, shaped on the 2014 article
(shared/domain/000_3eaa6844a77bb204.txt): the office was set up on 15/2/2011, issued 33 documents by September 2014
and in 2014 inspected leadership and direction in 127 communes of 7 districts; it reviewed the communes registered
for 2014 and those under 7 criteria. The 2014 plan targets 13 more communes (NOTES.md §7: "2014 target +13").
Everything else (names of inspections, findings, deadlines) is invented and plausible, not historical.

Runs once: when the database holds any inspection already, it changes nothing (seed_demo may run again).
"""

import datetime
import random
from collections import defaultdict

from django.db import transaction

from communes.models import Commune, Registration
from communes.scoring import scores_for_years
from criteria.selectors import criteria_set_for_year

from . import rules, services
from .models import (
    CalendarEntry,
    CommuneGroup,
    Document,
    DocumentType,
    Finding,
    Inspection,
    InspectionRequest,
    InspectionSubject,
    PlanTarget,
    Visit,
)

SEED = 2014
D = datetime.date
ISSUER = "Văn phòng Điều phối NTM tỉnh Hà Tĩnh"
# 33 documents issued from 2011 to September 2014, by type (the article gives only the total).
DOCUMENTS_PER_TYPE = {
    "ke_hoach": 8,
    "cong_van": 9,
    "bao_cao": 6,
    "huong_dan": 4,
    "thong_bao": 3,
    "to_trinh": 2,
    "quyet_dinh": 1,
}
SUMMARIES = {
    "ke_hoach": "Kế hoạch kiểm tra, giám sát thực hiện Chương trình MTQG xây dựng NTM năm {year}",
    "cong_van": "V/v đôn đốc các địa phương hoàn thành báo cáo kết quả thực hiện các tiêu chí năm {year}",
    "bao_cao": "Báo cáo kết quả thực hiện Chương trình MTQG xây dựng NTM {year}",
    "huong_dan": "Hướng dẫn đánh giá, chấm điểm các tiêu chí xã NTM năm {year}",
    "thong_bao": "Thông báo kết luận của Trưởng Ban Chỉ đạo tại buổi làm việc năm {year}",
    "to_trinh": "Tờ trình đề nghị phê duyệt danh sách xã đăng ký đạt chuẩn NTM năm {year}",
    "quyet_dinh": "Quyết định thành lập Đoàn kiểm tra liên ngành năm {year}",
}
COMMUNES_INSPECTED_2014, DISTRICTS_INSPECTED_2014 = 127, 7
PLAN_2014_COMMUNES = 13
CONCLUSION = "Các xã đã tập trung chỉ đạo; một số tiêu chí báo cáo cao hơn thực tế, hồ sơ minh chứng chưa đầy đủ."


def operations_seed(*, province, users, stdout) -> None:
    if Inspection.objects.exists():
        stdout.write("Office work: demo data present, left as it is.")
        return
    rng = random.Random(SEED)
    office, district_user, leadership = users["office"], users["district"], users["leadership"]
    with transaction.atomic():
        documents = _documents(rng, office)
        communes = list(
            Commune.objects.current().filter(province=province, in_programme=True).select_related("district")
        )
        inspections = _inspections(rng, office, communes, documents)
        _plans(province, office, communes)
        _calendar(rng, office, district_user, leadership, communes)
        _reviews(office)
    held = sum(1 for i in inspections if i.status != rules.InspectionStatus.PLANNED)
    stdout.write(f"Office work: {Document.objects.count()} documents, {len(inspections)} inspections ({held} held).")


def _documents(rng: random.Random, office) -> dict[int, list[Document]]:
    """33 issued documents, 2011 to September 2014, numbered per type and year, plus a few received ones."""
    types = {t.code: t for t in DocumentType.objects.all()}
    plan = []
    for code, count in DOCUMENTS_PER_TYPE.items():
        plan += [code] * count
    rng.shuffle(plan)
    days = sorted(D(2011, 3, 1) + datetime.timedelta(days=rng.randrange(0, 1290)) for _ in plan)
    by_year: dict[int, list[Document]] = defaultdict(list)
    for code, day in zip(plan, days, strict=True):
        sequence, number = services.document_number_proposal(doc_type=types[code], year=day.year)
        document = services.document_save(
            document=Document(
                doc_type=types[code],
                sequence=sequence,
                number=number,
                date=day,
                issuer=ISSUER,
                signer="Nguyễn Văn Phòng",
                summary=SUMMARIES[code].format(year=day.year),
            ),
            upload=None,
            user=office,
        )
        by_year[day.year].append(document)
    for year, number in ((2013, "1980/BNN-VPĐP"), (2014, "4836/BNN-VPĐP")):
        services.document_save(
            document=Document(
                direction=Document.Direction.RECEIVED,
                doc_type=types["cong_van"],
                number=number,
                date=D(year, 6, 25),
                issuer="Văn phòng Điều phối NTM Trung ương",
                summary=f"V/v báo cáo kết quả thực hiện Chương trình năm {year}",
                answer_deadline=D(year, 7, 15),
                answer_by="Văn phòng Điều phối NTM tỉnh",
            ),
            upload=None,
            user=office,
        )
    return by_year


def _inspections(rng: random.Random, office, communes: list[Commune], documents) -> list[Inspection]:
    """2014: 127 communes of the 7 largest districts, in 14 inspections (10 regular, 4 surprise), with findings
    and requests; a few earlier inspections and two planned for 2015."""
    subjects = {s.code: s for s in InspectionSubject.objects.all()}
    by_district: dict = defaultdict(list)
    for commune in communes:
        if commune.district_id:
            by_district[commune.district].append(commune)
    largest = sorted(by_district, key=lambda d: (-len(by_district[d]), d.code))[:DISTRICTS_INSPECTED_2014]
    pool = sorted((c for d in largest for c in by_district[d]), key=lambda c: (c.district.code, c.code))
    chosen = pool[:COMMUNES_INSPECTED_2014] if len(pool) >= COMMUNES_INSPECTED_2014 else pool
    criteria_set = criteria_set_for_year(2014)
    criteria = list(criteria_set.criteria.order_by("number")) if criteria_set else []
    indicators = {c.pk: list(c.indicators.all()) for c in criteria}
    basis = next((d for d in documents.get(2014, []) if d.doc_type.code == "ke_hoach"), None)
    inspections = []
    groups: dict = defaultdict(list)
    for commune in chosen:
        groups[commune.district].append(commune)
    batches = []
    for district, members in groups.items():
        half = (len(members) + 1) // 2
        batches += [(district, members[:half]), (district, members[half:])]
    for index, (district, members) in enumerate(b for b in batches if b[1]):
        surprise = index % 4 == 3
        start = D(2014, 3 + index % 8, 3 + (index * 5) % 20)
        inspection = Inspection.objects.create(
            title=f"Kiểm tra {'đột xuất' if surprise else 'công tác lãnh đạo, chỉ đạo'} tại {district.name}",
            kind=Inspection.Kind.SURPRISE if surprise else Inspection.Kind.REGULAR,
            lead=office,
            other_members="Đại diện Sở NN&PTNT, Sở Tài chính",
            planned_start=start,
            planned_end=start + datetime.timedelta(days=4),
            held_start=start,
            held_end=start + datetime.timedelta(days=4),
            legal_basis=basis,
            status=rules.InspectionStatus.CLOSED if index < 6 else rules.InspectionStatus.REPORT_ISSUED,
            conclusion_number=f"{index + 1}/TB-VPĐP",
            conclusion_date=start + datetime.timedelta(days=12),
            conclusion=CONCLUSION,
            signer_name="Nguyễn Văn Phòng",
            created_by=office,
        )
        inspection.subjects.set(
            [subjects["leadership"], subjects["criteria"]] + ([subjects["capital"]] if surprise else [])
        )
        for offset, commune in enumerate(members):
            visit = Visit.objects.create(
                inspection=inspection,
                commune=commune,
                visited_on=start + datetime.timedelta(days=offset % 5),
                commune_representatives="Chủ tịch UBND xã, cán bộ phụ trách NTM",
                record_number=f"{offset + 1}/BB-KT",
            )
            _findings(rng, visit, criteria, indicators)
            if rng.random() < 0.35:
                deadline = inspection.conclusion_date + datetime.timedelta(days=rng.choice((30, 45, 60)))
                request = services.request_create(
                    request=InspectionRequest(
                        inspection=inspection,
                        commune=commune,
                        deadline=deadline,
                        text="Rà soát, bổ sung hồ sơ minh chứng các tiêu chí còn thiếu",
                    ),
                    user=office,
                )
                outcome = rng.random()
                if outcome < 0.6:
                    request.status, request.answer = rules.RequestStatus.DONE, "Xã đã bổ sung đầy đủ hồ sơ."
                elif outcome < 0.8:
                    request.status, request.answer = rules.RequestStatus.ANSWERED, "Đã bổ sung một phần."
                request.save()
        inspections.append(inspection)
    for year, month in ((2012, 9), (2013, 10)):
        earlier = Inspection.objects.create(
            title=f"Kiểm tra tiến độ xây dựng NTM năm {year}",
            lead=office,
            planned_start=D(year, month, 5),
            planned_end=D(year, month, 9),
            held_start=D(year, month, 5),
            held_end=D(year, month, 9),
            status=rules.InspectionStatus.CLOSED,
            created_by=office,
        )
        earlier.subjects.set([subjects["criteria"]])
        for commune in pool[month : month + 6]:
            Visit.objects.create(inspection=earlier, commune=commune, visited_on=D(year, month, 6))
        inspections.append(earlier)
    for month in (3, 4):
        planned = Inspection.objects.create(
            title=f"Kiểm tra các xã đăng ký đạt chuẩn năm 2015 (đợt {month - 2})",
            lead=office,
            planned_start=D(2015, month, 10),
            planned_end=D(2015, month, 14),
            created_by=office,
        )
        planned.subjects.set([subjects["criteria"], subjects["production"]])
        registered = Commune.objects.filter(registrations__year=2015).order_by("code")[
            (month - 3) * 4 : (month - 2) * 4
        ]
        Visit.objects.bulk_create([Visit(inspection=planned, commune=c) for c in registered])
        inspections.append(planned)
    return inspections


def _findings(rng: random.Random, visit: Visit, criteria, indicators) -> None:
    for criterion in rng.sample(criteria, min(2, len(criteria))):
        choices = indicators.get(criterion.pk) or [None]
        indicator = rng.choice(choices)
        recorded = rng.choice((70, 80, 85, 90, 100))
        found = recorded - rng.choice((0, 0, 5, 15))
        finding = Finding(
            visit=visit,
            criterion=criterion,
            indicator=indicator,
            recorded_value=recorded if indicator and indicator.kind == "percentage" else None,
            found_value=found if indicator and indicator.kind == "percentage" else None,
            verdict=rules.Verdict.OVERSTATED if found < recorded else rules.Verdict.CONFIRMED,
            observation="Báo cáo cao hơn kết quả kiểm tra thực tế." if found < recorded else "Đúng như báo cáo.",
            evidence=rules.EvidenceState.PARTIAL if found < recorded else rules.EvidenceState.SEEN,
            severity=rules.Severity.MEDIUM if recorded - found >= 15 else rules.Severity.LOW,
        )
        services.finding_save(finding=finding)


def _plans(province, office, communes: list[Commune]) -> None:
    """Plans 2011-2015; 2014: +13 communes to reach the standard, revised in July (one district more)."""
    targets = {2011: (0, 5.0), 2012: (0, 6.5), 2013: (7, 8.0), 2014: (PLAN_2014_COMMUNES, 10.0), 2015: (26, 13.0)}
    by_district: dict = defaultdict(list)
    for commune in communes:
        if commune.district_id:
            by_district[commune.district_id].append(commune)
    scores = scores_for_years(list(targets), province=province)
    for year, (standard, average) in targets.items():
        plan = services.plan_create(
            province=province,
            year=year,
            adopted_on=D(year, 1, 20),
            user=office,
            note="Kế hoạch do Ban Chỉ đạo tỉnh giao.",
        )
        registered = set(Registration.objects.filter(year=year).values_list("commune_id", flat=True))
        per_district = defaultdict(int)
        for commune in communes:
            if commune.pk in registered and commune.district_id:
                per_district[commune.district_id] += 1
        targets_rows = list(plan.targets.all())
        for target in targets_rows:
            if target.district_id is None:
                target.communes_to_standard, target.average_criteria = standard, average
                target.lift_from_cutoff = 52 if year == 2014 else 0
            else:
                group = by_district.get(target.district_id, [])
                now = [scores[year - 1].count(c.pk) for c in group] if year - 1 in scores else []
                target.communes_to_standard = min(per_district.get(target.district_id, 0), standard)
                target.average_criteria = round(sum(now) / len(now) + 2.5, 1) if now else average
        PlanTarget.objects.bulk_update(targets_rows, ["communes_to_standard", "average_criteria", "lift_from_cutoff"])
        services.plan_communes_from_registrations(plan=plan)
        if year == 2014:
            revised = services.plan_revise(
                plan=plan,
                adopted_on=D(2014, 7, 15),
                user=office,
                note="Điều chỉnh kế hoạch: bổ sung các xã có khả năng đạt chuẩn trong năm.",
            )
            revised.targets.filter(district__isnull=True).update(communes_to_standard=19)


def _calendar(rng, office, district_user, leadership, communes) -> None:
    district = district_user.profile.district
    rows = [
        ("Giao ban Văn phòng điều phối", CalendarEntry.Kind.MEETING, None),
        ("Họp Ban Chỉ đạo tỉnh", CalendarEntry.Kind.MEETING, None),
        ("Tập huấn nghiệp vụ xây dựng NTM cấp xã", CalendarEntry.Kind.TRAINING, district),
        ("Thăm mô hình sản xuất", CalendarEntry.Kind.FIELD_VISIT, district),
        ("Hạn báo cáo 6 tháng", CalendarEntry.Kind.DEADLINE, None),
    ]
    for year in (2014, 2015):
        for month in range(1, 13):
            for index, (title, kind, concerned) in enumerate(rows):
                if kind in (CalendarEntry.Kind.TRAINING, CalendarEntry.Kind.FIELD_VISIT) and month % 3:
                    continue
                if kind == CalendarEntry.Kind.DEADLINE and month not in (6, 12):
                    continue
                day = D(year, month, 5 + index * 4)
                entry = CalendarEntry.objects.create(
                    title=title,
                    kind=kind,
                    start_date=day,
                    end_date=day,
                    start_time=datetime.time(8 if index % 2 else 14),
                    end_time=datetime.time(11 if index % 2 else 17),
                    place="Hội trường UBND tỉnh" if concerned is None else f"UBND {district.name}",
                    lead=leadership if "Ban Chỉ đạo" in title else office,
                    created_by=office,
                )
                entry.participants.set([office] + ([district_user] if concerned else []))
                if concerned:
                    entry.districts.add(concerned)


def _reviews(office) -> None:
    """The 2014 article's two groups: the communes registered for 2014 and those in the lowest bands."""
    registered = CommuneGroup.objects.create(
        name="Xã đăng ký đạt chuẩn NTM năm 2014", params={"registered_year": "2014"}, created_by=office
    )
    low = CommuneGroup.objects.create(name="Xã đạt 5-9 tiêu chí", params={"band": "5-9"}, created_by=office)
    for group, day in ((registered, D(2014, 6, 20)), (low, D(2014, 8, 15))):
        review = services.review_create(
            group=group, year=2014, held_on=day, title=f"Rà soát, phân loại: {group.name}", user=office
        )
        for entry in review.entries.all():
            met = entry.criteria_met or 0
            entry.classification = "on_track" if met >= 16 else ("needs_support" if met >= 7 else "not_feasible")
            entry.note = (
                "Tập trung hỗ trợ tiêu chí thu nhập, hộ nghèo." if entry.classification == "needs_support" else ""
            )
            entry.save(update_fields=["classification", "note"])
