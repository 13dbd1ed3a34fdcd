"""Every piece of Vietnamese text a user reads: workbook labels, messages, the error catalogue's words.

Kept in one module so that wording is reviewed in one place and never hides inside the logic.
"""

# --- units --------------------------------------------------------------------------------------
ROLES = {"cum-truong": "Cụm trưởng", "cum-pho": "Cụm phó", "thanh-vien": "Thành viên"}

# --- form definitions ---------------------------------------------------------------------------
FORM_ERROR = "Định nghĩa biểu mẫu {file}, mục «{key}»: {problem}"
FORM_UNREADABLE = "không đọc được tệp ({error}). Kiểm tra đường dẫn và quyền đọc tệp."
FORM_BAD_TOML = "tệp TOML sai cú pháp: {error}. Sửa dòng được nêu rồi chạy lại."
FORM_BAD_TOML_LINE = "tệp TOML sai cú pháp ở dòng {line} ({error}). Sửa dòng này rồi chạy lại."
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
FORM_BAD_SHEET_NAME = ("tên trang tính tối đa 31 ký tự, không chứa [ ] : * ? / \\ và không bắt đầu "
                       "hay kết thúc bằng dấu nháy '.")
FORM_SHEET_NAME_TAKEN = "tên trang tính «{sheet}» trùng với một trang có sẵn của biểu mẫu; hãy chọn tên khác."
FORM_PERIOD_ORDER = "ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."
FORM_DEADLINE_ORDER = "hạn gửi không được trước ngày kết thúc kỳ báo cáo."
FORM_EMPTY_LIST = "danh sách không được rỗng."
FORM_DUPLICATE_KEY = "khóa «{key}» bị trùng; mỗi phần và mỗi dòng cần một khóa riêng."
FORM_BAD_KEY = ("khóa «{key}» không hợp lệ; khóa chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, "
                "ví dụ «anh-hung-lao-dong».")
FORM_PREVIOUS_NOT_A_FILE = "mỗi phiên bản trước là tên một tệp định nghĩa (.toml), ví dụ «phien-ban/x-v1.toml»."
FORM_PREVIOUS_MISMATCH = ("tệp «{file}» là biểu mẫu «{id}» phiên bản {version}: phiên bản trước phải cùng mã biểu "
                          "mẫu, khác phiên bản hiện hành và khác nhau.")
OLD_VERSION_NEW_ROWS = " Các dòng chưa có trong phiên bản cũ, coi như chưa điền: {rows}."
FORM_UNITS_SOURCE = "cần đúng một trong hai: danh sách đơn vị «list» hoặc tệp danh sách «file»."
FORM_UNIT_INCOMPLETE = "mỗi đơn vị cần có mã (code) và tên (name)."
FORM_BAD_ROLE = "vai trò «{role}» không hợp lệ; dùng một trong: {roles}."
FORM_BAD_HEADING = ("dòng tiêu đề đơn vị chỉ được dùng chỗ thay thế {name} (tên đơn vị), ví dụ "
                    "«UBND TỈNH {name}»; muốn có dấu ngoặc nhọn thì viết {{ hoặc }}.")
FORM_BAD_UNIT_CODE = ("mã đơn vị «{code}» không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, dấu chấm, "
                      "gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số, tối đa 40 ký tự.")
FORM_DUPLICATE_UNIT = "mã đơn vị «{code}» xuất hiện hai lần; mỗi đơn vị cần một mã riêng."
FORM_UNIT_FILE_MISSING = "không tìm thấy tệp danh sách đơn vị {path}."
FORM_UNIT_FILE_KIND = "tệp danh sách đơn vị phải là .csv (UTF-8) hoặc .xlsx."
FORM_UNIT_FILE_HEADER = "dòng đầu của tệp danh sách đơn vị phải có các cột code, name (và tùy chọn role)."
FORM_NONE_FOUND = "không có tệp định nghĩa biểu mẫu (*.toml) nào trong thư mục này."
FORM_TWO_DEFAULTS = "chỉ một biểu mẫu được đánh dấu default = true; hiện có: {ids}. Bỏ đánh dấu ở các tệp còn lại."
# Which form a command uses when none is named, and why (first line of its output, and «thidua form list»).
FORM_WHY = {"given": "được chỉ định", "only": "biểu mẫu duy nhất", "marked": "được đánh dấu mặc định",
            "current": "kỳ báo cáo đang diễn ra", "recent": "kỳ báo cáo gần nhất", "next": "kỳ báo cáo sắp tới"}
FORM_PICKED = "Dùng biểu mẫu «{id}» ({period}; {why}). Chọn biểu mẫu khác bằng --form."
FORM_LIST_COLUMNS = ("Mã biểu mẫu", "Kỳ báo cáo", "Từ ngày", "Đến ngày", "Hạn gửi", "Số đơn vị", "Mặc định")
# «thidua form new»
FORM_EXISTS = "tệp này đã có; không ghi đè. Chọn mã biểu mẫu khác, hoặc tự xóa tệp cũ nếu thật sự muốn thay."
FORM_ID_TAKEN = "đã có biểu mẫu mã «{id}» trong {path}; chọn mã khác."
FORM_BAD_ID = "mã biểu mẫu «{id}» không hợp lệ; chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ «khen-thuong-6t-2021»."
FORM_NOT_REWRITABLE = ("không tự sửa được tệp này (các khóa {keys} không viết mỗi khóa một dòng «khóa = giá trị» "
                       "trong bảng [form] và [period]); hãy chép tệp và sửa tay.")
