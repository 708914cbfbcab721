"""The office's Word documents: an inspection record (biên bản) per commune visited, the conclusion notice
(thông báo kết luận) of an inspection, and a review table; each from the office's template of its kind or the
shipped default (operations.word)."""

from django.utils.translation import gettext as _

from provinces.selectors import default_province

from . import word
from .models import Inspection, Review, Visit, WordTemplate

OFFICE = "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"


def template_for(kind: str) -> bytes:
    """The office's uploaded template of this kind, else the shipped default."""
    stored = WordTemplate.objects.filter(kind=kind).first()
    if stored is not None:
        with stored.file.open("rb") as handle:
            return handle.read()
    return word.default_template()


def _header_values() -> dict[str, str]:
    province = default_province()
    name = province.name if province else ""
    short = name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return {
        "co_quan_cap_tren": f"BCĐ CTMTQG XÂY DỰNG NTM {name.upper()}",
        "co_quan": OFFICE,
        "dia_danh": short,
    }


def _value(number) -> str:
    if number is None:
        return "—"
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _finding_rows(findings) -> list[list[object]]:
    return [
        [
            index,
            f.subject_text,
            _value(f.recorded_value),
            _value(f.found_value),
            f.get_verdict_display(),
            f"{f.get_evidence_display()}{': ' + f.evidence_note if f.evidence_note else ''}",
            f.get_severity_display(),
            f.observation,
        ]
        for index, f in enumerate(findings, start=1)
    ]


FINDING_HEADER = (
    "TT",
    "Tiêu chí / chỉ tiêu / nội dung",
    "Báo cáo",
    "Kiểm tra",
    "Đánh giá",
    "Hồ sơ minh chứng",
    "Mức độ",
    "Nhận xét",
)


def inspection_record_docx(visit: Visit) -> bytes:
    """The inspection record of one commune visited: the team, what was checked, the findings table, the requests."""
    inspection = visit.inspection
    findings = list(visit.findings.select_related("criterion", "indicator"))
    requests = list(inspection.requests.filter(commune=visit.commune))
    team = [f"{inspection.lead.get_full_name() or inspection.lead.username} (trưởng đoàn)"]
    team += [m.get_full_name() or m.username for m in inspection.members.all()]
    if inspection.other_members:
        team.append(inspection.other_members)
    subjects = ", ".join(s.name for s in inspection.subjects.all())
    blocks = [
        word.Block(
            "paragraph",
            f"Hôm nay, ngày {visit.visited_on:%d/%m/%Y}, tại {visit.commune.name}"
            f"{', ' + visit.commune.district.name if visit.commune.district else ''}."
            if visit.visited_on
            else f"Tại {visit.commune.name}.",
        ),
        word.Block("heading", "I. THÀNH PHẦN"),
        word.Block("paragraph", "1. Đoàn kiểm tra: " + "; ".join(team) + "."),
        word.Block("paragraph", "2. Đại diện xã: " + (visit.commune_representatives or "…") + "."),
        word.Block("heading", "II. NỘI DUNG KIỂM TRA"),
        word.Block("paragraph", f"Nội dung: {subjects}." if subjects else "Nội dung: …"),
    ]
    if inspection.legal_basis_id:
        blocks.append(
            word.Block(
                "paragraph",
                f"Căn cứ {inspection.legal_basis.number} ngày "
                f"{inspection.legal_basis.date:%d/%m/%Y}: {inspection.legal_basis.summary}.",
            )
        )
    if visit.summary:
        blocks.append(word.Block("paragraph", visit.summary))
    blocks.append(word.Block("heading", "III. KẾT QUẢ KIỂM TRA"))
    blocks.append(word.Block("table", header=FINDING_HEADER, rows=_finding_rows(findings)))
    blocks.append(word.Block("heading", "IV. KIẾN NGHỊ"))
    blocks += [
        word.Block("paragraph", f"{i}. {r.text} (thời hạn: {r.deadline:%d/%m/%Y})") for i, r in enumerate(requests, 1)
    ] or [word.Block("paragraph", "Không có.")]
    blocks.append(word.Block("paragraph", "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản."))
    values = {
        **_header_values(),
        **word.date_fields(visit.visited_on),
        "so": visit.record_number or "……/BB-KT",
        "tieu_de": "BIÊN BẢN KIỂM TRA",
        "trich_yeu": f"Kết quả xây dựng nông thôn mới tại {visit.commune.name}",
        "ben_trai": "ĐẠI DIỆN UBND XÃ",
        "chuc_vu_ky": "TRƯỞNG ĐOÀN KIỂM TRA",
        "nguoi_ky": inspection.lead.get_full_name() or inspection.lead.username,
    }
    return word.render(template_for(WordTemplate.Kind.INSPECTION_RECORD), values=values, blocks=blocks)


