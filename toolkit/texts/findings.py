"""The error catalogue's words, the details findings carry, and the page of error codes."""

from .workbooks import NOTHING_TO_REPORT

# How the total-mismatch message tells what Tổng số holds: a number, or nothing at all.
TOTAL_IS, TOTAL_BLANK = "là {value}", "để trống"
# A rule's arithmetic as messages write it: «Thực hiện 6 tháng : Kế hoạch năm 2020 × 100».
RULE_OPERATORS = {"+": "+", "-": "−", "*": "×", "/": ":"}
# What a value cell takes, for the messages that ask for it again.
EXPECTED_NUMBER = {"count": "số nguyên", "decimal": "số"}

# --- the error catalogue ----------------------------------------------------------------------
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
    "extension-mismatch": (
        "Đuôi tệp không đúng loại tệp",
        "Tệp là bảng tính thật nhưng mang đuôi của loại tệp khác (đổi tên, lưu nhầm định dạng); tệp "
        "được đọc theo nội dung.",
        "Tệp mang đuôi «{extension}» nhưng thực chất là bảng tính {kind}; đã đọc theo nội dung tệp. "
        "Lần sau đề nghị đơn vị giữ nguyên đuôi tệp khi lưu hoặc đổi tên.",
        {"extension": ".xls", "kind": "Excel (.xlsx)"},
    ),
    "unknown-form": (
        "Không đúng biểu mẫu",
        "Tệp thuộc biểu mẫu, phiên bản hoặc kỳ báo cáo khác (ví dụ tệp của kỳ trước).",
        "Tệp là biểu mẫu «{found}», không phải «{expected}» của kỳ này. Đề nghị đơn vị dùng biểu mẫu "
        "của kỳ {period}.",
        {"found": "khen-thuong-2019", "expected": "khen-thuong-6t-2020", "period": "06 tháng đầu năm 2020"},
    ),
    "identity-source-differs": (
        "Một nơi ghi nhận dạng bị sai lệch",
        "Một nơi ghi thông tin nhận dạng trong tệp (thường là thuộc tính tệp) bị chương trình đã lưu tệp "
        "làm sai, trong khi nơi khó sửa hơn vẫn đúng; tệp được nhận theo nơi khó sửa hơn.",
        "Thông tin nhận dạng ở {source} khác với {trusted} (thường do chương trình đã lưu tệp làm sai chữ "
        "tiếng Việt); tệp được nhận theo {trusted}. Đơn vị không cần làm gì.",
        {"source": "thuộc tính tệp", "trusted": "trang nhận dạng ẩn"},
    ),
    "identity-sheet-shown": (
        "Trang nhận dạng không còn ẩn",
        "Trang nhận dạng ẩn của biểu mẫu đã hiện ra (ví dụ khi tệp được lưu lại bằng Gnumeric); thông tin "
        "trong trang vẫn đúng nên tệp vẫn được nhận.",
        "Trang «{name}» chứa thông tin nhận dạng của biểu mẫu không còn ẩn; thông tin trong trang vẫn "
        "đúng nên tệp vẫn được nhận. Đề nghị đơn vị không sửa hay xóa trang này.",
        {"name": "_thidua"},
    ),
    "old-template-version": (
        "Biểu mẫu phiên bản cũ",
        "Tệp làm trên phiên bản trước của biểu mẫu; số liệu được đọc theo từng dòng của phiên bản đó.",
        "Tệp làm trên biểu mẫu phiên bản {found}, phiên bản hiện hành là {current}; số liệu được đọc theo "
        "khóa và tên từng dòng.{rows} Đề nghị đơn vị dùng biểu mẫu phiên bản {current} ở lần gửi sau.",
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
        "Ô số chứa chữ hoặc ký hiệu không phải số.",
        "Ô {cell} ({row} / {column}) ghi «{value}», không phải số. Đề nghị đơn vị nhập {expected}, "
        "không có thì để trống.",
        {"cell": "D12", "row": "Anh hùng Lao động", "column": "Tập thể", "value": "hai", "expected": "số nguyên"},
    ),
    "not-integer": (
        "Số không nguyên",
        "Cột số lượng (hoặc dòng chỉ nhận số nguyên, như số dự án) phải là số nguyên.",
        "Ô {cell} ({row} / {column}) ghi {value}, không phải số nguyên. Đề nghị đơn vị kiểm tra lại.",
        {"cell": "E13", "row": "Huân chương Lao động các hạng", "column": "Cá nhân", "value": "2,5"},
    ),
    "negative-value": (
        "Số âm",
        "Ô này không nhận số âm (chỉ các cột, dòng được biểu mẫu cho phép mới nhận số âm).",
        "Ô {cell} ({row} / {column}) ghi {value}, là số âm. Đề nghị đơn vị kiểm tra lại.",
        {"cell": "C11", "row": "Bà mẹ Việt Nam anh hùng", "column": "Tổng số", "value": "-3"},
    ),
    "count-too-large": (
        "Số lượng quá lớn",
        "Số trong ô lớn hơn mức tối đa của biểu mẫu (khóa table.max_count, mặc định 10.000.000): không thể "
        "là một số lượng khen thưởng, thường do gõ nhầm hoặc dán nhầm.",
        "Ô {cell} ({row} / {column}) ghi {value}, quá lớn để là một số lượng (tối đa {maximum}). Đề nghị "
        "đơn vị kiểm tra và nhập lại số đúng.",
        {"cell": "C13", "row": "Anh hùng Lao động", "column": "Tổng số", "value": "1e+308", "maximum": "10.000.000"},
    ),
    "formula-error": (
        "Lỗi công thức trong ô số lượng",
        "Ô số lượng chứa công thức bị lỗi (#DIV/0!, #VALUE!, #REF!, #N/A, #NAME?…) nên không có số nào "
        "để đọc; ô không được coi là để trống.",
        "Ô {cell} ({row} / {column}) có lỗi công thức {value}, không đọc được số. Đề nghị đơn vị sửa "
        "công thức hoặc nhập thẳng số nguyên.",
        {"cell": "D13", "row": "Anh hùng Lao động", "column": "Tập thể", "value": "#DIV/0!"},
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
        "Cột này không áp dụng cho dòng đó (ví dụ Tập thể của Bà mẹ Việt Nam anh hùng, danh hiệu chỉ tặng "
        "cá nhân).",
        "Ô {cell} ({row} / {column}) không áp dụng nhưng ghi {value}. Đề nghị đơn vị chuyển số liệu "
        "sang đúng cột hoặc xóa.",
        {"cell": "D11", "row": "Bà mẹ Việt Nam anh hùng", "column": "Tập thể", "value": "2"},
    ),
    "total-mismatch": (
        "Cột tổng không khớp các cột thành phần",
        "Ở mỗi dòng, cột tổng phải bằng các cột thành phần theo quy tắc của biểu mẫu (ví dụ Tổng số = "
        "Tập thể + Cá nhân).",
        "Dòng «{row}»: {column} ô {cell} {total} nhưng {operands} = {parts}. Đề nghị "
        "đơn vị kiểm tra lại dòng này.",
        {"row": "Bằng khen UBND tỉnh", "cell": "C22", "column": "Tổng số", "operands": "Tập thể + Cá nhân",
         "total": "là 10", "parts": "12"},
    ),
    "computed-mismatch": (
        "Ô tự tính ghi số khác",
        "Ô tự tính của biểu mẫu (ví dụ So với kế hoạch năm = Thực hiện : Kế hoạch × 100) ghi một số khác "
        "kết quả tính từ các ô của dòng; số tổng hợp dùng kết quả tính lại.",
        "Ô {cell} ({row} / {column}) ghi {found} nhưng {rule} = {expected}. Số tổng hợp dùng {expected}; "
        "đề nghị đơn vị không sửa ô tự tính.",
        {"cell": "G12", "row": "Tổng kim ngạch xuất khẩu", "column": "So với kế hoạch năm (%)", "found": "60",
         "rule": "Thực hiện 6 tháng : Kế hoạch năm 2020 × 100", "expected": "48,5"},
    ),
    "rows-total-mismatch": (
        "Các dòng cộng lại không đúng",
        "Các dòng biểu mẫu yêu cầu cộng lại bằng một số (ví dụ các ngành trong cơ cấu kinh tế cộng lại "
        "bằng 100%) cộng lại lệch quá mức cho phép.",
        "Các dòng {rows} ở cột {column} cộng lại được {found}, phải bằng {expected} (chênh lệch cho phép "
        "{tolerance}). Ô đầu tiên: {cell}. Đề nghị đơn vị kiểm tra lại các dòng này.",
        {"cell": "F16", "column": "Thực hiện 6 tháng", "rows": "«Nông, lâm nghiệp và thủy sản», «Dịch vụ»",
         "found": "98", "expected": "100", "tolerance": "0,5"},
    ),
    "too-many-decimals": (
        "Số có quá nhiều chữ số thập phân",
        "Số trong ô có nhiều chữ số sau dấu phẩy hơn biểu mẫu quy định; số vẫn được dùng như đã ghi.",
        "Ô {cell} ({row} / {column}) ghi {value}, quá {places} chữ số thập phân. Đề nghị đơn vị làm tròn "
        "đến {places} chữ số.",
        {"cell": "E12", "row": "Tổng kim ngạch xuất khẩu", "column": "Thực hiện 6 tháng", "value": "1234,567",
         "places": 2},
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
        "Biểu mẫu chưa có số liệu nào. " + NOTHING_TO_REPORT + " Nếu gửi nhầm, đề nghị gửi lại tệp đã nhập.",
        {},
    ),
    "still-open": (
        "Tệp có thể đang được sửa",
        "Bên cạnh tệp có tệp khóa của Excel hoặc LibreOffice: có người đang mở tệp này.",
        "Có người đang mở tệp này (có tệp khóa {lock}); số liệu có thể chưa được lưu hết.",
        {"lock": "~$58-ninh-thuan.xlsx"},
    ),
    "video-too-long": (
        "Video dài quá thời lượng cho phép",
        "Video gửi kèm (ví dụ phóng sự) dài hơn số phút biểu mẫu cho phép; tệp vẫn được ghi nhận.",
        "{label} «{file}» dài {duration}, quá {limit} phút theo yêu cầu; đề nghị đơn vị biên tập lại cho "
        "ngắn hơn và gửi lại.",
        {"label": "Phóng sự", "duration": "11 phút 0 giây", "limit": 10},
    ),
    "unusual-change": (
        "Thay đổi bất thường so với kỳ trước",
        "Số liệu của đơn vị ở một dòng khác nhiều so với tệp tổng hợp kỳ trước (theo ngưỡng trong bảng "
        "[compare] của biểu mẫu); chỉ là ghi chú để xem lại, không phải lỗi.",
        "{row}, cột {column}: kỳ trước {previous}, kỳ này {current} ({why}); đề nghị xem lại số liệu.",
        {"row": "Bằng khen UBND tỉnh", "column": "Tổng số", "previous": 4, "current": 40,
         "why": "gấp 10 lần, tăng 36"},
    ),
}
SEVERITY_LABELS = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}