FORM_NEW_WRITTEN = "Đã tạo biểu mẫu {path} từ «{old}». Những chỗ đã thay:"
FORM_NEW_CHANGE = "  {key}: «{old}» → «{new}»"
DATE_INVALID = "ngày «{text}» không hợp lệ; viết dạng NĂM-THÁNG-NGÀY (2021-07-10) hoặc NGÀY/THÁNG/NĂM (10/07/2021)."
OTHER_ROUND = "tệp của đợt báo cáo khác: biểu mẫu «{id}», kỳ {period}; không tính vào đợt này"
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
VALIDATION_COUNT_ERROR = "Ô này chỉ nhận số nguyên từ 0 trở lên, không nhập chữ, số thập phân hay số âm."
VALIDATION_NOTE_TITLE = "Ghi chú"
VALIDATION_NOTE_PROMPT = "Ghi chú ngắn (tối đa {limit} ký tự), nếu cần."
VALIDATION_NOTE_ERROR = "Ghi chú dài quá {limit} ký tự. Hãy rút gọn hoặc gửi kèm văn bản."
TOTAL_MISMATCH_COMMENT = "{total} phải bằng {collective} + {individual}; ô chuyển màu đỏ khi lệch."
INSTRUCTIONS_SHEET = "Hướng dẫn"
INSTRUCTIONS_TITLE = "HƯỚNG DẪN ĐIỀN BIỂU MẪU"
INSTRUCTIONS = (
    "Biểu mẫu dành riêng cho: {unit} (mã {code}). Mỗi đơn vị dùng đúng tệp của mình, "
    "không dùng tệp của đơn vị khác hay của kỳ trước.",
    "Kỳ báo cáo: {period} (từ ngày {start} đến hết ngày {end}).",
    "Chỉ nhập vào các ô màu trắng trên trang «{sheet}»: {total}, {collective}, {individual} và {note}. "
    "Các ô khác đã được khóa.",
    "Số lượng là số nguyên từ 0 trở lên. Không có thì để trống. Không gõ dấu chấm, dấu phẩy, "
    "chữ hay đơn vị tính vào ô số.",
    "{total} = {collective} + {individual}. Ô {total} chuyển màu đỏ khi hai số không khớp.",
    "Ô gạch chéo có chữ «x» là ô không áp dụng cho danh hiệu đó (ví dụ cột {collective} của "
    "danh hiệu chỉ tặng cho cá nhân): để nguyên, không nhập.",
    "Các dòng cộng theo phần ({sections}) và dòng «{grand_total}» tự tính, không sửa.",
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

# --- the error catalogue ------------------------------------------------------------------------
# code: (title, what it means, message template, example of the message).
# Placeholders: {file} {cell} {row} {column} {value} and the ones each message names.
ISSUES = {
    "unreadable-file": (
        "Không đọc được tệp",
        "Tệp không phải bảng tính hoặc đã hỏng (tải về chưa hết, đổi đuôi tệp, lưu từ trang web).",
        "Không đọc được tệp ({detail}). Đề nghị đơn vị mở lại biểu mẫu gốc, nhập số liệu và lưu "
        "dạng Excel (.xlsx) rồi gửi lại.",
        {"detail": "tệp không phải bảng tính"},
    ),
    "encrypted-file": (
        "Tệp có mật khẩu mở",
        "Tệp được đặt mật khẩu để mở nên không thể đọc số liệu.",
        "Tệp có mật khẩu mở. Đề nghị đơn vị gỡ mật khẩu mở tệp (File > Info > Protect Workbook) "
        "rồi gửi lại.",
        {},
    ),
    "unsafe-file": (
        "Tệp bất thường, không xử lý",
        "Tệp vượt giới hạn an toàn (quá lớn, nén bất thường, vùng dữ liệu khổng lồ); có thể là tệp "
        "hỏng hoặc tệp độc hại.",
        "Tệp không được xử lý vì {detail}. Đề nghị đơn vị gửi lại đúng biểu mẫu đã phát.",
        {"detail": "dung lượng giải nén vượt 100 MB"},
    ),
    "read-timeout": (
        "Đọc tệp quá lâu",
        "Việc đọc tệp vượt thời gian cho phép; tệp bị bỏ qua để không làm treo cả lượt kiểm tra.",
        "Đọc tệp quá {seconds} giây nên đã dừng. Đề nghị đơn vị gửi lại đúng biểu mẫu đã phát.",
        {"seconds": 30},
    ),
    "unknown-form": (
        "Không đúng biểu mẫu",
        "Tệp thuộc biểu mẫu, phiên bản hoặc kỳ báo cáo khác (ví dụ tệp của kỳ trước).",
        "Tệp là biểu mẫu «{found}», không phải «{expected}» của kỳ này. Đề nghị đơn vị dùng biểu mẫu "
        "của kỳ {period}.",
        {"found": "khen-thuong-2019", "expected": "khen-thuong-6t-2020", "period": "06 tháng đầu năm 2020"},
    ),
    "old-template-version": (
        "Biểu mẫu phiên bản cũ",
        "Tệp làm trên phiên bản trước của biểu mẫu; số liệu được đọc theo từng dòng của phiên bản đó.",
        "Tệp làm trên biểu mẫu phiên bản {found}, phiên bản hiện hành là {current}; số liệu được đọc theo "
        "tên dòng.{rows} Đề nghị đơn vị dùng biểu mẫu phiên bản {current} ở lần gửi sau.",
        {"found": "1", "current": "2", "rows": " Dòng «Huy hiệu» chưa có trong phiên bản cũ, coi như chưa điền."},
    ),
    "unknown-unit": (
        "Đơn vị không có trong danh sách",
        "Mã đơn vị trong tệp không thuộc danh sách đơn vị của biểu mẫu, hoặc không còn gì trong tệp "
        "(thông tin ẩn, tiêu đề, tên tệp) cho biết đơn vị gửi.",
        "Không xác định được đơn vị gửi tệp ({detail}). Kiểm tra lại người gửi và đề nghị đơn vị dùng "
        "đúng biểu mẫu của mình.",
        {"detail": "mã «99» không có trong danh sách"},
    ),
    "unit-mismatch": (
        "Thông tin đơn vị không khớp",
        "Các nguồn nhận dạng trong tệp (thông tin ẩn, tiêu đề, tên tệp) chỉ các đơn vị khác nhau.",
        "Tệp ghi đơn vị «{found}» ({source}) nhưng dữ liệu nhận dạng là «{expected}». Liên hệ đơn vị "
        "để xác nhận số liệu là của đơn vị nào.",
        {"found": "Bình Dương", "source": "tiêu đề", "expected": "Bình Phước"},
    ),
    "identity-recovered": (
        "Nhận dạng đơn vị từ tiêu đề hoặc tên tệp",
        "Thông tin nhận dạng ẩn của biểu mẫu đã mất (dữ liệu được dán sang tệp mới); đơn vị được "
        "xác định từ tiêu đề hoặc tên tệp.",
        "Tệp không còn thông tin nhận dạng của biểu mẫu; đã xác định là «{unit}» theo {source}. "
        "Kiểm tra lại, và lần sau đề nghị đơn vị nhập trực tiếp vào biểu mẫu đã phát.",
        {"unit": "Đồng Nai", "source": "tên tệp"},
    ),
    "layout-changed": (
        "Bố cục biểu mẫu bị thay đổi",
        "Dòng, cột hoặc tên danh hiệu trong bảng đã bị sửa, xóa hoặc chèn thêm.",
        "Bố cục bảng đã bị thay đổi: {detail}. Đề nghị đơn vị dùng lại biểu mẫu gốc, không sửa tên "
        "danh hiệu, không xóa hay chèn dòng, cột.",
        {"detail": "thiếu dòng «Anh hùng Lao động»"},
    ),
    "table-not-found": (
        "Không tìm thấy bảng số liệu",
        "Các cột số liệu của bảng đã bị đổi tên hoặc xóa, nên không đọc được số liệu nào của tệp.",
        "Bố cục bảng đã bị thay đổi, không tìm thấy bảng số liệu (dòng tiêu đề có «{columns}»). Tệp "
        "không được dùng; đề nghị đơn vị nhập lại số liệu vào biểu mẫu gốc, không đổi tên hay xóa các cột.",
        {"columns": "Tổng số, Tập thể, Cá nhân"},
    ),
    "superseded": (
        "Tệp cũ, đã có bản mới hơn",
        "Đơn vị gửi nhiều tệp; chỉ bản mới nhất được dùng, các bản cũ không được cộng.",
        "Đơn vị đã gửi bản mới hơn ({newer}); tệp này không được dùng để tổng hợp.",
        {"newer": "72-tay-ninh (2).xlsx"},
    ),
    "macro-present": (
        "Tệp có macro",
        "Tệp chứa macro VBA. Macro không bao giờ được chạy; chỉ số liệu được đọc.",
        "Tệp có chứa macro (không được chạy). Đề nghị đơn vị lưu lại dạng .xlsx không có macro.",
        {},
    ),
    "external-links": (
        "Tệp liên kết tới tệp khác",
        "Có ô lấy số liệu từ tệp khác; giá trị đọc được là giá trị lưu lần cuối trên máy người gửi.",
        "Tệp có liên kết tới tệp khác ({detail}); số liệu có thể chưa cập nhật. Đề nghị đơn vị nhập "
        "trực tiếp số liệu, không dùng công thức liên kết.",
        {"detail": "[Book2.xlsx]"},
    ),
    "not-a-number": (
        "Không phải số",
        "Ô số lượng chứa chữ hoặc ký hiệu không phải số.",
        "Ô {cell} ({row} / {column}) ghi «{value}», không phải số. Đề nghị đơn vị nhập số nguyên, "
        "không có thì để trống.",
        {"cell": "D12", "row": "Anh hùng Lao động", "column": "Tập thể", "value": "hai"},
    ),
    "not-integer": (
        "Số không nguyên",
        "Số lượng khen thưởng phải là số nguyên.",
        "Ô {cell} ({row} / {column}) ghi {value}, không phải số nguyên. Đề nghị đơn vị kiểm tra lại.",
        {"cell": "E13", "row": "Huân chương Lao động các hạng", "column": "Cá nhân", "value": "2,5"},
    ),
    "negative-value": (
        "Số âm",
        "Số lượng khen thưởng không thể âm.",
        "Ô {cell} ({row} / {column}) ghi {value}, là số âm. Đề nghị đơn vị kiểm tra lại.",
        {"cell": "C11", "row": "Bà mẹ Việt Nam anh hùng", "column": "Tổng số", "value": "-3"},
    ),
    "text-number": (
        "Số được nhập dạng chữ",
        "Số được gõ dưới dạng văn bản; Excel bỏ qua các ô này khi cộng. Công cụ vẫn đọc được số.",
        "Ô {cell} ({row} / {column}) ghi «{value}» dạng văn bản; đã đọc là {number}. Lần sau đề nghị "
        "nhập số trực tiếp.",
        {"cell": "C14", "row": "Huân chương kháng chiến các hạng", "column": "Tổng số", "value": "1.234",
         "number": "1234"},
    ),
    "dash-as-zero": (
        "Ký hiệu «-» hoặc «x» được hiểu là 0",
        "Theo thói quen báo cáo, «-» hoặc «x» ở ô số lượng nghĩa là không có.",
        "Ô {cell} ({row} / {column}) ghi «{value}», được hiểu là 0.",
        {"cell": "D19", "row": "Cờ thi đua UBND tỉnh", "column": "Tập thể", "value": "-"},
    ),
    "not-applicable-filled": (
        "Ô không áp dụng có số liệu",
        "Danh hiệu này không tặng cho đối tượng ở cột này (ví dụ Tập thể của Bà mẹ Việt Nam anh hùng).",
        "Ô {cell} ({row} / {column}) không áp dụng nhưng ghi {value}. Đề nghị đơn vị chuyển số liệu "
        "sang đúng cột hoặc xóa.",
        {"cell": "D11", "row": "Bà mẹ Việt Nam anh hùng", "column": "Tập thể", "value": "2"},
    ),
    "total-mismatch": (
        "Tổng số không bằng Tập thể + Cá nhân",
        "Ở mỗi dòng, Tổng số phải bằng Tập thể cộng Cá nhân.",
        "Dòng «{row}»: {column} ô {cell} là {total} nhưng {collective} + {individual} = {parts}. Đề nghị "
        "đơn vị kiểm tra lại dòng này.",
        {"row": "Bằng khen UBND tỉnh", "cell": "C22", "column": "Tổng số", "collective": "Tập thể",
         "individual": "Cá nhân", "total": "10", "parts": "12"},
    ),
    "subtotal-mismatch": (
        "Dòng cộng sai",
        "Số ở dòng cộng (theo phần hoặc Tổng cộng) khác tổng các dòng chi tiết.",
        "Ô {cell} ({row} / {column}) ghi {found} nhưng cộng các dòng chi tiết được {expected}. Số tổng "
        "hợp dùng {expected}; đề nghị đơn vị không sửa các dòng cộng.",
        {"cell": "C10", "row": "Khen thưởng cấp Nhà nước", "column": "Tổng số", "found": "20",
         "expected": "25"},
    ),
    "formula-altered": (
        "Công thức bị thay",
        "Ô công thức của biểu mẫu (dòng cộng) đã bị ghi đè bằng số hoặc công thức khác.",
        "Ô {cell} ({row} / {column}) lẽ ra là công thức tự cộng nhưng đã bị ghi đè. Đề nghị đơn vị "
        "dùng lại biểu mẫu gốc.",
        {"cell": "C20", "row": "Khen thưởng cấp tỉnh", "column": "Tổng số"},
    ),
    "empty-form": (
        "Biểu mẫu chưa có số liệu",
        "Không có ô số lượng nào được nhập; có thể đơn vị gửi nhầm biểu mẫu trống.",
        "Biểu mẫu chưa có số liệu nào. Nếu đơn vị thật sự không có khen thưởng trong kỳ, đề nghị ghi 0; "
        "nếu gửi nhầm, đề nghị gửi lại tệp đã nhập.",
        {},
    ),
    "still-open": (
        "Tệp có thể đang được sửa",
        "Bên cạnh tệp có tệp khóa của Excel hoặc LibreOffice: có người đang mở tệp này.",
        "Có người đang mở tệp này (có tệp khóa {lock}); số liệu có thể chưa được lưu hết.",
        {"lock": "~$58-ninh-thuan.xlsx"},
    ),
}
SEVERITY_LABELS = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}

