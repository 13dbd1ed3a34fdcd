"""What the web page (``thidua serve``) says: its pages, buttons and messages, and the command's own words."""

# --- the command ------------------------------------------------------------------------------
CLI_SERVE_HELP = ("Mở trang web của vòng báo cáo trên máy này: xem tình trạng các đơn vị, nhận tệp gửi về, "
                  "tải biểu mẫu, phản hồi và tệp tổng hợp.")
CLI_SERVE_OPTS = {
    "host": "Địa chỉ nghe (mặc định 127.0.0.1: chỉ máy này mở được). Địa chỉ khác cần --password.",
    "port": "Cổng (mặc định 8000).",
    "open": "Mở trang trong trình duyệt ngay khi chạy.",
    "password": "Mật khẩu (ít nhất 8 ký tự) người dùng máy khác phải nhập; có thể đặt bằng biến môi trường "
                "THIDUA_SERVE_PASSWORD.",
}
WEB_SERVE_STARTED = "Trang của vòng báo cáo đang chạy tại {address}: mở địa chỉ này trong trình duyệt."
WEB_SERVE_PASSWORD = "Trang hỏi mật khẩu đã đặt khi chạy lệnh trước khi cho xem."
WEB_SERVE_STOP = "Nhấn Ctrl+C để dừng."
WEB_SERVE_NEEDS_PASSWORD = ("không mở trang tại địa chỉ {host} khi chưa đặt mật khẩu: máy khác trong mạng vào được "
                            "địa chỉ này và thấy số liệu của các đơn vị. Thêm --password MẬT_KHẨU (hoặc đặt biến "
                            "môi trường THIDUA_SERVE_PASSWORD), hoặc bỏ --host để chỉ mở trên máy này.")
WEB_SERVE_SHORT_PASSWORD = "mật khẩu quá ngắn: cần ít nhất {length} ký tự."
WEB_SERVE_NOT_STARTED = ("không mở được trang tại {address}: cổng {port} đang được chương trình khác dùng, hoặc địa "
                         "chỉ không phải của máy này. Chọn cổng khác bằng --port, ví dụ --port 8080.")
WEB_NOT_A_FORM_ID = "«{id}» không phải mã của một biểu mẫu. Chọn biểu mẫu trong danh sách ở đầu trang."

# --- receiving files --------------------------------------------------------------------------
RECEIVE_NOT_SAVED = "không lưu được tệp vào thư mục nhận ({reason}). Kiểm tra chỗ trống trên đĩa và quyền ghi, rồi nhận lại tệp."
RECEIVE_TOO_LARGE = "tệp lớn hơn {limit} MB, không được lưu. Đề nghị đơn vị gửi lại đúng biểu mẫu đã phát."

