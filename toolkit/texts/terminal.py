"""What the ``thidua`` command says: help, options, progress, reports and the demonstration."""

# --- command line -----------------------------------------------------------------------------
CLI_HELP = "Biểu mẫu, kiểm tra và tổng hợp số liệu thi đua, khen thưởng của các đơn vị trong Cụm thi đua."
CLI_OPT_FORM = ("Mã biểu mẫu hoặc đường dẫn tệp .toml (mặc định: biểu mẫu đánh dấu default = true, hoặc có kỳ báo cáo đang diễn ra, hoặc gần nhất trong workbook_templates/).")
CLI_OPT_FORMS_DIR = "Thư mục chứa các định nghĩa biểu mẫu."
CLI_OPT_UNIT = "Chỉ tạo cho đơn vị có mã này (dùng nhiều lần được)."
CLI_OPT_OUT = "Thư mục ghi biểu mẫu (mặc định outbox/<mã biểu mẫu>/bieu-mau)."
CLI_OPT_WORKERS = "Số tiến trình song song (mặc định: số lõi CPU)."
CLI_GENERATE_HELP = "Tạo biểu mẫu Excel (.xlsx) đã khóa cho từng đơn vị."
CLI_GENERATED = "Đã tạo {count} biểu mẫu trong {out}:"
CLI_ERROR = "Lỗi: {message}"
CLI_FORM_HELP, CLI_FORM_LIST_HELP = "Quản lý các biểu mẫu (mỗi kỳ báo cáo một tệp TOML).", "Liệt kê mọi biểu mẫu."
CLI_FORM_NEW_HELP = "Tạo biểu mẫu cho kỳ mới từ biểu mẫu cũ: giữ các dòng, các phần, đơn vị; đổi kỳ, hạn gửi."
CLI_FORM_NEW_OPTS = {"new_id": "Mã biểu mẫu mới (tên tệp .toml).", "old": "Mã biểu mẫu cũ (hoặc tệp .toml).",
                     "period": "Tên kỳ mới, ví dụ «06 tháng đầu năm 2021».",
                     "date": "Ngày dạng NĂM-THÁNG-NGÀY hoặc NGÀY/THÁNG/NĂM: {what}.",
                     "start": "bắt đầu kỳ", "end": "kết thúc kỳ", "deadline": "hạn gửi"}
CLI_INTERRUPTED = "Đã dừng theo yêu cầu; không có tệp nào bị ghi dở."
# The command-line framework's own words (toolkit/usage.py).
CLI_USAGE = "Cách dùng: "
CLI_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}
CLI_FRAMEWORK_WORDS = {"Show this message and exit.": "Xem hướng dẫn này rồi thoát.", "[OPTIONS]": "[TÙY_CHỌN]",
                       "COMMAND [ARGS]...": "LỆNH [THAM_SỐ]...", "[ARGS]...": "[THAM_SỐ]...",
                       "[required]": "[bắt buộc]", "[default: ": "[mặc định: ", "[x>=1]": "[từ 1 trở lên]"}
CLI_TRY_HELP = "Xem «{command} --help» để biết cách dùng."
CLI_USAGE_ERRORS = {
    "no_option": "không có tùy chọn {name}.", "close_options": "Có thể bạn định gõ: {names}.",
    "missing": "thiếu {name}.", "bad_value": "giá trị của {name} không hợp lệ: {problem}.",
    "needs_value": "tùy chọn {name} cần một giá trị đi kèm.", "takes_no_value": "tùy chọn {name} không nhận giá trị.",
    "no_command": "không có lệnh «{name}».", "close_commands": "Có thể bạn định gõ: {names}.",
    "missing_command": "thiếu tên lệnh.", "extra": "thừa tham số: {args}.",
}
CLI_VALUE_PROBLEMS = {"at_least": "phải lớn hơn hoặc bằng {limit}", "integer": "phải là một số nguyên",
                      "number": "phải là một số"}
# How each option's value is named on the help page.
CLI_METAVARS = {"form": "MÃ_HOẶC_TỆP", "folder": "THƯ_MỤC", "file": "TỆP", "unit": "MÃ", "count": "SỐ",
                "limit": "TÊN=GIÁ_TRỊ", "date": "NGÀY", "json": "TỆP|-", "id": "MÃ", "period": "TÊN_KỲ",
                "host": "ĐỊA_CHỈ", "password": "MẬT_KHẨU"}