# --- layout changes (details of layout-changed) -------------------------------------------------
LAYOUT_MISSING_COLUMN = "thiếu cột «{label}»"
LAYOUT_EXTRA_COLUMN = "có thêm cột «{label}»"
LAYOUT_EXTRA_BLANK_COLUMN = "có thêm cột {letter} không có tiêu đề"
LAYOUT_MISSING_ROW = "thiếu dòng «{label}»"
LAYOUT_EDITED_LABEL = "tên dòng «{label}» bị sửa thành «{found}»"
LAYOUT_EXTRA_ROW = "có thêm dòng «{label}»"
LAYOUT_MISSING_TOTAL = "thiếu dòng «{label}»"
UNIT_CODE_LINE = "Mã đơn vị: {code}"
# Details of unknown-unit.
UNKNOWN_UNIT_CODE = "mã «{code}» không có trong danh sách"
UNKNOWN_UNIT_NOTHING = ("tệp không còn thông tin nhận dạng của biểu mẫu, tiêu đề và tên tệp cũng không cho biết "
                        "là đơn vị nào")
SOURCE_NAMES = {"sheet": "trang nhận dạng ẩn", "properties": "thuộc tính tệp", "names": "tên định nghĩa",
                "header": "tiêu đề biểu mẫu", "file": "tên tệp"}

