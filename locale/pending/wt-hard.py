"""Vietnamese for the msgids added on branch wt-hard (issue 11, hardening); the lead merges them into django.po."""

T = {
    'The file "%(name)s" is larger than an import can read (data on row %(row)s; at most %(rows)s rows, '
    "%(columns)s columns and %(cells)s cells are read). Delete the rows and columns that are not "
    "part of the table, or split the file.": (
        'Tệp "%(name)s" lớn hơn mức một lần nhập có thể đọc (có dữ liệu ở dòng %(row)s; chỉ đọc tối đa '
        "%(rows)s dòng, %(columns)s cột và %(cells)s ô). Hãy xóa các dòng, cột không thuộc bảng, "
        "hoặc chia nhỏ tệp."
    ),
}
