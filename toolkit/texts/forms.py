"""Words about form definitions: the units' roles and every problem a definition can have."""

# --- units ------------------------------------------------------------------------------------
ROLES = {"cum-truong": "Cụm trưởng", "cum-pho": "Cụm phó", "thanh-vien": "Thành viên"}

# --- form definitions -------------------------------------------------------------------------
FORM_ERROR = "Định nghĩa biểu mẫu {file}, mục «{key}»: {problem}"
FORM_FILE_ERROR = "Định nghĩa biểu mẫu {file}: {problem}"
FORM_UNREADABLE = "không đọc được tệp ({error}). Kiểm tra đường dẫn và quyền đọc tệp."
FORM_NOT_UTF8 = "tệp không phải văn bản UTF-8 ({error}). Lưu lại tệp với bảng mã UTF-8 rồi chạy lại."
FORM_BAD_TOML = ("tệp TOML sai cú pháp ở cuối tệp (dòng {line}): có dấu ngoặc [ ], {{ }} hoặc dấu nháy chưa đóng "
                 "(chi tiết kỹ thuật: {error}). Sửa rồi chạy lại.")
FORM_BAD_TOML_LINE = ("tệp TOML sai cú pháp ở dòng {line}, cột {column} (chi tiết kỹ thuật: {error}). Sửa chỗ này "
                      "rồi chạy lại.")
FORM_NOT_A_TABLE = "phải là một bảng (table) TOML."
FORM_UNKNOWN_KEY = "khóa không được hỗ trợ (có thể gõ sai). Các khóa hợp lệ: {allowed}."
FORM_MISSING_KEY = "thiếu khóa bắt buộc. Bổ sung khóa này vào định nghĩa."
FORM_BAD_TYPE = {
    "str": "phải là một chuỗi văn bản không rỗng, đặt trong dấu nháy kép.",
    "bool": "phải là true hoặc false.",
    "int": "phải là một số nguyên, không đặt trong dấu nháy.",
    "date": "phải là một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2020-07-10 (không đặt trong dấu nháy).",
    "list": "phải là một danh sách [ ... ].",
    "dict": "phải là một bảng (table) TOML.",
}
FORM_MAX_COUNT = "phải là một số nguyên từ 1 đến {limit}."
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
FORM_LIST_COLUMNS = ("Mã biểu mẫu", "Kỳ báo cáo", "Hạn gửi", "Đơn vị", "Mặc định")
FORM_LIST_PERIOD = "{name}\ntừ {start}\nđến {end}"
FORM_LIST_DEFAULT = "Khi không có --form, các lệnh dùng biểu mẫu {id} ({why})."
# «thidua form new»
FORM_EXISTS_AT = ("đã có tệp {path}; không ghi đè. Chọn mã biểu mẫu khác, hoặc tự xóa tệp cũ nếu thật sự muốn "
                  "thay.")
FORM_ID_TAKEN = "đã có biểu mẫu mã «{id}» trong {path}; chọn mã khác."
FORM_BAD_ID = "mã biểu mẫu «{id}» không hợp lệ; chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ «khen-thuong-6t-2021»."
FORM_NOT_REWRITABLE = ("không tự sửa được tệp này (các khóa {keys} không viết mỗi khóa một dòng «khóa = giá trị» "
                       "trong bảng [form] và [period]); hãy chép tệp và sửa tay.")
FORM_NEW_WRITTEN = "Đã tạo biểu mẫu {path} từ «{old}». Những chỗ đã thay:"
FORM_NEW_CHANGE = "  {key}: «{old}» → «{new}»"
DATE_INVALID = "ngày «{text}» không hợp lệ; viết dạng NĂM-THÁNG-NGÀY (2021-07-10) hoặc NGÀY/THÁNG/NĂM (10/07/2021)."
OTHER_ROUND = "tệp của đợt báo cáo khác: biểu mẫu «{id}», kỳ {period}; không tính vào đợt này"
# An option naming what the forms do not have: the user's choice to correct, not a definition.
CHOICE_ERROR = "tùy chọn «{option}»: {problem}"
FORM_UNKNOWN_ID = "không có biểu mẫu «{id}» trong {folder}; các biểu mẫu hiện có: {ids}. Kiểm tra lại mã đã gõ."
FORM_FILE_MISSING = "không có tệp định nghĩa biểu mẫu {path}. Kiểm tra lại đường dẫn đã gõ."
UNKNOWN_UNIT_OPTION = ("biểu mẫu «{form}» không có đơn vị mã «{code}»; các mã hợp lệ: {codes}. "
                       "Kiểm tra lại mã đã gõ.")