# --- reports --------------------------------------------------------------------------------------
STATUS_LABELS = {"valid": "hợp lệ", "warning": "có cảnh báo", "error": "có lỗi", "missing": "chưa gửi",
                 "accepted": "đã dùng", "superseded": "bản cũ", "rejected": "bị loại", "ignored": "bỏ qua"}
CLI_OPT_INBOX = "Thư mục chứa các tệp đơn vị gửi về (đọc, không bao giờ sửa)."
CLI_OPT_JSON = "Ghi báo cáo dạng JSON vào tệp này («-» để in ra màn hình)."
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
REVISION = "lần gửi thứ {number}, thay tệp «{previous}»: {changed} ô thay đổi, đã sửa {fixed} lỗi/cảnh báo, còn {remaining}"
REVISION_SHORT = "lần gửi thứ {number}, {changed} ô thay đổi"
REVISION_CHANGE = "{cell} {row} / {column}: {old} → {new}"
REVISION_BLANK = "(trống)"
CHECK_SUMMARY = ("{valid} hợp lệ, {warning} có cảnh báo, {error} có lỗi, {missing} chưa gửi; "
                 "{files_rejected} tệp bị loại, {files_superseded} bản cũ, {files_ignored} tệp bỏ qua.")
STATUS_COLUMNS = ("Mã", "Đơn vị", "Đã nhận", "Trạng thái", "Tệp", "Lưu lúc")
STATUS_DEADLINE = {"before": "Còn {days} ngày đến hạn gửi ({deadline}).", "today": "Hôm nay là hạn gửi ({deadline}).",
                   "after": "Đã quá hạn gửi {days} ngày ({deadline})."}