# --- reports ----------------------------------------------------------------------------------
STATUS_LABELS = {"valid": "hợp lệ", "warning": "có cảnh báo", "error": "có lỗi", "missing": "chưa gửi",
                 "accepted": "đã dùng", "superseded": "bản cũ", "rejected": "bị loại", "ignored": "bỏ qua"}
CLI_OPT_INBOX = "Thư mục chứa các tệp đơn vị gửi về (đọc, không bao giờ sửa)."
CLI_OPT_JSON = "Ghi kết quả của lệnh dạng JSON vào tệp này («-» để in ra màn hình)."
CLI_OPT_QUIET = "Không hiện thanh tiến độ."
CLI_OPT_ON = "Tính số ngày còn lại đến hạn tính từ ngày này (NĂM-THÁNG-NGÀY hoặc NGÀY/THÁNG/NĂM; mặc định: hôm nay, giờ Việt Nam)."
CLI_CHECK_HELP = "Kiểm tra mọi tệp trong thư mục nhận và báo lỗi theo từng ô."
CLI_STATUS_HELP = "Xem nhanh đơn vị nào đã gửi, đã đúng chưa và còn bao nhiêu ngày đến hạn."
CLI_NO_INBOX = "không tìm thấy thư mục nhận {inbox}. Tạo thư mục này và chép các tệp đơn vị gửi về vào đó."
CLI_PROGRESS = "Đang kiểm tra"
CHECK_TITLE = "Kết quả kiểm tra: {title} ({form_id}, phiên bản {version})"
CHECK_COLUMNS = ("Mã", "Đơn vị", "Vai trò", "Trạng thái", "Tệp được dùng", "Lỗi", "Cảnh báo", "Ghi chú")
CHECK_FINDINGS = "Chi tiết theo tệp"
CHECK_OTHER_FILES = "Tệp không được dùng"
CHECK_REVISIONS = "Bản sửa so với lần gửi trước"
CHECK_ATTENTION_ONLY = ("Chỉ hiện {shown}/{count} đơn vị cần chú ý (có lỗi, có cảnh báo, tệp bị loại hoặc chưa "
                        "gửi); các đơn vị hợp lệ chỉ được đếm ở dòng cuối. Xem mọi đơn vị: thêm --all.")
CHECK_MISSING_UNITS = "Chưa gửi ({count}): {names}."
CLI_OPT_ALL = "Hiện mọi đơn vị trong bảng, kể cả khi biểu mẫu có rất nhiều đơn vị (mặc định: biểu mẫu có nhiều đơn vị chỉ hiện các đơn vị cần chú ý)."
CHECK_SUMMARY = ("{valid} hợp lệ, {warning} có cảnh báo, {error} có lỗi, {missing} chưa gửi; "
                 "{files_rejected} tệp bị loại, {files_superseded} bản cũ, {files_ignored} tệp bỏ qua.")
STATUS_COLUMNS = ("Mã", "Đơn vị", "Đã nhận", "Trạng thái", "Tệp", "Lưu lúc")
STATUS_DEADLINE = {"before": "Còn {days} ngày đến hạn gửi ({deadline}).", "today": "Hôm nay là hạn gửi ({deadline}).",
                   "after": "Đã quá hạn gửi {days} ngày ({deadline})."}
YES, NO = "có", "không"

# --- the demonstration ------------------------------------------------------------------------
DEMO_HELP = "Chạy thử trọn một vòng báo cáo với số liệu mẫu, trong một thư mục riêng (mặc định demo/)."
DEMO_DIR_HELP = "Thư mục chạy thử (không dùng inbox/ và outbox/ thật)."
DEMO_REFUSED = "không chạy thử trong {path}: đây là thư mục nhận hoặc thư mục kết quả thật. Chọn thư mục khác."
DEMO_STEPS = (
    "1. Đã tạo {templates} biểu mẫu trong {template_dir}",
    "2. Đã giả lập {returned} tệp đơn vị gửi về trong {inbox} (một tệp sai tổng, một tệp nhập số dạng chữ, "
    "thiếu {missing})",
    "3. Kiểm tra lần 1: {first}",
    "4. Đã viết phản hồi trong {feedback_dir}: {corrections} thư đề nghị sửa (kèm tệp đánh dấu ô cần sửa), "
    "{confirmations} thư xác nhận, {reminders} thư nhắc gửi",
    "5. Đơn vị sai tổng đã sửa và gửi lại tệp «{corrected}»",
    "6. Kiểm tra lần 2: {summary}",
    "   Bản sửa của {corrector}: {revision}",
    "7. Đã tổng hợp: {summary_path}",
    "8. Đã viết dự thảo báo cáo sơ kết: {draft}",
)
DEMO_DOCUMENT_NAME = "{stem} - bao cao so ket.docx"
DEMO_DOCUMENT_LINES = ("UBND TỈNH {name}", "BÁO CÁO", "Sơ kết thực hiện giao ước thi đua {period} ({cluster})",
                       "(Số liệu mẫu của bản chạy thử.)")
