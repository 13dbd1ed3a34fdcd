"""Words written into workbooks: the template, the summary and the annotated workbook sent back."""

# --- the template workbook --------------------------------------------------------------------
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PERIOD_LINE = "(Từ ngày {start} đến hết ngày {end})"
DEADLINE_LINE = "Hạn gửi: chậm nhất ngày {deadline}, về {office}"
NOT_APPLICABLE = "x"
DATE_LINE = "…………, ngày …… tháng …… năm {year}"
SIGNATURES = (("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"), ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, họ tên, đóng dấu)"))
# Data validation of the value cells, by kind; {places} decimals, {sign} whether negatives are taken.
VALIDATION_COUNT_TITLE = "Nhập số nguyên không âm"
VALIDATION_COUNT_PROMPT = "Nhập số lượng là số nguyên ≥ 0 (ví dụ 12). Không có thì để trống hoặc nhập 0."
VALIDATION_COUNT_ERROR_TITLE = "Số lượng không hợp lệ"
VALIDATION_COUNT_ERROR = "Ô này chỉ nhận số nguyên từ 0 trở lên, không nhập chữ, số thập phân hay số âm."
VALIDATION = {
    "count": (VALIDATION_COUNT_TITLE, VALIDATION_COUNT_PROMPT, VALIDATION_COUNT_ERROR_TITLE, VALIDATION_COUNT_ERROR),
    "count-negative": ("Nhập số nguyên", "Nhập số nguyên (ví dụ 12 hoặc -3).",
                       "Số không hợp lệ", "Ô này chỉ nhận số nguyên, không nhập chữ hay số thập phân."),
    "decimal": ("Nhập số", "Nhập số, tối đa {places} chữ số thập phân (ví dụ 1234,5). Không gõ đơn vị tính.",
                "Số không hợp lệ", "Ô này chỉ nhận số từ 0 trở lên, không nhập chữ hay đơn vị tính."),
    "decimal-negative": ("Nhập số", "Nhập số, có thể âm, tối đa {places} chữ số thập phân (ví dụ -1,5). "
                         "Không gõ đơn vị tính.", "Số không hợp lệ", "Ô này chỉ nhận số, không nhập chữ hay đơn vị tính."),
}
VALIDATION_NOTE_TITLE = "Ghi chú"
VALIDATION_NOTE_PROMPT = "Ghi chú ngắn (tối đa {limit} ký tự), nếu cần."
VALIDATION_NOTE_ERROR = "Ghi chú dài quá {limit} ký tự. Hãy rút gọn hoặc gửi kèm văn bản."
# The comment on a column a rule checks, and on one a rule computes.
RULE_COMMENT = "{column} phải bằng {rule}; ô chuyển màu đỏ khi lệch."
COMPUTED_COMMENT = "{column} = {rule}, tự tính khi đã nhập đủ số liệu; không sửa."
# The same advice on the instructions sheet and in the empty-form message.
NOTHING_TO_REPORT = ("Ô không có số liệu thì để trống hoặc ghi 0; nếu cả kỳ đơn vị không có số liệu nào để báo cáo, "
                     "ghi 0 vào các ô của cột số đầu tiên để cho biết biểu mẫu đã được điền.")