YES, NO = "có", "không"

# --- the demonstration --------------------------------------------------------------------------
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
    "5. Đơn vị sai tổng đã sửa và gửi lại {corrected}",
    "6. Kiểm tra lần 2: {summary}",
    "   Bản sửa của {corrector}: {revision}",
    "7. Đã tổng hợp: {summary_path}",
)
DEMO_OPEN_FIRST = "Mở trước: {summary_path} (trang «Tổng hợp», rồi «Tình trạng» và «Lỗi - cảnh báo»)."

# --- the summary workbook ---
SUMMARY_SHEETS = {"summary": "Tổng hợp", "by_unit": "Theo đơn vị", "status": "Tình trạng",
                  "findings": "Lỗi - cảnh báo", "data": "Dữ liệu", "chart": "Biểu đồ"}
SUMMARY_SUBJECT = "Tổng hợp số liệu các đơn vị trong Cụm"
SUMMARY_INCLUDED = "Đã tổng hợp {included}/{total} đơn vị"
SUMMARY_MISSING = "thiếu: {names}"
SUMMARY_EXCLUDED = "loại do có lỗi: {names}"
SUMMARY_MORE_UNITS = "… và {count} đơn vị khác (xem trang «{sheet}»)"
SUMMARY_AS_OF = "Số liệu tính đến {time} ngày {date} (giờ Việt Nam; lúc lưu của tệp mới nhất được dùng)."
SUMMARY_AS_OF_NONE = "Chưa có tệp nào của đơn vị được dùng để tổng hợp."
SUMMARY_INVALID_INCLUDED = ("CHÚ Ý: BẢNG NÀY CỘNG CẢ SỐ LIỆU CÓ LỖI của {names} (theo yêu cầu "
                            "--include-invalid); số liệu chưa được đơn vị sửa, chỉ dùng để tham khảo.")
SUMMARY_TRACE_NOTE = ("Mỗi số ở bảng trên là công thức cộng các dòng của trang «{sheet}» có cột «{flag}» "
                      "bằng 1; ô gốc trong tệp của từng đơn vị ghi ở cột «{cell}».")