# --- the table's columns, rows and rules --------------------------------------------------------------
FORM_BAD_COLUMN_KEY = ("khóa cột «{key}» không hợp lệ; khóa cột gồm chữ thường không dấu, chữ số và dấu gạch dưới, "
                       "bắt đầu bằng chữ, ví dụ «thuc_hien» (quy tắc kiểm tra viết bằng các khóa này).")
FORM_BAD_KIND = "loại cột «{kind}» không hợp lệ; dùng một trong: {kinds}."
FORM_VALUE_OPTION = "chỉ cột số ({kinds}) mới có khóa này."
FORM_BAD_PLACES = "số chữ số thập phân phải từ 0 đến {limit} (cột count luôn là số nguyên, không ghi places)."
FORM_ONE_LABEL_COLUMN = "bảng cần đúng một cột tên dòng (kind = \"label\")."
FORM_AT_MOST_ONE_COLUMN = "bảng chỉ có tối đa một cột loại «{kind}»."
FORM_NO_VALUE_COLUMN = "bảng cần ít nhất một cột số (kind là một trong: {kinds})."
FORM_BAD_AGGREGATE = "cách tổng hợp không hợp lệ; dùng một trong: {allowed} (none: không cộng giữa các đơn vị, như tỷ lệ)."
FORM_BAD_RANK_BY = "«{key}» không phải cột số áp dụng cho dòng này; rank_by ghi khóa cột dùng để xếp hạng các đơn vị."
FORM_ROW_WITHOUT_VALUES = "dòng này không còn cột số nào áp dụng; bỏ bớt các khóa «cột = false»."
FORM_TOTAL_NEEDS_SUBTOTALS = ("có dòng tổng cộng (grand_total) nên mọi phần phải có dòng cộng và các dòng con; "
                              "bỏ grand_total hoặc bỏ «subtotal = false» ở phần này.")
FORM_COMPUTED_WITHOUT_RULE = ("cột tính sẵn (input = false) cần một quy tắc «{{cột}} = …» trong table.rules để biết "
                              "cách tính.")
FORM_BAD_NUMBER = "phải là một số không âm, không đặt trong dấu nháy, ví dụ 0.5."
FORM_BAD_RULE = ("quy tắc «{rule}» không hợp lệ; viết dạng «cột = biểu thức» với khóa cột, số, + - * / và dấu "
                 "ngoặc, ví dụ «total = collective + individual» hoặc «vs_plan = actual / plan * 100».")
FORM_RULE_UNKNOWN_COLUMN = "«{key}» không phải khóa của một cột số; các cột số: {keys}."
FORM_RULE_UNKNOWN_ROW = "«{key}» không phải khóa của một dòng trong bảng."
FORM_RULE_FEW_ROWS = "quy tắc cộng theo dòng cần ít nhất hai dòng."
FORM_RULE_CIRCULAR = "cột «{key}» vừa ở vế trái vừa ở vế phải của quy tắc."
FORM_SHARED_COLUMN_KEY = "khóa cột «{key}» chỉ dành cho cột loại «{kind}»; chọn khóa khác cho cột này."
FORM_GROUP_ROW_SKIPS = "dòng «{row}» không áp dụng cột «{column}» nên không thể nằm trong quy tắc cộng theo cột này."
FORM_COMPUTED_ROW_SKIPS = ("cột tự tính «{column}» áp dụng cho dòng «{row}» nhưng dòng này không có cột {missing} để "
                           "tính; ghi «{column} = false» ở dòng đó.")
