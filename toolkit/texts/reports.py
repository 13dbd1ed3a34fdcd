"""The draft conference report (``thidua report``): a Word document in the layout of NĐ 30/2020."""

REPORT_SUBJECT_PROPERTY = "Dự thảo báo cáo sơ kết"
REPORT_NUMBER = "Số:          /BC-……"
REPORT_DATE_LINE = "{place}, ngày …… tháng …… năm {year}"
REPORT_KIND = "BÁO CÁO"
REPORT_TITLE = "Sơ kết thực hiện giao ước thi đua {period} của {cluster}"
REPORT_DRAFT = "(DỰ THẢO)"
REPORT_INTRO = ("Căn cứ số liệu các đơn vị thành viên gửi về, {office}, Cơ quan Thường trực {cluster}, tổng "
                "hợp và báo cáo sơ kết thực hiện giao ước thi đua {period} như sau:")

#: Where a person writes: said in brackets, in italics, so that nothing is sent unwritten.
REPORT_PLACEHOLDER = "[{text}]"
#: The outline's headings, in order. Each section names what fills it: text the office writes
#: ("write", with the hint), or a part filled from the data ("sent", "awards", "compare").
REPORT_OUTLINE = (
    ("I. ĐẶC ĐIỂM TÌNH HÌNH", (
        ("write", "Nêu khái quát tình hình kinh tế - xã hội của các đơn vị trong Cụm có ảnh hưởng tới "
                  "phong trào thi đua trong kỳ."),)),
    ("II. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA", ()),
    ("1. Tình hình gửi báo cáo của các đơn vị", (("sent", ""),)),
    ("2. Kết quả công tác khen thưởng", (("awards", ""),)),
    ("3. So sánh với kỳ trước", (("compare", ""),)),
    ("4. Các mô hình mới, điển hình tiên tiến", (
        ("write", "Giới thiệu các mô hình, điển hình tiên tiến các đơn vị giới thiệu (kèm phóng sự)."),)),
    ("III. ĐÁNH GIÁ CHUNG", ()),
    ("1. Ưu điểm", (("write", "Nêu những kết quả nổi bật của phong trào thi đua trong Cụm."),)),
    ("2. Hạn chế và nguyên nhân", (("write", "Nêu những hạn chế, tồn tại và nguyên nhân."),)),
    ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", (
        ("write", "Nêu các nhiệm vụ, giải pháp trọng tâm của Cụm trong thời gian tới."),)),
    ("V. KIẾN NGHỊ, ĐỀ XUẤT", (("write", "Nêu kiến nghị với Ban Thi đua - Khen thưởng Trung ương và các cơ "
                                          "quan có liên quan (nếu có)."),)),
)
REPORT_CLOSING = "Trên đây là báo cáo sơ kết thực hiện giao ước thi đua {period} của {cluster}./."

# --- filled from the data ----------------------------------------------------------------------
REPORT_SENT = "Đến nay, Cơ quan Thường trực đã nhận biểu số liệu của {sent}/{total} đơn vị."
REPORT_ON_TIME = "Gửi đúng hạn ({deadline}): {names}."
REPORT_LATE = "Gửi sau hạn: {names}."
REPORT_NOT_SENT = "Chưa gửi: {names}."
REPORT_REJECTED = "Đã gửi nhưng tệp không dùng được, cần gửi lại: {names}."
REPORT_EXCLUDED = "Đã gửi nhưng số liệu còn lỗi, chưa được tính vào tổng hợp: {names}."
REPORT_DELIVERED = "{label}: đã nhận của {count}/{total} đơn vị{rest}."
REPORT_NOT_DELIVERED = "; chưa nhận: {names}"
REPORT_TOO_LONG = "{label} dài quá {limit} phút: {names}."
REPORT_SENT_COLUMNS = ("STT", "Đơn vị", "Biểu số liệu")
REPORT_RETURN_STATE = {"on_time": "Đúng hạn", "late": "Sau hạn", "excluded": "Còn lỗi, chưa tính vào tổng hợp",
                       "missing": "Chưa gửi", "rejected": "Bị loại, cần gửi lại"}
REPORT_TABLE = "Số liệu của {included}/{total} đơn vị, như trang «{sheet}» của tệp {file}:"
REPORT_AWARDS_NONE = "Chưa có đơn vị nào gửi số liệu dùng được."
REPORT_NOT_APPLICABLE = "x"
REPORT_COMPARE = "So với kỳ trước ({previous}), tổng số theo từng danh hiệu, hình thức khen thưởng của cả Cụm:"
REPORT_COMPARE_NONE = "Chưa có số liệu kỳ trước để so sánh."
REPORT_COMPARE_COLUMNS = ("STT", "", "Kỳ trước", "Kỳ này", "Tăng (+), giảm (-)")  # the second: the form's label column
REPORT_UNUSUAL = "Các thay đổi bất thường cần xem lại ({count}): {items}."
REPORT_UNUSUAL_ITEM = "{unit} — {row}: {previous} → {current}"
REPORT_UNUSUAL_NONE = "Không có thay đổi bất thường theo ngưỡng của biểu mẫu."

# --- the foot of the report ------------------------------------------------------------------------
REPORT_RECIPIENTS_TITLE = "Nơi nhận:"
REPORT_RECIPIENTS = ("- Ban Thi đua - Khen thưởng Trung ương;", "- Các đơn vị thành viên Cụm;", "- Lưu: VT.")
REPORT_SIGN_ROLE = "CỤM TRƯỞNG"
REPORT_SIGN_HINT = "(Ký, ghi rõ họ tên, đóng dấu)"