# --- the pages --------------------------------------------------------------------------------
WEB = {
    "app": "Thi đua – Cụm thi đua",
    "nav_round": "Đợt báo cáo", "nav_upload": "Nhận tệp", "nav_downloads": "Tải về", "nav_new_period": "Kỳ mới",
    "switch": "Biểu mẫu:", "switch_button": "Xem",
    "form_choice": "{id} — {period}",
    "form_meta": "Mã {id}, phiên bản {version} · Kỳ {period} (từ {start} đến {end})",
    "deadline": "Hạn gửi",
    "round_columns": ("Mã", "Đơn vị", "Vai trò", "Trạng thái", "Tệp được dùng", "Lưu lúc", "Lỗi", "Cảnh báo"),
    "refused": "bị loại",
    "attention_only": "Chỉ hiện {shown}/{count} đơn vị cần chú ý (có lỗi, có cảnh báo hoặc chưa gửi).",
    "show_every": "Xem mọi đơn vị",
    "unit_files": "Các tệp đã nhận",
    "file_columns": ("Tệp", "Tình trạng", "Lưu lúc", "Cỡ", "Lý do"),
    "unit_no_files": "Chưa nhận được tệp nào của đơn vị này.",
    "unit_findings": "Kết quả kiểm tra tệp «{file}»",
    "finding_columns": ("Mức độ", "Ô", "Dòng / cột", "Nội dung"),
    "unit_refused": "Tệp này bị loại: không số liệu nào trong tệp được dùng. Đơn vị cần gửi lại tệp khác.",
    "unit_no_findings": "Không có lỗi hay cảnh báo nào.",
    "unit_revision": "So với lần gửi trước",
    "unit_letter": "Thư gửi đơn vị: {kind}",
    "copy_letter": "Chép nội dung thư",
    "download_workbook": "Tải tệp đánh dấu ô cần sửa ({name})",
    "workbook_stale": "Tệp này viết trước khi nhận tệp mới nhất của đơn vị: bấm «Viết phản hồi» để viết lại.",
    "write_feedback": "Viết phản hồi",
    "write_feedback_hint": "Viết thư và tệp phản hồi cho mọi đơn vị vào thư mục outbox, như lệnh thidua feedback.",
    "drop_here": "Kéo các tệp đính kèm vừa nhận thả vào đây, hoặc bấm để chọn tệp.",
    "upload_hint": "Mỗi tệp tối đa {limit} MB, mỗi lần tối đa {most} tệp. Tệp được lưu thành tệp mới trong "
                   "thư mục inbox (không ghi đè tệp nào), rồi được kiểm tra ngay.",
    "upload_button": "Lưu và kiểm tra",
    "received_title": "Các tệp vừa nhận",
    "received_columns": ("Tệp gửi lên", "Lưu thành", "Kết quả", "Đơn vị", "Lỗi", "Cảnh báo", "Chi tiết"),
    "not_saved": "không lưu",
    "back_to_round": "Xem tình trạng đợt báo cáo",
    "templates_title": "Biểu mẫu phát cho đơn vị",
    "generate_button": "Tạo biểu mẫu",
    "templates_zip": "Tải tất cả (zip)",
    "download": "tải về",
    "summary_title": "Tệp tổng hợp",
    "include_invalid": "Cộng cả số liệu của đơn vị có lỗi",
    "consolidate_button": "Tổng hợp",
    "written_at": "ghi lúc",
    "no_summary": "Chưa có tệp tổng hợp: bấm «Tổng hợp».",
    "draft_title": "Dự thảo báo cáo",
    "draft_button": "Viết dự thảo báo cáo sơ kết",
    "no_draft": "Chưa có dự thảo: bấm «Viết dự thảo báo cáo sơ kết» (nên tổng hợp trước).",
    "report_written": "Đã viết dự thảo báo cáo {name}.",
    "feedback_title": "Phản hồi cho các đơn vị",
    "no_feedback": "Chưa có thư phản hồi: bấm «Viết phản hồi».",
    "generated": "Đã tạo {count} biểu mẫu.",
    "feedback_written": "Đã viết phản hồi cho {count} đơn vị.",
    "nothing_to_consolidate": ("Không có gì để tổng hợp: chưa có tệp nào của đơn vị dùng được. Nhận tệp các "
                               "đơn vị gửi về trước."),
    "zip_name": "bieu-mau-{id}.zip",
    "new_title": "Tạo biểu mẫu cho kỳ mới",
    "new_from": "Từ biểu mẫu", "new_id": "Mã biểu mẫu mới", "new_id_example": "khen-thuong-6t-2021",
    "new_period": "Tên kỳ", "new_period_example": "06 tháng đầu năm 2021",
    "new_start": "Ngày bắt đầu kỳ", "new_end": "Ngày kết thúc kỳ", "new_deadline": "Hạn gửi",
    "date_examples": {"bat-dau": "01/01/2021", "ket-thuc": "15/06/2021", "han-gui": "10/07/2021"},
    "new_button": "Tạo biểu mẫu kỳ mới",
    "new_hint": ("Giữ các dòng, các phần, đơn vị và chú thích của biểu mẫu cũ; đổi tên kỳ, ngày và hạn gửi; "
                 "không ghi đè tệp đã có (như lệnh thidua form new)."),
    "new_incomplete": "Cần điền đủ mọi ô: biểu mẫu cũ, mã mới, tên kỳ, ngày bắt đầu, ngày kết thúc và hạn gửi.",
    "new_written": "Đã tạo biểu mẫu «{id}» từ «{old}». Những chỗ đã thay:",
    "login_title": "Đăng nhập", "password": "Mật khẩu", "login_button": "Vào",
    "wrong_password": "Mật khẩu không đúng.",
    "no_page": "Không có trang này. Quay lại trang «Đợt báo cáo» ở đầu trang.",
    "wait_password": "Vừa có mật khẩu nhập sai: đợi {seconds} giây rồi thử lại.",
    "error_title": "Không làm được việc này",
    "forbidden": ("Yêu cầu bị từ chối: biểu mẫu gửi lên không kèm mã xác nhận của trang này. Tải lại trang rồi "
                  "làm lại."),
    "no_length": "Yêu cầu bị từ chối: không cho biết cỡ dữ liệu gửi lên.",
    "too_large": "Dữ liệu gửi lên quá lớn (trên {limit} MB một lần). Gửi ít tệp hơn mỗi lần.",
    "bad_form": "Dữ liệu gửi lên không đọc được. Tải lại trang rồi làm lại.",
    "nothing_received": "Chưa chọn tệp nào. Kéo thả hoặc chọn các tệp đính kèm rồi bấm «Lưu và kiểm tra».",
    "no_unit": "Biểu mẫu «{form}» không có đơn vị mã «{code}».",
    "no_file": "Không có tệp này trong thư mục outbox.",
    "unexpected": "Có lỗi khi làm việc này ({error}). Kiểm tra các thư mục của dự án rồi thử lại.",
    "wrong_host": "Địa chỉ này không phải của trang. Mở trang bằng địa chỉ lệnh thidua serve đã in ra.",
}
