"""Every piece of Vietnamese text a user reads: workbook labels, messages, the error catalogue's words.

Kept in one module so that wording is reviewed in one place and never hides inside the logic.
"""

# --- units --------------------------------------------------------------------------------------
ROLES = {"cum-truong": "Cụm trưởng", "cum-pho": "Cụm phó", "thanh-vien": "Thành viên"}

# --- form definitions ---------------------------------------------------------------------------
FORM_ERROR = "Định nghĩa biểu mẫu {file}, mục «{key}»: {problem}"
FORM_UNREADABLE = "không đọc được tệp ({error}). Kiểm tra đường dẫn và quyền đọc tệp."
FORM_BAD_TOML = "tệp TOML sai cú pháp: {error}. Sửa dòng được nêu rồi chạy lại."
FORM_NOT_A_TABLE = "phải là một bảng (table) TOML."
FORM_UNKNOWN_KEY = "khóa không được hỗ trợ (có thể gõ sai). Các khóa hợp lệ: {allowed}."
FORM_MISSING_KEY = "thiếu khóa bắt buộc. Bổ sung khóa này vào định nghĩa."
FORM_BAD_TYPE = {
    "str": "phải là một chuỗi văn bản không rỗng, đặt trong dấu nháy kép.",
    "bool": "phải là true hoặc false.",
    "date": "phải là một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2020-07-10 (không đặt trong dấu nháy).",
    "list": "phải là một danh sách [ ... ].",
    "dict": "phải là một bảng (table) TOML.",
}
FORM_BAD_SHEET_NAME = "tên trang tính tối đa 31 ký tự và không chứa [ ] : * ? / \\."
FORM_PERIOD_ORDER = "ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."
FORM_EMPTY_LIST = "danh sách không được rỗng."
FORM_DUPLICATE_KEY = "khóa «{key}» bị trùng; mỗi phần và mỗi dòng cần một khóa riêng."
FORM_UNITS_SOURCE = "cần đúng một trong hai: danh sách đơn vị «list» hoặc tệp danh sách «file»."
FORM_UNIT_INCOMPLETE = "mỗi đơn vị cần có mã (code) và tên (name)."
FORM_BAD_ROLE = "vai trò «{role}» không hợp lệ; dùng một trong: {roles}."
FORM_DUPLICATE_UNIT = "mã đơn vị «{code}» xuất hiện hai lần; mỗi đơn vị cần một mã riêng."
FORM_UNIT_FILE_MISSING = "không tìm thấy tệp danh sách đơn vị {path}."
FORM_UNIT_FILE_KIND = "tệp danh sách đơn vị phải là .csv (UTF-8) hoặc .xlsx."
FORM_UNIT_FILE_HEADER = "dòng đầu của tệp danh sách đơn vị phải có các cột code, name (và tùy chọn role)."
FORM_NONE_FOUND = "không có tệp định nghĩa biểu mẫu (*.toml) nào trong thư mục này."
FORM_CHOOSE = "có nhiều biểu mẫu; chọn một bằng --form, một trong: {ids}."
FORM_UNKNOWN_ID = "không có biểu mẫu «{id}»; các biểu mẫu hiện có: {ids}."
UNKNOWN_UNIT_OPTION = "không có đơn vị mã «{code}» trong biểu mẫu; các mã hợp lệ: {codes}."

# --- the template workbook ----------------------------------------------------------------------
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PERIOD_LINE = "(Từ ngày {start} đến hết ngày {end})"
DEADLINE_LINE = "Hạn gửi: chậm nhất ngày {deadline}, về {office}"
COLUMN_NUMBERS = {"number": "(1)", "label": "(2)", "total": "(3)=(4)+(5)", "collective": "(4)",
                  "individual": "(5)", "note": "(6)"}
NOT_APPLICABLE = "x"
DATE_LINE = "…………, ngày …… tháng …… năm {year}"
SIGNATURES = (("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"), ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, họ tên, đóng dấu)"))
VALIDATION_COUNT_TITLE = "Nhập số nguyên không âm"
VALIDATION_COUNT_PROMPT = "Nhập số lượng là số nguyên ≥ 0 (ví dụ 12). Không có thì để trống hoặc nhập 0."
VALIDATION_COUNT_ERROR_TITLE = "Số lượng không hợp lệ"
VALIDATION_COUNT_ERROR = ("Ô này chỉ nhận số nguyên từ 0 trở lên, không nhập chữ, số thập phân "
                          "hay số âm. Tổng số phải bằng Tập thể + Cá nhân.")