def conclusion_notice_docx(inspection: Inspection) -> bytes:
    """The conclusion notice: the communes visited, the conclusions, the requests with who must act and by when."""
    visits = list(inspection.visits.select_related("commune__district"))
    requests = list(inspection.requests.select_related("commune", "district"))
    communes = ", ".join(v.commune.name for v in visits)
    blocks = []
    if inspection.legal_basis_id:
        blocks.append(
            word.Block(
                "paragraph",
                f"Thực hiện {inspection.legal_basis.number} ngày "
                f"{inspection.legal_basis.date:%d/%m/%Y} về {inspection.legal_basis.summary},",
            )
        )
    held = inspection.held_start or inspection.planned_start
    blocks += [
        word.Block(
            "paragraph", f"từ ngày {held:%d/%m/%Y}, đoàn kiểm tra đã kiểm tra tại {len(visits)} xã: {communes}."
        ),
        word.Block("heading", "I. KẾT LUẬN"),
        *[word.Block("paragraph", line) for line in (inspection.conclusion or "…").splitlines() if line.strip()],
        word.Block("heading", "II. KIẾN NGHỊ"),
        word.Block(
            "table",
            header=("TT", "Nội dung kiến nghị", "Đơn vị thực hiện", "Thời hạn"),
            rows=[[i, r.text, r.responsible_text, f"{r.deadline:%d/%m/%Y}"] for i, r in enumerate(requests, 1)],
        ),
    ]
    values = {
        **_header_values(),
        **word.date_fields(inspection.conclusion_date),
        "so": inspection.conclusion_number or "……/TB-VPĐP",
        "tieu_de": "THÔNG BÁO",
        "trich_yeu": f"Kết luận kiểm tra: {inspection.title}",
        "ben_trai": "Nơi nhận:\n- "
        + "\n- ".join(sorted({v.commune.district.name for v in visits if v.commune.district} | {"Lưu: VT"})),
        "chuc_vu_ky": inspection.signer_title or "CHÁNH VĂN PHÒNG",
        "nguoi_ky": inspection.signer_name,
    }
    return word.render(template_for(WordTemplate.Kind.CONCLUSION_NOTICE), values=values, blocks=blocks)


def review_docx(review: Review) -> bytes:
    """The review table: each commune with its criteria met, classification and note, and the counts per class."""
    entries = list(review.entries.select_related("commune__district"))
    counts = {
        label: sum(1 for e in entries if e.classification == value)
        for value, label in review.entries.model.Classification.choices
    }
    blocks = [
        word.Block(
            "paragraph",
            _("Group: %(group)s; %(count)s communes.") % {"group": review.group.name, "count": len(entries)},
        ),
        word.Block("paragraph", "; ".join(f"{label}: {count}" for label, count in counts.items())),
        word.Block(
            "table",
            header=("TT", "Xã", "Huyện", "Số tiêu chí đạt", "Phân loại", "Ghi chú"),
            rows=[
                [
                    i,
                    e.commune.name,
                    e.commune.district.name if e.commune.district else "",
                    e.criteria_met,
                    e.get_classification_display(),
                    e.note,
                ]
                for i, e in enumerate(entries, 1)
            ],
        ),
    ]
    values = {
        **_header_values(),
        **word.date_fields(review.held_on),
        "so": "……/BC-VPĐP",
        "tieu_de": "BÁO CÁO",
        "trich_yeu": review.title,
        "ben_trai": "Nơi nhận:\n- Ban Chỉ đạo tỉnh;\n- Lưu: VT.",
        "chuc_vu_ky": "CHÁNH VĂN PHÒNG",
        "nguoi_ky": "",
    }
    return word.render(template_for(WordTemplate.Kind.REVIEW_TABLE), values=values, blocks=blocks)
