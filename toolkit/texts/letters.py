"""The letters written to the units by ``thidua feedback``, in administrative register."""

# --- feedback to the units (thidua feedback) --------------------------------------------------
LETTER_TO = "Kính gửi: {recipient}."
LETTER_FROM = ("{office}, Cơ quan Thường trực {cluster}, thông báo kết quả kiểm tra biểu mẫu «{title}» "
               "như sau:")
LETTER_FROM_REMINDER = "{office}, Cơ quan Thường trực {cluster}, nhắc đơn vị gửi biểu mẫu «{title}» như sau:"
LETTER_RECEIVED = "Đã nhận tệp «{file}» của đơn vị, lưu lúc {hour} ngày {day}."
LETTER_RECEIVED_UNDATED = "Đã nhận tệp «{file}» của đơn vị."
LETTER_FINDINGS = "Kết quả kiểm tra: {errors} lỗi, {warnings} cảnh báo, cụ thể:"
LETTER_ITEM = "{n}. {severity}: {message}"
LETTER_FIX = ("Đề nghị đơn vị sửa trực tiếp trên tệp «{workbook}» gửi kèm (các ô cần sửa được tô đỏ, có ghi "
              "chú; trang «Cần sửa» liệt kê từng ô), lưu lại và gửi về {office}.")
LETTER_REFILL = ("Tệp trên không dùng được để tổng hợp. Đề nghị đơn vị điền lại số liệu vào biểu mẫu «{workbook}» "
                 "gửi kèm (trang «Cần sửa» nêu lý do; không đổi bố cục, không chép sang tệp khác) và gửi về {office}.")
LETTER_NOTED = ("Số liệu của tệp đã được đưa vào tổng hợp; đơn vị không cần gửi lại. Đề nghị đơn vị lưu ý các điểm "
                "trên ở lần báo cáo sau (tệp «{workbook}» gửi kèm đánh dấu từng ô).")
LETTER_CONFIRMED = ("Tệp hợp lệ và đã được đưa vào tổng hợp (mã SHA-256 của tệp bắt đầu bằng {sha}). "
                    "Số liệu «{grand_total}» đã nhận: {totals}. Đơn vị không cần gửi lại.")
LETTER_CONFIRMED_ROWS = ("Tệp hợp lệ và đã được đưa vào tổng hợp (mã SHA-256 của tệp bắt đầu bằng {sha}). "
                         "Đã nhận số liệu của {filled}/{rows} dòng chỉ tiêu. Đơn vị không cần gửi lại.")
LETTER_NOT_RECEIVED = "Đến ngày {today}, Cơ quan Thường trực chưa nhận được báo cáo của đơn vị."
LETTER_SEND = ("Đề nghị đơn vị điền số liệu vào biểu mẫu «{workbook}» gửi kèm (không đổi bố cục, không "
               "chép sang tệp khác) và gửi về {office}.")
LETTER_DEADLINE = {"before": "Hạn gửi: ngày {deadline} (còn {days} ngày).",
                   "today": "Hạn gửi: hôm nay, ngày {deadline}.",
                   "after": "Hạn gửi là ngày {deadline}, đã quá {days} ngày; đề nghị đơn vị gửi ngay."}
LETTER_REVISION = ("Đây là lần gửi thứ {number} (thay tệp «{previous}»): {changed} ô thay đổi; đơn vị đã sửa "
                   "{fixed} điểm của lần gửi trước, còn {remaining} điểm chưa sửa.")
LETTER_CLOSING = "Trân trọng./."