SUMMARY_DATE_LINE = "{place}, ngày …… tháng …… năm {year}"
SUMMARY_TIME = "{time} ngày {date}"
SUMMARY_SENTENCE = "{line}."
SUMMARY_STATUS_AND_AS_OF = "{line}. {as_of}"
DASH = "—"
# "Theo đơn vị"
BY_UNIT_TITLE = "SỐ LIỆU KHEN THƯỞNG THEO TỪNG ĐƠN VỊ"
BY_UNIT_SUBTITLE = "{title} — {period}"
BY_UNIT_COLUMNS = ("STT", "Mã", "Đơn vị", "Vai trò", "Tình trạng", "Tính vào tổng hợp")
BY_UNIT_TOTAL = "Cộng các đơn vị được tổng hợp"
# "Tình trạng"
STATUS_SHEET_TITLE = "TÌNH TRẠNG NHẬN VÀ KIỂM TRA SỐ LIỆU CỦA CÁC ĐƠN VỊ"
STATUS_SHEET_COLUMNS = ("STT", "Mã", "Đơn vị", "Vai trò", "Tình trạng", "Tệp được dùng", "Mã SHA-256 của tệp",
                        "Lưu lúc (giờ Việt Nam)", "Gửi đúng hạn", "Số lỗi", "Số cảnh báo", "Số ghi chú",
                        "Tính vào tổng hợp", "Lý do")
STATUS_DEADLINE_NOTE = "Hạn gửi: {deadline}. «Gửi đúng hạn» tính theo lúc lưu tệp ghi trong tệp."
OTHER_FILES_TITLE = "CÁC TỆP KHÔNG ĐƯỢC DÙNG ĐỂ TỔNG HỢP"
OTHER_FILES_COLUMNS = ("STT", "Tệp", "Tình trạng", "Mã đơn vị", "Mã SHA-256 của tệp", "Lưu lúc (giờ Việt Nam)",
                       "Lý do")
OTHER_FILES_NONE = "Không có."
REASON_VALID = "hợp lệ, được cộng"
REASON_WARNING = "có {count} cảnh báo, vẫn được cộng (xem trang «{sheet}»)"
REASON_EXCLUDED = "có {count} lỗi nên không cộng; ví dụ: {first}"
REASON_INVALID_INCLUDED = "có {count} lỗi nhưng vẫn được cộng theo yêu cầu (--include-invalid); ví dụ: {first}"
REASON_MISSING = "chưa nhận được tệp"
REASON_MISSING_REJECTED = "tệp nhận được bị loại ({file}): {message}"
# "Lỗi - cảnh báo"
FINDINGS_COLUMNS = ("STT", "Mã đơn vị", "Đơn vị", "Tệp", "Trang", "Ô", "Mã lỗi", "Mức độ", "Dòng", "Cột",
                    "Nội dung")
# "Dữ liệu"; the count, label and note columns take the form's own labels.
DATA_UNIT_CODE = "Mã đơn vị"
DATA_UNIT_NAME = "Đơn vị"
DATA_ROW_KEY = "Mã dòng"
DATA_SOURCE_FILE = "Tệp nguồn"
DATA_SOURCE_CELLS = "Ô nguồn"
DATA_INCLUDED = "Tính vào tổng hợp"
# "Biểu đồ"
CHART_TITLE = "Số khen thưởng theo đơn vị: {collective} và {individual}"
CHART_TITLE_TOP = "Số khen thưởng của {shown} đơn vị có tổng số cao nhất (trong {count} đơn vị): {collective} và {individual}"
CHART_NOTE = ("Số liệu của biểu đồ lấy từ trang «{sheet}» (nhóm cột «{grand_total}»), chỉ gồm các đơn vị "
              "được tổng hợp, xếp theo tổng số giảm dần.")
CHART_EMPTY = "Chưa có đơn vị nào được tổng hợp nên chưa có biểu đồ."
CHART_UNIT = "Đơn vị"
# One sheet per unit
UNIT_SHEET_FILE = "Tệp nhận: {file}; lưu lúc {saved}; tình trạng: {status}."
UNIT_SHEET_EXCLUDED = "KHÔNG TÍNH VÀO TỔNG HỢP: {reason}"
UNIT_SHEET_INVALID_INCLUDED = "CÓ LỖI NHƯNG VẪN ĐƯỢC CỘNG: {reason}"
# Writing the file
SUMMARY_BESIDE_NAME = "{stem} (moi {stamp}){suffix}"
SUMMARY_KEPT_BESIDE = ("Không thay được tệp {target} (có thể tệp đang mở trong Excel hoặc chương trình khác). "
                       "Bản tổng hợp mới được lưu bên cạnh: {path}. Đóng tệp cũ rồi chạy lại, hoặc dùng bản mới.")
