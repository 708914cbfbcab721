"""Vietnamese for the msgids added on branch wt-hard (issue 11, hardening); the lead merges them into django.po."""

T = {
    'The file "%(name)s" is larger than an import can read (data on row %(row)s; at most %(rows)s rows, '
    "%(columns)s columns and %(cells)s cells are read). Delete the rows and columns that are not "
    "part of the table, or split the file.": (
        'Tệp "%(name)s" lớn hơn mức một lần nhập có thể đọc (có dữ liệu ở dòng %(row)s; chỉ đọc tối đa '
        "%(rows)s dòng, %(columns)s cột và %(cells)s ô). Hãy xóa các dòng, cột không thuộc bảng, "
        "hoặc chia nhỏ tệp."
    ),
    "No criteria set is in force in %(year)s; choose a year a criteria set covers.": (
        "Không có bộ tiêu chí nào áp dụng cho năm %(year)s; hãy chọn một năm có bộ tiêu chí."
    ),
    "%(commune)s's year %(year)s is locked: its registration cannot be withdrawn.": (
        "Năm %(year)s của %(commune)s đã bị khóa: không thể rút đăng ký."
    ),
    "The file is missing": "Không tìm thấy tệp",
    "The record of “%(title)s” (%(name)s) is here, but its file is not on the server (for example after a "
    "restore without the evidence archive). Ask the office to restore the evidence files or to attach the "
    "document again.": (
        "Hồ sơ “%(title)s” (%(name)s) vẫn còn, nhưng tệp của nó không có trên máy chủ (ví dụ sau khi khôi phục "
        "mà không có bản lưu tệp minh chứng). Hãy đề nghị văn phòng khôi phục các tệp minh chứng hoặc đính kèm "
        "lại tài liệu."
    ),
    "Back to the dossier": "Quay lại hồ sơ",
    "file on the server": "tệp trên máy chủ",
    "missing": "bị thiếu",
    'The file "%(name)s" is not a .csv, .xlsx or .xls file.': 'Tệp "%(name)s" không phải là tệp .csv, .xlsx hoặc .xls.',
    'The file "%(name)s" cannot be read as an Excel 97-2003 workbook (.xls); it may be damaged.': (
        'Không đọc được tệp "%(name)s" như một bảng tính Excel 97-2003 (.xls); tệp có thể bị hỏng.'
    ),
}