INSTRUCTIONS_SHEET = "Hướng dẫn"
INSTRUCTIONS_TITLE = "HƯỚNG DẪN ĐIỀN BIỂU MẪU"
# The instructions sheet, paragraph by paragraph; each paragraph is there when the form has what it
# speaks of (a kind of column, a rule, a cell that does not apply, subtotals).
INSTRUCTIONS = {
    "unit": "Biểu mẫu dành riêng cho: {unit} (mã {code}). Mỗi đơn vị dùng đúng tệp của mình, "
            "không dùng tệp của đơn vị khác hay của kỳ trước.",
    "period": "Kỳ báo cáo: {period} (từ ngày {start} đến hết ngày {end}).",
    "inputs": "Chỉ nhập vào các ô màu trắng trên trang «{sheet}»: {inputs}. Các ô khác đã được khóa.",
    "count": "Số lượng là số nguyên từ 0 trở lên. " + NOTHING_TO_REPORT + " Không gõ dấu chấm, dấu phẩy, "
             "chữ hay đơn vị tính vào ô số.",
    "decimal": "Số liệu nhập trực tiếp dạng số, tối đa {places} chữ số thập phân (ví dụ 1234,5 hoặc 6,5); "
               "tỷ lệ phần trăm nhập số phần trăm (6,5 nghĩa là 6,5%). Không gõ đơn vị tính hay dấu % vào ô số. "
               "Chỉ tiêu không có số liệu thì để trống.",
    "negative": "Số âm chỉ nhập ở các dòng cho phép (ví dụ tăng trưởng âm): {rows}.",
    "rule": "{column} = {rule}. Ô {column} chuyển màu đỏ khi hai số không khớp.",
    "computed": "Cột {column} = {rule}, tự tính khi đã nhập đủ số liệu; không sửa.",
    "group": "Các dòng {rows} ở cột {column} cộng lại phải bằng {total} (chênh lệch cho phép {tolerance}); "
             "các ô chuyển màu đỏ khi lệch.",
    "not-applicable": "Ô gạch chéo có chữ «x» là ô không áp dụng cho dòng đó (ví dụ cột {column} của dòng "
                      "«{row}»): để nguyên, không nhập.",
    "subtotals": "Các dòng cộng theo phần ({sections}) và dòng «{grand_total}» tự tính, không sửa.",
    "subtotals-only": "Các dòng cộng theo phần ({sections}) tự tính, không sửa.",
    "layout": "Không chèn, xóa hay đổi tên dòng, cột, trang tính; không đổi tên các dòng của biểu mẫu.",
    "file": "Khi gửi có thể đổi tên tệp, nhưng phải giữ nguyên định dạng Excel (.xlsx). Không đặt mật khẩu mở tệp.",
    "deadline": "Hạn gửi: chậm nhất ngày {deadline}, về {office}.",
    "checked": "Số liệu được kiểm tra lại khi tổng hợp: mọi sai sót được báo theo từng ô để đơn vị sửa.",
}
AND = "và"
INSTRUCTIONS_FOOTER = "Mã biểu mẫu: {form_id} - phiên bản {version} - dấu nhận dạng {fingerprint}"
SAMPLE_DATA_BANNER = "SỐ LIỆU MẪU ĐỂ THỬ NGHIỆM - KHÔNG PHẢI SỐ LIỆU THẬT"

# --- the summary workbook ---------------------------------------------------------------------
SUMMARY_SHEETS = {"summary": "Tổng hợp", "by_unit": "Theo đơn vị", "status": "Tình trạng",
                  "findings": "Lỗi - cảnh báo", "data": "Dữ liệu", "chart": "Biểu đồ"}
SUMMARY_SUBJECT = "Tổng hợp số liệu các đơn vị trong Cụm"
SUMMARY_INCLUDED = "Đã tổng hợp {included}/{total} đơn vị"
SUMMARY_INCLUDED_INVALID = ", trong đó {count} đơn vị có lỗi (cộng theo --include-invalid)"
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
BY_UNIT_TITLE = "SỐ LIỆU THEO TỪNG ĐƠN VỊ"
# For a table that is not totals and their parts, this sheet follows "Tổng hợp", and there is no chart.
SIDE_BY_SIDE_SHEET = "So sánh các đơn vị"
# "So sánh các đơn vị": the units side by side, with the cluster's figure and each unit's rank.
SIDE_BY_SIDE_TITLE = "{title}: SO SÁNH CÁC ĐƠN VỊ"
SIDE_BY_SIDE_SUBTITLE = "{period}. {line}."
SIDE_BY_SIDE_NOTE = ("«Toàn cụm» chỉ cộng các chỉ tiêu cộng được (số tuyệt đối); tỷ lệ, tốc độ tăng và cơ cấu "
                     "không cộng. «Hạng»: thứ hạng của đơn vị ở chỉ tiêu đó, số lớn nhất hạng 1; bằng nhau cùng hạng. "
                     "Đơn vị chưa gửi hoặc không được tổng hợp để trống.")
