# ruff: noqa: E501
"""Translations of branch wt-forecast (withdrawal review, re-evaluation, forecast, disputed targets)."""

T = {
    "Withdrawal review": "Rà soát thu hồi",
    "Recognised communes that no longer meet 50 % or more of the criteria, or 30 % to 50 % with income, environment, living environment or defence and security among them (Decision 18/2022/QĐ-TTg). The office reviews them before proposing a withdrawal.": "Các xã đã được công nhận nay không còn đạt từ 50 % số tiêu chí trở lên, hoặc từ 30 % đến dưới 50 % trong đó có tiêu chí thu nhập, môi trường, chất lượng môi trường sống hoặc quốc phòng và an ninh (Quyết định 18/2022/QĐ-TTg). Văn phòng rà soát trước khi đề nghị thu hồi.",
    "Districts with 30 % or more of their communes flagged": "Huyện có từ 30 % số xã trở lên thuộc diện rà soát",
    "Reason": "Lý do",
    "Criteria missed": "Tiêu chí không đạt",
    "%(share)s % of the criteria missed (50 % or more)": "Không đạt %(share)s % số tiêu chí (từ 50 % trở lên)",
    "%(share)s % of the criteria missed, among them a key criterion": "Không đạt %(share)s % số tiêu chí, trong đó có tiêu chí bắt buộc",
    "No recognised commune falls under the withdrawal rule this year.": "Năm nay không có xã đã công nhận nào thuộc diện thu hồi.",
    "Due for re-evaluation": "Đến hạn đánh giá lại",
    "Communes recognised five years ago or more are re-evaluated against the criteria in force (Decision 372/QĐ-TTg, 2014).": "Các xã được công nhận từ năm năm trở lên được đánh giá lại theo bộ tiêu chí hiện hành (Quyết định 372/QĐ-TTg năm 2014).",
}