CLI_CANNOT_WRITE = "không ghi được vào {path} ({error}). Kiểm tra thư mục có tồn tại, còn chỗ trống và được phép ghi."
CLI_CONSOLIDATE_HELP = "Kiểm tra rồi tổng hợp số liệu các đơn vị vào một tệp Excel để báo cáo Cụm."
CLI_OPT_OUTPUT = "Tệp tổng hợp (mặc định outbox/<mã biểu mẫu>/tong-hop-<mã biểu mẫu>.xlsx)."
CLI_OPT_INCLUDE_INVALID = "Cộng cả số liệu của đơn vị có lỗi (trang đầu sẽ ghi rõ điều này)."
CLI_CONSOLIDATED = "Đã ghi tệp tổng hợp: {path}"
LIMIT_INVALID = "giới hạn «{text}» không hợp lệ; dùng TÊN=SỐ_DƯƠNG với TÊN là một trong: {names}."
CLI_OPT_LIMIT = "Đổi một giới hạn an toàn, dạng TÊN=GIÁ_TRỊ (lặp lại được), ví dụ read_timeout=60."

# --- the inbox: ignored files and details of rejected ones -------------------------------------
# Reasons a file found in the inbox is not read at all.
IGNORED_REASONS = {
    "office_lock": "tệp khóa của Excel/WPS: có người đang mở «{name}»",
    "libreoffice_lock": "tệp khóa của LibreOffice: có người đang mở «{name}»",
    "mac_metadata": "tệp phụ do máy Mac tạo ra",
    "thumbnails": "tệp ảnh thu nhỏ của Windows",
    "folder_settings": "tệp cài đặt thư mục của hệ điều hành",
    "hidden": "tệp ẩn",
    "temporary": "tệp tạm",
    "partial_download": "tệp tải về chưa xong",
    "shortcut": "lối tắt (shortcut), không phải tệp thật",
    "empty": "tệp rỗng (0 byte)",
    "special": "không phải tệp thông thường",
    "hidden_folder": "thư mục ẩn hoặc thư mục hệ thống",
    "unreadable_folder": "không mở được thư mục",
    "link_outside": "liên kết trỏ ra ngoài thư mục nhận",
    "folder_link": "liên kết tới thư mục, không duyệt",
}

# Details of the unsafe-file message ("Tệp không được xử lý vì {detail}.").
UNSAFE_DETAILS = {
    "too_big": "tệp lớn {size}, vượt giới hạn {limit}",
    "too_many_members": "tệp nén có quá nhiều thành phần (giới hạn {limit})",
    "unzipped_too_big": "dung lượng giải nén vượt {limit}",
    "ratio": "thành phần «{member}» nén bất thường (hơn {limit} lần)",
    "entities": "thành phần «{member}» có khai báo DOCTYPE/ENTITY",
    "encoding": "thành phần «{member}» dùng bảng mã ký tự lạ",
    "extent": "trang tính có ô ở vị trí {ref}, vượt giới hạn {rows} dòng, {columns} cột",
    "cells": "các trang tính trải rộng tới {cells} ô, vượt giới hạn {limit} ô",
    "shared_strings": "bảng chuỗi dùng chung vượt {limit}",
    "markup": "thành phần «{member}» có cấu trúc bất thường",
    "duplicate": "tệp nén có hai thành phần cùng tên «{member}»",
}

# Details of the unreadable-file message ("Không đọc được tệp ({detail}).").
UNREADABLE_DETAILS = {
    "empty": "tệp rỗng (0 byte)",
    "not_a_file": "không phải tệp thông thường",
    "cannot_open": "không mở được tệp",
    "damaged": "tệp hỏng hoặc có định dạng lạ",
    "zip_damaged": "tệp bị hỏng hoặc tải về chưa hết",
    "zip_password": "tệp nén có đặt mật khẩu",
    "zip_method": "tệp nén theo cách Excel không dùng",
    "zip_other": "tệp nén (zip), không phải bảng tính",
    "docx": "tài liệu Word (.docx), không phải bảng tính",
    "pptx": "bản trình chiếu PowerPoint, không phải bảng tính",
    "xlsb": "bảng tính dạng nhị phân .xlsb; hãy lưu lại dạng .xlsx",
    "xlsx_incomplete": "bảng tính thiếu thành phần, có thể đã hỏng",
    "ods_incomplete": "tệp ODS thiếu nội dung, có thể đã hỏng",
    "opendocument": "tài liệu OpenDocument, không phải bảng tính",
    "ole_damaged": "tệp Office cũ bị hỏng",
    "doc": "tài liệu Word (.doc), không phải bảng tính",
    "ppt": "bản trình chiếu PowerPoint (.ppt), không phải bảng tính",
    "ole_other": "tệp Office nhưng không phải bảng tính",
    "html": "trang web HTML, không phải tệp Excel",
    "mhtml": "trang web lưu dạng MHT, không phải tệp Excel",
    "xml2003": "bảng tính XML 2003, không phải tệp Excel (.xlsx)",
    "xml": "tệp XML, không phải tệp Excel",
    "text": "tệp văn bản/CSV, không phải tệp Excel",
    "pdf": "tệp PDF",
    "image": "tệp ảnh",
    "archive": "tệp nén RAR/7z/gzip, cần giải nén trước",
    "unknown": "không nhận ra định dạng tệp",
}

