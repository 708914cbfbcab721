# ruff: noqa: E501
"""Vietnamese for the msgids added on wt-reform (the lead copies them into django.po at merge)."""

T = {
    # models and admin
    "formed from": "hình thành từ",
    "The earlier communes merged (or split) into this one.": "Các xã trước đây được sáp nhập (hoặc chia tách) thành xã này.",
    "new commune": "xã mới",
    "former commune": "xã cũ",
    "share (%)": "tỷ lệ (%)",
    "Share of the former commune that went into the new one; empty: part of it.": "Phần của xã cũ nhập vào xã mới; để trống: một phần.",
    "lineage": "nguồn gốc hình thành",
    # divisions import
    "Units closed before the new list: %(count)s.": "Đơn vị kết thúc trước danh sách mới: %(count)s.",
    'Row %(row)s, column "%(column)s": code %(value)s is used by "%(name)s" since %(since)s, after this file\'s start (%(start)s); import it with its own valid-from date.': 'Dòng %(row)s, cột "%(column)s": mã %(value)s đang dùng cho "%(name)s" từ %(since)s, sau ngày bắt đầu của tệp này (%(start)s); hãy nhập với ngày hiệu lực riêng của nó.',
    # lineage import
    "Lineage: %(rows)s rows; %(created)s links created, %(updated)s updated, %(unchanged)s unchanged, %(removed)s removed.": "Nguồn gốc: %(rows)s dòng; %(created)s liên kết tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi, %(removed)s xóa.",
    'Row %(row)s, column "%(column)s": commune %(code)s was in district %(actual)s, not %(value)s.': 'Dòng %(row)s, cột "%(column)s": xã %(code)s thuộc huyện %(actual)s, không phải %(value)s.',
    'Row %(row)s, column "%(column)s": the pair %(new)s / %(old)s already appears on row %(first)s.': 'Dòng %(row)s, cột "%(column)s": cặp %(new)s / %(old)s đã có ở dòng %(first)s.',
    'Row %(row)s, column "%(column)s": no commune had code %(value)s on %(day)s.': 'Dòng %(row)s, cột "%(column)s": không có xã nào mang mã %(value)s vào ngày %(day)s.',
    'Row %(row)s, column "%(column)s": commune %(code)s was "%(actual)s" on %(day)s, not "%(value)s".': 'Dòng %(row)s, cột "%(column)s": xã %(code)s vào ngày %(day)s là "%(actual)s", không phải "%(value)s".',
    'Row %(row)s, column "%(column)s": share "%(value)s" is not a percentage above 0 and up to 100.': 'Dòng %(row)s, cột "%(column)s": tỷ lệ "%(value)s" không phải phần trăm lớn hơn 0 và không quá 100.',
    # pages
    "What this commune became": "Xã này đã trở thành",
    "This commune existed until the day before %(until)s. It became part of:": "Xã này tồn tại đến trước ngày %(until)s. Xã đã nhập vào:",
    "part of it": "một phần",
    "Formed from": "Hình thành từ",
    "This commune exists since %(since)s. Before that, its area belonged to the communes below; their history is shown side by side and combined.": "Xã này có từ %(since)s. Trước đó, địa bàn thuộc các xã dưới đây; lịch sử của các xã được trình bày song song và tổng hợp.",
    "Recognised (combined)": "Đạt chuẩn (tổng hợp)",
    "Criteria met by all": "Tiêu chí tất cả đều đạt",
    "%(counter)s criterion": ("%(counter)s tiêu chí",),
    "recognised": "đạt chuẩn",
    "%(count)s of %(total)s": "%(count)s trên %(total)s",
    "not comparable": "không so sánh được",
    "No values were recorded for these communes.": "Chưa có số liệu của các xã này.",
    "Former district": "Huyện cũ",
    "all former districts": "tất cả huyện cũ",
    "Districts no longer exist in %(year)s: since 1/7/2025 local government has two tiers (province and commune). This district existed until %(last_day)s.": "Năm %(year)s không còn cấp huyện: từ 1/7/2025 chính quyền địa phương có hai cấp (tỉnh và xã). Huyện này tồn tại đến %(last_day)s.",
    "See the district in %(last_year)s": "Xem huyện năm %(last_year)s",
    "Communes of %(year)s formed from its communes": "Các xã năm %(year)s hình thành từ các xã của huyện",
    # commune groups (2026-2030)
    "commune group assignment": "phân nhóm xã",
    "commune group assignments": "phân nhóm xã",
    "group": "nhóm",
    "from": "từ ngày",
    "The targets of this group apply from this date's year.": "Chỉ tiêu của nhóm áp dụng từ năm của ngày này.",
    "decision or document": "quyết định hoặc văn bản",
    "assigned by": "người phân nhóm",
    "assigned at": "thời điểm phân nhóm",
    "Communes without a group under %(set)s": "Xã chưa được phân nhóm theo %(set)s",
    "Their targets are read as group 2 until the office assigns their group (admin: commune group assignments).": "Chỉ tiêu của các xã này tạm tính theo nhóm 2 cho đến khi văn phòng phân nhóm (trang quản trị: phân nhóm xã).",
    "and more (%(shown)s of %(more)s shown)": "và các xã khác (hiển thị %(shown)s trên %(more)s)",
    "Every commune has its group.": "Tất cả các xã đã được phân nhóm.",
    "%(counter)s of the %(total)s targets of the year's set is not verified against the official text.": (
        "%(counter)s trên %(total)s chỉ tiêu của bộ tiêu chí năm này chưa được đối chiếu với văn bản chính thức.",
    ),
    "Check them": "Kiểm tra",
    # district officers after the reform
    "communes followed after the reform": "các xã phụ trách sau sắp xếp",
    "Districts no longer exist from 1/7/2025: the communes this district officer edits from then on, assigned by office staff.": "Từ 1/7/2025 không còn cấp huyện: các xã cán bộ này phụ trách từ đó, do văn phòng phân công.",
    "No districts in %(year)s: since 1/7/2025 local government has two tiers. The commune list can be filtered by former district.": "Năm %(year)s không còn cấp huyện: từ 1/7/2025 chính quyền địa phương có hai cấp. Danh sách xã có thể lọc theo huyện cũ.",
    "This district did not exist yet in %(year)s: it exists since %(since)s.": "Năm %(year)s huyện này chưa được thành lập: huyện có từ %(since)s.",
}