# --- layout changes (details of layout-changed) -----------------------------------------------
LAYOUT_CHANGES = {
    "missing-column": "thiếu cột «{label}»",
    "extra-column": "có thêm cột «{label}»",
    "extra-blank-column": "có thêm cột {letter} không có tiêu đề",
    "missing-row": "thiếu dòng «{label}»",
    "edited-label": "tên dòng «{label}» bị sửa thành «{found}»",
    "extra-row": "có thêm dòng «{label}»",
    "missing-total": "thiếu dòng «{label}»",
}
UNIT_CODE_LINE = "Mã đơn vị: {code}"
# Details of unknown-unit.
UNKNOWN_UNIT_CODE = "mã «{code}» không có trong danh sách"
UNKNOWN_UNIT_NOTHING = ("tệp không còn thông tin nhận dạng của biểu mẫu, tiêu đề và tên tệp cũng không cho biết "
                        "là đơn vị nào")
#: A form as its identity facts name it, in unknown-form.
FORM_DESCRIPTION = "{form_id} v{version} ({period})"
# Details of extension-mismatch: what a workbook is, by the kind its content says.
WORKBOOK_KINDS = {"xlsx": "Excel (.xlsx)", "xlsm": "Excel có macro (.xlsm)", "xls": "Excel 97-2003 (.xls)",
                  "ods": "OpenDocument (.ods)"}