VALIDATION_NOTE_TITLE = "Ghi chú"
VALIDATION_NOTE_PROMPT = "Ghi chú ngắn (tối đa {limit} ký tự), nếu cần."
VALIDATION_NOTE_ERROR = "Ghi chú dài quá {limit} ký tự. Hãy rút gọn hoặc gửi kèm văn bản."
TOTAL_MISMATCH_COMMENT = "Tổng số phải bằng Tập thể + Cá nhân; ô chuyển màu đỏ khi lệch."
INSTRUCTIONS_SHEET = "Hướng dẫn"
INSTRUCTIONS_TITLE = "HƯỚNG DẪN ĐIỀN BIỂU MẪU"
INSTRUCTIONS = (
    "Biểu mẫu dành riêng cho: {unit} (mã {code}). Mỗi đơn vị dùng đúng tệp của mình, "
    "không dùng tệp của đơn vị khác hay của kỳ trước.",
    "Kỳ báo cáo: {period} (từ ngày {start} đến hết ngày {end}).",
    "Chỉ nhập vào các ô màu trắng trên trang «{sheet}»: Tổng số, Tập thể, Cá nhân và Ghi chú. "
    "Các ô khác đã được khóa.",
    "Số lượng là số nguyên từ 0 trở lên. Không có thì để trống. Không gõ dấu chấm, dấu phẩy, "
    "chữ hay đơn vị tính vào ô số.",
    "Tổng số = Tập thể + Cá nhân. Ô Tổng số chuyển màu đỏ khi hai số không khớp.",
    "Ô gạch chéo có chữ «x» là ô không áp dụng cho danh hiệu đó (ví dụ Tập thể của "
    "danh hiệu chỉ tặng cho cá nhân): để nguyên, không nhập.",
    "Các dòng cộng theo phần (I, II, …) và dòng «{grand_total}» tự tính, không sửa.",
    "Không chèn, xóa hay đổi tên dòng, cột, trang tính; không đổi tên các danh hiệu.",
    "Khi gửi có thể đổi tên tệp, nhưng phải giữ nguyên định dạng Excel (.xlsx). "
    "Không đặt mật khẩu mở tệp.",
    "Hạn gửi: chậm nhất ngày {deadline}, về {office}.",
    "Số liệu được kiểm tra lại khi tổng hợp: mọi sai sót được báo theo từng ô để đơn vị sửa.",
)
INSTRUCTIONS_FOOTER = "Mã biểu mẫu: {form_id} - phiên bản {version} - dấu nhận dạng {fingerprint}"
SAMPLE_DATA_BANNER = "SỐ LIỆU MẪU ĐỂ THỬ NGHIỆM - KHÔNG PHẢI SỐ LIỆU THẬT"

# --- command line -------------------------------------------------------------------------------
CLI_HELP = "Biểu mẫu, kiểm tra và tổng hợp số liệu khen thưởng của Cụm thi đua."
CLI_OPT_FORM = "Mã biểu mẫu hoặc đường dẫn tệp .toml (mặc định: biểu mẫu duy nhất trong workbook_templates/)."
CLI_OPT_FORMS_DIR = "Thư mục chứa các định nghĩa biểu mẫu."
CLI_OPT_UNIT = "Chỉ tạo cho đơn vị có mã này (dùng nhiều lần được)."
CLI_OPT_OUT = "Thư mục ghi biểu mẫu."
CLI_OPT_WORKERS = "Số tiến trình song song (mặc định: số lõi CPU)."
CLI_GENERATE_HELP = "Tạo biểu mẫu Excel (.xlsx) đã khóa cho từng đơn vị."
CLI_GENERATED = "Đã tạo {count} biểu mẫu trong {out}:"
CLI_ERROR = "Lỗi: {message}"
CLI_INTERRUPTED = "Đã dừng theo yêu cầu; không có tệp nào bị ghi dở."