DEMO_OPEN_FIRST = ("Mở trước: {summary_path} (trang «Tổng hợp», rồi «Tình trạng» và «Lỗi - cảnh báo»); "
                   "dự thảo báo cáo: {draft}.")

# --- the summary workbook ---------------------------------------------------------------------
# "Tình trạng"
STATUS_SHEET_TITLE = "TÌNH TRẠNG NHẬN VÀ KIỂM TRA SỐ LIỆU CỦA CÁC ĐƠN VỊ"
STATUS_SHEET_COLUMNS = ("STT", "Mã", "Đơn vị", "Vai trò", "Tình trạng", "Tệp được dùng", "Mã SHA-256 của tệp",
                        "Lưu lúc (giờ Việt Nam)", "Gửi đúng hạn", "Số lỗi", "Số cảnh báo", "Số ghi chú",
                        "Tính vào tổng hợp", "Lý do")
# Printed at the top of every page of the sheets whose first row is their table.
FINDINGS_SHEET_TITLE = "CÁC LỖI, CẢNH BÁO VÀ GHI CHÚ KHI KIỂM TRA SỐ LIỆU CỦA CÁC ĐƠN VỊ"
DATA_SHEET_TITLE = "DỮ LIỆU CHI TIẾT: MỖI ĐƠN VỊ, MỖI DANH HIỆU MỘT DÒNG"
STATUS_DEADLINE_NOTE = "Hạn gửi: {deadline}. «Gửi đúng hạn» tính theo lúc lưu tệp ghi trong tệp."
CLI_CANNOT_WRITE = "không ghi được vào {path} ({error}). Kiểm tra thư mục có tồn tại, còn chỗ trống và được phép ghi."
#: Why a file cannot be written, by the system's error name; others are told in the system's words.
CANNOT_WRITE_REASONS = {
    "EISDIR": "đây là một thư mục, cần ghi rõ tên tệp",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "EACCES": "không có quyền ghi",
    "EPERM": "không được phép ghi",
    "EROFS": "ổ đĩa chỉ cho phép đọc",
    "ENOENT": "không tạo được tệp ở đó",
    "ENOSPC": "ổ đĩa đã đầy",
}
CLI_CONSOLIDATE_HELP = "Kiểm tra rồi tổng hợp số liệu các đơn vị vào một tệp Excel để báo cáo Cụm."
CLI_OPT_OUTPUT = "Tệp tổng hợp (mặc định outbox/<mã biểu mẫu>/tong-hop-<mã biểu mẫu>.xlsx)."
CLI_OPT_INCLUDE_INVALID = "Cộng cả số liệu của đơn vị có lỗi (trang đầu sẽ ghi rõ điều này)."
CLI_CONSOLIDATED = "Đã ghi tệp tổng hợp: {path}"
CLI_OUTPUT_NOT_XLSX = "tệp tổng hợp {path} phải có đuôi .xlsx (tệp tổng hợp luôn là tệp Excel)."
CLI_NOTHING_TO_CONSOLIDATE = ("không có gì để tổng hợp: trong {inbox} chưa có tệp nào của đơn vị dùng được, tệp "
                              "tổng hợp chỉ liệt kê các đơn vị chưa gửi. Chạy «thidua check» để xem các tệp đã nhận.")
CLI_OPT_LIMIT = "Đổi một giới hạn an toàn, dạng TÊN=GIÁ_TRỊ (lặp lại được), ví dụ read_timeout=60."

# --- the inbox: ignored files and details of rejected ones ------------------------------------
CLI_PROGRESS_GENERATE = "Đang tạo biểu mẫu"
CLI_GENERATED_MORE = "  … và {count} tệp khác trong cùng thư mục."
CHECK_REJECTED_FILE = "{path} (bị loại, xem dưới)"