NO_EXTENSION = "(không có đuôi)"
SOURCE_NAMES = {"sheet": "trang nhận dạng ẩn", "properties": "thuộc tính tệp", "names": "tên định nghĩa",
                "header": "tiêu đề biểu mẫu", "file": "tên tệp"}

# --- reports ----------------------------------------------------------------------------------
REVISION = ("lần gửi thứ {number}, thay tệp «{previous}»: {changed} ô thay đổi, đã sửa {fixed} lỗi/cảnh báo, còn "
            "{remaining} chưa sửa")
REVISION_SHORT = "lần gửi thứ {number}, {changed} ô thay đổi"
REVISION_CHANGE = "{cell} {row} / {column}: {old} → {new}"
REVISION_BLANK = "(trống)"

# --- the inbox: ignored files and details of rejected ones ------------------------------------
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
    "attachment": "tài liệu {kind} gửi kèm (công văn, thư), không phải tệp số liệu; không cần gửi lại",
    "deliverable": "{label} của {unit}, không phải tệp số liệu",
    "deliverable_unknown": ("{label} gửi kèm, chưa rõ của đơn vị nào: đặt tên tệp hoặc thư mục theo mã hay "
                            "tên đơn vị (ví dụ «58-ninh-thuan-phong-su.mp4»)"),
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
# The kind of a document sent beside a return, by the UNREADABLE_DETAILS key of its content.
ATTACHMENT_KINDS = {"pdf": "PDF", "docx": "Word", "doc": "Word", "opendocument": "OpenDocument"}
# Details of the external-links warning ("Tệp có liên kết tới tệp khác ({detail}); ...").
LINKS_UNKNOWN = "{count} liên kết, không rõ tên tệp nguồn"
LINKS_MORE = "và {count} tệp khác"

# --- docs/error-codes.md (generated from the catalogue) ---------------------------------------
ERROR_DOC_HEADER = (
    "# Mã lỗi và cảnh báo / Error codes",
    "",
    "Tệp này được sinh tự động từ `toolkit/catalogue.py` bằng lệnh `python -m toolkit.catalogue`; "
    "không sửa tay.",
    "",
    "| Mã (code) | Mức độ | Tệp bị loại | Tên | Ý nghĩa | Ví dụ thông báo |",
)
ERROR_DOC_FILE = "58-ninh-thuan.xlsx"

# Why a change against last period is unusual (the unusual-change message's {why}).
UNUSUAL_WHY = {"up": "gấp {ratio} lần, tăng {difference}", "down": "giảm còn 1/{ratio}, giảm {difference}",
               "from_zero": "kỳ trước là 0, tăng {difference}", "to_zero": "kỳ này là 0, giảm {difference}",
               "apart_up": "tăng {difference}", "apart_down": "giảm {difference}"}
