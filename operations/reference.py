"""Reference data shipped with the app (loaded by migration 0002; office staff edit it in the admin).

Document types: the eight kinds the issue lists. Their symbols follow the usual administrative practice
("Số: 12/KH-VPĐP": running number / type abbreviation - issuing body) as seen in the provincial plans quoted in
shared/domain/OPERATIONS.md §1.1 (e.g. "KH 312/KH-UBND"). The formats are NOT verified against the appendix of
Nghị định 30/2020/NĐ-CP (not readable here): they ship marked unverified, and the office changes them in the admin.

Inspection subjects: the 2014 article on Hà Tĩnh's office (shared/domain/000_3eaa6844a77bb204.txt): leadership and
direction, completion of criteria, production models, support policies, use of programme capital; plus "other".
"""

SOURCE_DOCUMENTS = "Practice of provincial documents (OPERATIONS.md §1.1); Nghị định 30/2020/NĐ-CP not read [U]"

# code, name, abbreviation, number format
DOCUMENT_TYPES = [
    ("nghi_quyet", "Nghị quyết", "NQ", "{number}/NQ-BCĐ"),
    ("quyet_dinh", "Quyết định", "QĐ", "{number}/QĐ-BCĐ"),
    ("ke_hoach", "Kế hoạch", "KH", "{number}/KH-VPĐP"),
    ("cong_van", "Công văn", "CV", "{number}/VPĐP-NTM"),
    ("bao_cao", "Báo cáo", "BC", "{number}/BC-VPĐP"),
    ("huong_dan", "Hướng dẫn", "HD", "{number}/HD-VPĐP"),
    ("thong_bao", "Thông báo", "TB", "{number}/TB-VPĐP"),
    ("to_trinh", "Tờ trình", "TTr", "{number}/TTr-VPĐP"),
]

SOURCE_SUBJECTS = "Báo Hà Tĩnh, 08/09/2014 (shared/domain/000_3eaa6844a77bb204.txt) [V]"

SUBJECTS = [
    ("leadership", "Công tác lãnh đạo, chỉ đạo"),
    ("criteria", "Kết quả thực hiện các tiêu chí"),
    ("production", "Mô hình sản xuất"),
    ("policies", "Chính sách hỗ trợ, khuyến khích phát triển sản xuất"),
    ("capital", "Quản lý, sử dụng vốn Chương trình"),
    ("other", "Nội dung khác"),
]


def reference_load(apps, **_kwargs) -> None:
    """Create the document types and inspection subjects that are missing (never changes an existing row).

    Called by migration 0002 with the historical models, and after every `migrate` and every test flush through
    the `post_migrate` signal (operations/apps.py), so the reference rows always exist.
    """
    DocumentType = apps.get_model("operations", "DocumentType")
    InspectionSubject = apps.get_model("operations", "InspectionSubject")
    for order, (code, name, abbreviation, number_format) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "number_format": number_format,
                "order": order,
                "verified": False,
                "note": f"Default format, to be checked by the office. Source: {SOURCE_DOCUMENTS}",
            },
        )
    for order, (code, name) in enumerate(SUBJECTS):
        InspectionSubject.objects.get_or_create(code=code, defaults={"name": name, "order": order})