# Details of the external-links warning ("Tệp có liên kết tới tệp khác ({detail}); ...").
LINKS_UNKNOWN = "{count} liên kết, không rõ tên tệp nguồn"
LINKS_MORE = "và {count} tệp khác"
CLI_PROGRESS_GENERATE = "Đang tạo biểu mẫu"
CLI_GENERATED_MORE = "  … và {count} tệp khác trong cùng thư mục."
CHECK_REJECTED_FILE = "{path} (bị loại, xem dưới)"

# --- the annotated workbook sent back to a unit ----------------------------------------------------
FIXES_SHEET = "Cần sửa"
FIXES_TITLE = "NHỮNG ĐIỂM CẦN SỬA TRONG TỆP «{file}»"
FIXES_HINT = ("Bấm vào địa chỉ ô để tới ô cần sửa trong trang «{sheet}» (ô tô đỏ, rê chuột vào để đọc ghi chú). "
              "Sửa xong, lưu tệp và gửi lại.")
FIXES_COLUMNS = ("STT", "Ô", "Dòng", "Cột", "Mức độ", "Nội dung cần sửa")
FIXES_LINK_TIP = "Tới ô cần sửa"

# --- feedback to the units (thidua feedback) -----------------------------------------------------
LETTER_TO = "Kính gửi: {recipient}."
LETTER_FROM = ("{office}, Cơ quan Thường trực {cluster}, thông báo kết quả kiểm tra biểu mẫu «{title}» "
               "như sau:")
LETTER_RECEIVED = "Đã nhận tệp «{file}» của đơn vị, lưu lúc {hour} ngày {day}."
LETTER_RECEIVED_UNDATED = "Đã nhận tệp «{file}» của đơn vị."
LETTER_FINDINGS = "Kết quả kiểm tra: {errors} lỗi, {warnings} cảnh báo, cụ thể:"
LETTER_ITEM = "{n}. {severity}: {message}"
LETTER_FIX = ("Đề nghị đơn vị sửa trực tiếp trên tệp «{workbook}» gửi kèm (các ô cần sửa được tô đỏ, có ghi "
              "chú; trang «Cần sửa» liệt kê từng ô), lưu lại và gửi về {office}.")
LETTER_CONFIRMED = ("Tệp hợp lệ và đã được đưa vào tổng hợp (mã SHA-256 của tệp bắt đầu bằng {sha}). "
                    "Số liệu «{grand_total}» đã nhận: {totals}. Đơn vị không cần gửi lại.")
LETTER_NOT_RECEIVED = "Đến ngày {today}, Cơ quan Thường trực chưa nhận được báo cáo của đơn vị."
LETTER_SEND = ("Đề nghị đơn vị điền số liệu vào biểu mẫu «{workbook}» gửi kèm (không đổi bố cục, không "
               "chép sang tệp khác) và gửi về {office}.")
LETTER_DEADLINE = {"before": "Hạn gửi: ngày {deadline} (còn {days} ngày).",
                   "today": "Hạn gửi: hôm nay, ngày {deadline}.",
                   "after": "Hạn gửi là ngày {deadline}, đã quá {days} ngày; đề nghị đơn vị gửi ngay."}
LETTER_REVISION = ("Đây là lần gửi thứ {number} (thay tệp «{previous}»): {changed} ô thay đổi; đơn vị đã sửa "
                   "{fixed} điểm của lần gửi trước, còn {remaining} điểm chưa sửa.")
LETTER_CLOSING = "Trân trọng./."

CLI_FEEDBACK_HELP = ("Kiểm tra rồi viết phản hồi cho từng đơn vị: thư báo lỗi kèm tệp đã đánh dấu ô cần sửa, "
                     "thư xác nhận đã nhận, hoặc thư nhắc gửi kèm biểu mẫu trống.")
CLI_OPT_FEEDBACK_OUT = "Thư mục ghi phản hồi (mặc định outbox/<mã biểu mẫu>/phan-hoi)."
FEEDBACK_TITLE = "Phản hồi cho các đơn vị"
FEEDBACK_COLUMNS = ("Mã", "Đơn vị", "Nội dung", "Lỗi", "Cảnh báo", "Tệp gửi")
FEEDBACK_FILES = {False: "thư .txt", True: "thư .txt, bảng .xlsx"}
FEEDBACK_KINDS = {"corrections": "Đề nghị sửa", "confirmation": "Xác nhận đã nhận", "reminder": "Nhắc gửi"}
FEEDBACK_DONE = ("Đã viết phản hồi cho {count} đơn vị trong {folder}, tên tệp <mã>-<tên đơn vị>: dán nội dung tệp "
                 ".txt vào thư gửi đơn vị, đính kèm tệp .xlsx nếu có.")

# --- docs/error-codes.md (generated from the catalogue) ------------------------------------------
ERROR_DOC_HEADER = (
    "# Mã lỗi và cảnh báo / Error codes",
    "",
    "Tệp này được sinh tự động từ `toolkit/catalogue.py` bằng lệnh `python -m toolkit.catalogue`; "
    "không sửa tay.",
    "",
    "| Mã (code) | Mức độ | Tệp bị loại | Tên | Ý nghĩa | Ví dụ thông báo |",
)
ERROR_DOC_FILE = "58-ninh-thuan.xlsx"