# --- feedback to the units (thidua feedback) --------------------------------------------------
CLI_FEEDBACK_HELP = ("Kiểm tra rồi viết phản hồi cho từng đơn vị: thư báo lỗi kèm tệp đã đánh dấu ô cần sửa, "
                     "thư xác nhận đã nhận, hoặc thư nhắc gửi kèm biểu mẫu trống.")
CLI_OPT_FEEDBACK_OUT = "Thư mục ghi phản hồi (mặc định outbox/<mã biểu mẫu>/phan-hoi)."
FEEDBACK_TITLE = "Phản hồi cho các đơn vị"
FEEDBACK_COLUMNS = ("Mã", "Đơn vị", "Nội dung", "Lỗi", "Cảnh báo", "Tệp gửi")
FEEDBACK_FILES = {False: "thư .txt", True: "thư .txt, bảng .xlsx"}
FEEDBACK_KINDS = {"corrections": "Đề nghị sửa", "confirmation": "Xác nhận đã nhận", "reminder": "Nhắc gửi"}
FEEDBACK_DONE = ("Đã viết phản hồi cho {count} đơn vị trong {folder}, tên tệp <mã>-<tên đơn vị>: dán nội dung tệp "
                 ".txt vào thư gửi đơn vị, đính kèm tệp .xlsx nếu có.")
CLI_OUTPUT_IN_INBOX = ("không ghi {path} vào thư mục nhận {inbox}: thư mục này chỉ để đọc các tệp đơn vị gửi về "
                       "(tệp ghi vào đó sẽ bị đọc lại như một tệp gửi về). Chọn thư mục khác, ví dụ outbox/.")

# --- last period beside this one (consolidate, report: --compare-with) ---------------------------
CLI_OPT_COMPARE_WITH = ("Tệp tổng hợp của kỳ trước (do công cụ ghi) để so sánh; không ghi thì tự tìm tệp tổng hợp "
                        "của kỳ trước trong outbox/ khi thư mục biểu mẫu có biểu mẫu kỳ trước cùng các dòng.")
COMPARE_SKIPPED = "Không so sánh với kỳ trước: tệp tổng hợp kỳ trước tự tìm thấy không dùng được. {reason}"
COMPARE_MISSING = "Không thấy tệp tổng hợp kỳ trước «{path}». Kiểm tra lại đường dẫn sau --compare-with."
COMPARE_NOT_A_SUMMARY = ("Tệp «{path}» không phải tệp tổng hợp do công cụ ghi (không đọc được trang «{sheet}»). "
                         "Sau --compare-with, ghi tệp tong-hop-….xlsx của kỳ trước.")
COMPARE_COLUMNS = ("Trang dữ liệu của tệp «{path}» thiếu cột {columns}: tệp không do công cụ ghi, hoặc của biểu mẫu "
                   "có cột khác. Chọn tệp tổng hợp kỳ trước của cùng loại biểu mẫu.")
COMPARE_NO_COMMON_ROWS = ("Tệp «{path}» không có dòng nào trùng khóa với biểu mẫu «{form}»: không so sánh được. "
                          "Chọn tệp tổng hợp kỳ trước của cùng loại biểu mẫu.")
CLI_COMPARED = "So sánh với kỳ trước: {previous}; {count} thay đổi bất thường ({where})."
# Where the comparison was written: the summary's sheet, or the draft report's section.
CLI_COMPARED_IN = {"summary": "trang «{sheet}»", "report": "mục «So sánh với kỳ trước» của dự thảo"}
# --- the draft conference report ---------------------------------------------------------------
CLI_REPORT_HELP = ("Kiểm tra rồi viết dự thảo báo cáo sơ kết (.docx, theo Nghị định 30/2020/NĐ-CP): tình hình gửi "
                   "báo cáo, bảng kết quả khen thưởng (như tệp tổng hợp), so sánh kỳ trước, chỗ trống để viết.")
CLI_OPT_REPORT_OUTPUT = "Tệp .docx sẽ ghi (mặc định outbox/<mã biểu mẫu>/du-thao-bao-cao-so-ket.docx)."
CLI_OUTPUT_NOT_DOCX = "Tệp dự thảo báo cáo phải có đuôi .docx: «{path}»."
CLI_REPORTED = "Đã viết dự thảo báo cáo: {path}"