FORM_RESERVED_COLUMN_KEY = "khóa cột «{key}» trùng một cột sẵn có của trang dữ liệu tổng hợp ({keys}); chọn khóa khác."

# --- the reference page of the table's language (docs/form-table.md), generated from toolkit/table.py -----
TABLE_DOC_HEADER = (
    "# Bảng của biểu mẫu: cột, dòng, quy tắc",
    "",
    "Trang này được tạo tự động từ mã nguồn (`python -m toolkit.table`); đừng sửa tay. Phần `[table]` của "
    "tệp định nghĩa (`workbook_templates/*.toml`) nói bảng có những cột nào, mỗi cột chứa gì, dòng nào áp dụng "
    "cột nào, tổng hợp giữa các đơn vị ra sao và số liệu phải thỏa những quy tắc nào. Hai biểu mẫu kèm theo là "
    "ví dụ: `khen-thuong-6t-2020.toml` (bảng khen thưởng) và `chi-tieu-ktxh-6t-2020.toml` (chỉ tiêu kinh tế - "
    "xã hội).",
    "",
)
TABLE_DOC_SECTIONS = {
    "kinds": ("## Loại cột (`kind`)", "| Loại | Ý nghĩa |", "|---|---|"),
    "columns": ("## Khóa của một cột (`[table.columns]`, mỗi cột một dòng `khóa = { … }`)",
                "| Khóa | Bắt buộc | Ý nghĩa |", "|---|---|---|"),
    "table": ("## Khóa của `[table]`", "| Khóa | Bắt buộc | Ý nghĩa |", "|---|---|---|"),
    "sections": ("## Khóa của một phần (`[[table.sections]]`)", "| Khóa | Bắt buộc | Ý nghĩa |", "|---|---|---|"),
    "rows": ("## Khóa của một dòng (trong `rows = [ … ]` của phần)", "| Khóa | Bắt buộc | Ý nghĩa |", "|---|---|---|"),
    "aggregates": ("## Cách tổng hợp giữa các đơn vị (`aggregate`)", "| Giá trị | Ý nghĩa |", "|---|---|"),
    "rules": ("## Quy tắc (`[[table.rules]]`)", "| Khóa | Bắt buộc | Ý nghĩa |", "|---|---|---|"),
}
TABLE_DOC_FOOTER = (
    "",
    "Quy tắc `check` viết dạng `cột = biểu thức` bằng khóa cột, số, `+ - * /` và dấu ngoặc. Quy tắc chỉ cộng, "
    "trừ (như `total = collective + individual`) coi ô trống là 0 và kiểm tra ở mọi dòng có cột bên trái; quy tắc "
    "có nhân, chia (như `vs_plan = actual / plan * 100`) chỉ kiểm tra khi các ô bên phải đều có số. Cột bên trái "
    "có `input = false` thì biểu mẫu tự tính bằng công thức; số đơn vị ghi đè khác kết quả được báo "
    "(`computed-mismatch`) và tổng hợp dùng kết quả tính lại. Sai quy tắc được báo tại đúng ô, với mã trong "
    "[danh mục lỗi](error-codes.md).",
    "",
)
KIND_DOCS = {
    "stt": "Số thứ tự: số của phần, số dòng (hoặc `number` của dòng).",
    "label": "Tên dòng (đúng một cột loại này); dùng để nhận ra dòng khi đơn vị chèn, xóa dòng.",
    "unit": "Đơn vị tính của dòng (khóa `unit` của dòng), khóa lại, không nhập.",
    "count": "Số nguyên (số lượng), từ 0 trở lên trừ khi cho phép số âm.",
    "decimal": "Số có phần thập phân (số tiền, sản lượng…), tối đa `places` chữ số sau dấu phẩy (mặc định 2).",
    "percent": "Tỷ lệ phần trăm, ghi số phần trăm (6,5 là 6,5%); không bao giờ cộng giữa các dòng hay các đơn vị.",
    "text": "Văn bản tự do (Ghi chú), tối đa 500 ký tự.",
}
AGGREGATE_DOCS = {
    "sum": "Cộng số của các đơn vị (mặc định): số tuyệt đối như số khen thưởng, kim ngạch, thu ngân sách.",
    "none": "Không cộng: tốc độ tăng, tỷ lệ, cơ cấu; trang tổng hợp để trống dòng này ở cột «Toàn cụm».",
}
TABLE_KEY_DOCS = {
    "columns": "Các cột theo thứ tự trái sang phải: `khóa = { label = …, kind = … }`.",
    "sections": "Các phần của bảng, theo thứ tự.",
    "rules": "Các quy tắc số liệu phải thỏa.",
    "grand_total": "Nhãn dòng tổng cộng cuối bảng; bỏ đi nếu bảng không có dòng tổng (mọi phần khi đó không cần dòng cộng).",
    "side_by_side": "Các cột số trang «So sánh các đơn vị» đặt cạnh nhau cho từng đơn vị (mặc định: cột dùng để xếp hạng).",
    "max_count": "Số lớn nhất một ô số lượng được nhận (mặc định 10.000.000).",
}
COLUMN_KEY_DOCS = {
    "label": "Tiêu đề cột, đúng như in trên biểu mẫu.",
    "kind": "Loại cột, xem bảng trên.",
    "places": "Số chữ số thập phân tối đa (chỉ cột decimal, percent).",
    "input": "`false`: biểu mẫu tự tính theo quy tắc có cột này ở vế trái; đơn vị không nhập.",
    "negative": "`true`: cột nhận số âm ở mọi dòng.",
}
ROW_FLAG_DOC_KEY = "<cột> = false"
ROW_KEY_DOCS = {
    "key": "Khóa cố định của dòng (chữ thường không dấu, gạch nối); ghi ẩn trong biểu mẫu để nhận ra dòng.",
    "label": "Tên dòng, đúng như in trên biểu mẫu.",
    "number": "Số thứ tự in ở cột STT (mặc định: thứ tự trong phần).",
    "unit": "Đơn vị tính của dòng (in ở cột loại unit).",
    "aggregate": "Cách tổng hợp giữa các đơn vị: `sum` hoặc `none`.",
    "rank_by": "Khóa cột dùng để xếp hạng các đơn vị ở dòng này (số lớn nhất hạng 1); bỏ đi thì không xếp hạng.",
    "negative": "`true`: các ô của dòng nhận số âm (ví dụ tốc độ tăng trưởng).",
    "places": "Số chữ số thập phân của các ô số lượng, số tiền ở dòng này (0 cho số dự án); ô phần trăm giữ số của cột.",
    ROW_FLAG_DOC_KEY: "Cột số đó không áp dụng cho dòng (ô gạch chéo, không nhập), ví dụ `collective = false`.",
}
SECTION_KEY_DOCS = {
    "key": "Khóa cố định của phần.",
    "number": "Số của phần (I, II hoặc 1, 2…).",
    "label": "Tên phần.",
    "rows": "Các dòng của phần. Bỏ đi thì chính phần là một dòng số liệu (như «1. Tốc độ tăng trưởng GRDP»).",
    "subtotal": "`false`: dòng của phần không cộng các dòng con (mặc định `true`: có dòng cộng bằng công thức).",
    "…": "Mọi khóa của dòng (unit, aggregate, rank_by, negative, places, `<cột> = false`) đặt ở phần thì áp dụng cho mọi dòng của phần.",
}
RULE_KEY_DOCS = {
    "check": "Quy tắc theo dòng: `cột = biểu thức`, ví dụ `total = collective + individual`.",
    "tolerance": "Chênh lệch cho phép (mặc định 0), ví dụ 0.5 điểm phần trăm.",
    "rows": "Quy tắc theo cột: các khóa dòng phải cộng lại bằng `total`.",
    "column": "Cột của quy tắc theo cột.",
    "total": "Số các dòng phải cộng lại bằng, ví dụ 100 (%).",
}