SIDE_BY_SIDE_NUMBER = "STT"
SIDE_BY_SIDE_CLUSTER = "Toàn cụm"
SIDE_BY_SIDE_CODE = "Mã"
SIDE_BY_SIDE_UNIT = "Đơn vị"
RANK = "Hạng"
BY_UNIT_SUBTITLE = "{title} — {period}"
BY_UNIT_COLUMNS = ("STT", "Mã", "Đơn vị", "Vai trò", "Tình trạng", "Tính vào tổng hợp")
BY_UNIT_TOTAL = "Cộng các đơn vị được tổng hợp"
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
CHART_TITLE = "Số khen thưởng theo đơn vị: {parts}"
CHART_TITLE_TOP = "Số khen thưởng của {shown} đơn vị có tổng số cao nhất (trong {count} đơn vị): {parts}"
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
LIMIT_INVALID = "giới hạn «{text}» không hợp lệ; dùng TÊN=SỐ_DƯƠNG với TÊN là một trong: {names}."

# --- the annotated workbook sent back to a unit -----------------------------------------------
FIXES = {
    "sheet": "Cần sửa",
    "title": "NHỮNG ĐIỂM CẦN SỬA TRONG TỆP «{file}»",
    "hint": ("Bấm vào địa chỉ ô để tới ô cần sửa trong trang «{sheet}» (ô tô đỏ, rê chuột vào để đọc ghi chú). "
             "Địa chỉ ô ghi trong nội dung là địa chỉ trong tệp đơn vị đã gửi; cột «Ô» là ô tương ứng trong tệp "
             "này. Sửa xong, lưu tệp và gửi lại."),
    "columns": ("STT", "Ô", "Dòng", "Cột", "Mức độ", "Nội dung cần sửa"),
    "link_tip": "Tới ô cần sửa",
}

# --- what units send besides the table (documents, videos) --------------------------------------
DURATION = "{minutes} phút {seconds} giây"
DURATION_HOURS = "{hours} giờ {rest}"
DELIVERED = "đã nhận"
NOT_DELIVERED = "chưa nhận"
#: One file received, as a status column or a report's table shows it.
DELIVERED_FILE = "{file} ({size})"
DELIVERED_FILE_TIMED = "{file} ({size}, {duration})"
DURATION_UNKNOWN = "không đọc được thời lượng"
DELIVERABLES_TITLE = "Tài liệu, video gửi kèm"
DELIVERABLES_COLUMNS = {"number": "STT", "name": "Đơn vị", "note": "Ghi chú"}

# --- last period beside this one ---------------------------------------------------------------
COMPARE_SHEET = "So sánh kỳ trước"
COMPARE_SHEET_TITLE = "SO SÁNH VỚI KỲ TRƯỚC"
COMPARE_SHEET_LINE = "Kỳ này: {period}. Kỳ trước: {previous}. Chỉ tính các đơn vị được cộng vào tổng hợp của từng kỳ."
COMPARE_SHEET_RULE = ("Thay đổi bất thường (ghi chú unusual-change, cột «{column}»): gấp hoặc giảm từ {ratio} lần trở "
                      "lên và chênh từ {difference} trở lên{zero}.")
COMPARE_SHEET_RULE_ZERO = ", hoặc dòng kỳ trước là 0 nay khác 0"
COMPARE_LABEL_PERIOD = "{period} (tệp {file})"
COMPARE_LABEL_FILE = "tệp {file}"
COMPARE_CLUSTER = "Toàn Cụm"
COMPARE_COLUMNS_FIXED = {"number": "STT", "code": "Mã", "name": "Đơn vị", "label": ""}  # label: the form's own
COMPARE_COLUMNS_ROLE = {"previous": "{column} kỳ trước", "current": "{column} kỳ này", "change": "{column} tăng/giảm"}
COMPARE_COLUMN_WHY = "Thay đổi bất thường"
