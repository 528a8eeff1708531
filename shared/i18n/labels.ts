// Words of labels and printing: error and check messages (registered with the core's dictionaries).
import { registerMessages } from './messages';
import './gs1';

registerMessages(
  'vi',
  {
    LABEL_ELEMENT_OUTSIDE: 'Ô «{{element}}» nằm ra ngoài tem ({{width}}×{{height}} mm). Hãy kéo nó vào trong tem.',
    LABEL_SHEET_TOO_BIG: 'Bố cục {{cols}}×{{rows}} tem không vừa tờ A4. Hãy giảm lề hoặc khoảng cách.',
    LABEL_TEXT_DOES_NOT_FIT:
      'Chữ trong ô «{{element}}» quá dài, thu nhỏ tới cỡ {{min}} vẫn không vừa (cần ô cao khoảng {{needMm}} mm). Hãy nới rộng ô hoặc rút gọn nội dung.',
    LABEL_MANDATORY_TEXT_CUT:
      'Ô «{{element}}» không đủ chỗ cho {{field}}: chữ bị cắt, tem sẽ thiếu nội dung bắt buộc theo Nghị định 43 nên không in. Cần ô cao khoảng {{needMm}} mm ở cỡ chữ {{min}}: hãy kéo ô cao hơn hoặc rộng hơn, rút gọn nội dung, hoặc chọn mẫu tem lớn hơn.',
    LABEL_BARCODE_TOO_SMALL_BOX:
      'Mã vạch «{{element}}» không vừa ô: theo cỡ chuẩn GS1 (vạch {{x}} mm = {{dots}} điểm ở {{dpi}} dpi) cần ô ít nhất {{needW}} × {{needH}} mm. Hãy nới rộng ô hoặc chọn tem lớn hơn.',
    LABEL_BARCODE_NO_DOT_SIZE:
      'Máy in {{dpi}} dpi không in được mã vạch «{{element}}» đúng cỡ chuẩn GS1 (không có số điểm nguyên nào nằm trong khoảng cho phép).',
    LABEL_BARCODE_INVALID: 'Không tạo được mã vạch «{{element}}»: {{detail}}',
    LABEL_BARCODE_EMPTY: 'Mã vạch «{{element}}» không có dữ liệu.',
    LABEL_CODE128_CHARS: 'Mã vạch Code 128 «{{element}}» chỉ mang được chữ không dấu. Hãy dùng mã QR cho chữ có dấu.',
    LABEL_EAN13_FORMAT: 'Mã sản phẩm này không in được thành mã vạch EAN-13 (cần GTIN-13).',
    LABEL_NO_GTIN:
      'Sản phẩm chưa có mã GTIN (mã vạch) nên không in được mã vạch «{{element}}». Hãy nhập GTIN cho sản phẩm hoặc bỏ mã vạch này khỏi mẫu tem.',
    LABEL_FIELD_MISSING:
      'Thiếu {{field}} — tem theo Nghị định 43/2017 phải có. Hãy bổ sung trong thông tin sản phẩm hoặc lô.',
    LABEL_FIELD_NOT_ON_TEMPLATE: 'Mẫu tem chưa có {{field}} — Nghị định 43/2017 yêu cầu phải in. Hãy thêm vào mẫu tem.',
    LABEL_EXPIRY_BEFORE_PRODUCTION: 'Hạn sử dụng ({{hsd}}) trước ngày sản xuất ({{nsx}}).',
    SSCC_FORMAT: 'Số SSCC phải có đúng 18 chữ số.',
    SSCC_CHECK_DIGIT: 'Số kiểm tra của SSCC sai (số cuối phải là {{expected}}). Hãy xem lại số SSCC.',
    SSCC_NO_PREFIX:
      'Chưa có mã doanh nghiệp GS1 nên ứng dụng không tạo được số SSCC. Hãy nhập mã doanh nghiệp GS1 trong Thông tin cơ sở, hoặc nhập số SSCC có sẵn.',
    SSCC_SERIALS_USED_UP:
      'Đã dùng hết số SSCC với mã doanh nghiệp {{prefix}} và số mở rộng {{extension}}. Hãy chọn số mở rộng khác.',
    LABEL_NO_SSCC:
      'Tem thùng cần số SSCC (mã thùng GS1) cho mã vạch «{{element}}». Hãy nhập số SSCC hoặc để ứng dụng tạo số mới.',
    LABEL_BARCODE_DATA_MISSING: 'Mã vạch «{{element}}» cần {{field}} nhưng lô chưa có.',
    LABEL_SIZE_NOT_PRINTER_MEDIA:
      'Tem {{width}}×{{height}} mm nhưng máy in «{{printer}}» đang cài cuộn tem {{mediaWidth}}×{{mediaHeight}} mm. Hãy chọn mẫu tem đúng khổ hoặc sửa khổ tem trong cài đặt máy in.',
    LABEL_LOT_HELD:
      'Lô «{{code}}» đang {{status}}. Chỉ chủ cơ sở mới in tem cho lô này, và phải xác nhận trước khi in.',
    LABEL_IMAGE_UNREADABLE: 'Không đọc được hình «{{element}}» (chỉ dùng PNG hoặc JPEG).',
    LABEL_QR_NO_DOMAIN:
      'Sản phẩm không có GTIN: mã QR chỉ chứa mã truy xuất. Hãy đặt địa chỉ trang truy xuất trong phần cài đặt tem.',
    LABEL_CHECK_FAILED: 'Tem chưa in được: {{first}}',
    LABEL_TOO_WIDE_FOR_PRINTER: 'Tem rộng {{width}} mm, lớn hơn đầu in của máy «{{printer}}» ({{head}} mm).',
    LABEL_NO_LABEL_DATA: 'Lô "{{code}}" không có dữ liệu tem.',
    LABEL_TEMPLATE_NOT_FOUND: 'Không có mẫu tem "{{name}}". Các mẫu có: {{choices}}.',
    LABEL_TEMPLATE_BUILT_IN: 'Mẫu tem có sẵn không sửa được; hãy lưu thành một mẫu mới.',
    LABEL_NO_SOURCE: 'Hãy chọn một lô để in tem.',
    LABEL_SHEET_NEEDS_PDF: 'Mẫu tem tờ A4 chỉ in ra PDF hoặc qua một máy in văn phòng (giấy A4).',
    LABEL_SHEET_NOT_PRINTER_MEDIA:
      'Mẫu tờ A4 ({{width}}×{{height}} mm) cần máy in văn phòng, nhưng máy in «{{printer}}» đang cài cuộn tem {{mediaWidth}}×{{mediaHeight}} mm. Hãy chọn một máy in văn phòng (giấy A4).',
    LABEL_NOT_A4_SHEET:
      'Tem {{width}}×{{height}} mm là tem cuộn, nhưng «{{printer}}» là máy in văn phòng in giấy A4. Hãy chọn mẫu tờ A4 hoặc một máy in tem.',
    LABEL_SHEET_WINDOWS_RAW:
      'Máy in «{{printer}}» gửi lệnh in thẳng qua Windows, mà phần lớn máy in văn phòng không đọc được tờ A4 gửi kiểu này. Hãy sửa địa chỉ máy in thành driver:{{name}}.',
    LABEL_SHEET_RAW_PORT:
      'Máy in «{{printer}}» nối qua cổng mạng hoặc cổng máy in, không nhận được tờ A4. Hãy dùng địa chỉ driver:TÊN (máy in đã cài trên máy tính) hoặc cups:TÊN.',
    PAGE_PRINTER_URI:
      'Máy in văn phòng cần địa chỉ driver:TÊN (máy in đã cài trên máy tính), cups:TÊN hoặc file:TÊN-TỆP (ghi ra PDF).',
    PRINTER_URI_INVALID:
      'Địa chỉ máy in "{{uri}}" không đúng. Dùng tcp://IP:9100, cups:TÊN, windows:TÊN, driver:TÊN, một cổng máy in (file:/dev/usb/lp0, file:COM3) hoặc file:TÊN-TỆP (ghi vào thư mục "prints" của phần mềm).',
    PRINTER_URI_FORM:
      'Địa chỉ máy in không đúng. Dùng tcp://IP:9100, cups:TÊN, windows:TÊN, driver:TÊN, một cổng máy in (file:/dev/usb/lp0, file:COM3) hoặc file:TÊN-TỆP (ghi vào thư mục "prints" của phần mềm).',
    PRINTER_REFUSED: 'Máy in {{where}} từ chối kết nối. Hãy kiểm tra máy in đã bật và đúng địa chỉ IP.',
    PRINT_LOT_BLOCKED:
      'Không in: lô {{lot}} đã chuyển sang "{{state}}" trong lúc lệnh in chờ gửi. Nếu vẫn cần in, chủ cơ sở in lại và ghi lý do.',
    PRINTER_TIMEOUT:
      'Máy in {{where}} không trả lời (hết thời gian chờ). Hãy kiểm tra máy in đã bật, có giấy và cùng mạng.',
    PRINTER_HOST_UNKNOWN: 'Không tìm thấy máy in {{where}} trên mạng. Hãy kiểm tra địa chỉ.',
    PRINTER_UNREACHABLE: 'Không tới được máy in {{where}}. Hãy kiểm tra dây mạng / wifi.',
    PRINTER_DISCONNECTED: 'Máy in {{where}} ngắt kết nối giữa chừng (có thể hết giấy hoặc bị tắt).',
    PRINTER_IO: 'Lỗi khi gửi tới máy in {{where}}: {{detail}}',
    PRINTER_DEVICE_MISSING: 'Không thấy máy in ở cổng {{path}}. Hãy cắm lại dây USB và bật máy in.',
    PRINTER_DEVICE_ACCESS: 'Không mở được cổng máy in {{path}} (đang bận hoặc không có quyền).',
    PRINTER_NO_CUPS: 'Máy tính này không có hệ thống in CUPS (lệnh lp).',
    PRINTER_SPOOLER: 'Hệ thống in báo lỗi với máy in «{{name}}»: {{detail}}',
    PRINTER_NOT_INSTALLED: 'Không có máy in tên «{{name}}» trong Windows.',
    PRINTER_WINDOWS_ONLY: 'Địa chỉ windows: chỉ dùng được trên Windows.',
    PRINTER_DRIVER_UNAVAILABLE: 'In qua driver «{{name}}» chỉ có trong ứng dụng máy tính.',
    PRINTER_DRIVER_CANCELLED:
      'Lệnh in gửi máy in «{{name}}» đã bị huỷ (trên máy tính hoặc ở máy in). Tem chưa in; hãy in lại khi máy in sẵn sàng.',
    PRINTER_DRIVER_SETTINGS:
      'Máy in «{{name}}» không nhận khổ tem {{widthMm}}×{{heightMm}} mm. Hãy thêm khổ giấy này trong cài đặt máy in của Windows, hoặc chọn mẫu tem đúng khổ.',
    PRINTER_DRIVER_RAW: 'Máy in driver:{{name}} in ảnh tem, không nhận lệnh máy in.',
    PRINTER_NAME_TAKEN: 'Đã có máy in tên «{{name}}».',
    PRINT_JOB_DONE: 'Lệnh in #{{id}} đã in xong. Muốn in lại hãy chọn "In thêm lần nữa".',
    PRINT_JOB_BUSY: 'Lệnh in #{{id}} đang được gửi tới máy in.',
    PRINT_JOB_UNCERTAIN:
      'Lệnh in #{{id}} bị gián đoạn khi đang gửi, có thể đã in. Muốn in lại hãy chọn "In thêm lần nữa".',
    PRINT_JOB_CANCELLED: 'Lệnh in #{{id}} đã huỷ.',
    PRINT_INTERRUPTED: 'Việc gửi tới máy in bị gián đoạn (ứng dụng tắt giữa chừng).',
  },
  { template: 'mẫu tem', printer: 'máy in', copies: 'số tem', uri: 'địa chỉ máy in', dpi: 'độ phân giải' },
  { label_template: 'mẫu tem', printer: 'máy in', print_job: 'lệnh in' },
);

registerMessages(
  'en',
  {
    LABEL_ELEMENT_OUTSIDE: 'Element «{{element}}» is outside the label ({{width}}×{{height}} mm). Move it inside.',
    LABEL_SHEET_TOO_BIG: 'A {{cols}}×{{rows}} layout does not fit an A4 sheet. Reduce the margins or gaps.',
    LABEL_TEXT_DOES_NOT_FIT:
      'The text in «{{element}}» is too long: even at size {{min}} it does not fit (the box needs about {{needMm}} mm of height). Enlarge the box or shorten the text.',
    LABEL_MANDATORY_TEXT_CUT:
      'Box «{{element}}» is too small for {{field}}: the text is cut, so the label would lack a Decree 43 mandatory item and is not printed. The box needs about {{needMm}} mm of height at size {{min}}: make the box taller or wider, shorten the text, or choose a larger template.',
    LABEL_BARCODE_TOO_SMALL_BOX:
      'Barcode «{{element}}» does not fit its box: at GS1 size (module {{x}} mm = {{dots}} dots at {{dpi}} dpi) it needs at least {{needW}} × {{needH}} mm. Enlarge the box or use a larger label.',
    LABEL_BARCODE_NO_DOT_SIZE:
      'A {{dpi}} dpi printer cannot print barcode «{{element}}» at GS1 size (no whole number of dots is inside the allowed range).',
    LABEL_BARCODE_INVALID: 'Barcode «{{element}}» could not be made: {{detail}}',
    LABEL_BARCODE_EMPTY: 'Barcode «{{element}}» has no data.',
    LABEL_CODE128_CHARS: 'Code 128 barcode «{{element}}» carries plain letters only. Use a QR code for accented text.',
    LABEL_EAN13_FORMAT: 'This product code cannot be printed as an EAN-13 barcode (it needs a GTIN-13).',
    LABEL_NO_GTIN:
      'The product has no GTIN, so barcode «{{element}}» cannot be printed. Enter the GTIN or remove this barcode from the template.',
    LABEL_FIELD_MISSING:
      '{{field}} is missing — Decree 43/2017 requires it on the label. Add it to the product or lot.',
    LABEL_FIELD_NOT_ON_TEMPLATE:
      'The template does not show {{field}} — Decree 43/2017 requires it. Add it to the template.',
    LABEL_EXPIRY_BEFORE_PRODUCTION: 'The expiry date ({{hsd}}) is before the production date ({{nsx}}).',
    SSCC_FORMAT: 'An SSCC has exactly 18 digits.',
    SSCC_CHECK_DIGIT: 'The SSCC check digit is wrong (the last digit should be {{expected}}). Check the SSCC.',
    SSCC_NO_PREFIX:
      'No GS1 company prefix is set, so the app cannot make an SSCC. Enter the GS1 company prefix in the business details, or type an existing SSCC.',
    SSCC_SERIALS_USED_UP:
      'Every SSCC with company prefix {{prefix}} and extension digit {{extension}} has been used. Choose another extension digit.',
    LABEL_NO_SSCC:
      'A carton label needs an SSCC (GS1 carton code) for barcode «{{element}}». Give one or let the app make one.',
    LABEL_BARCODE_DATA_MISSING: 'Barcode «{{element}}» needs {{field}}, which the lot does not have.',
    LABEL_SIZE_NOT_PRINTER_MEDIA:
      'The label is {{width}}×{{height}} mm but printer «{{printer}}» is set up for {{mediaWidth}}×{{mediaHeight}} mm labels. Choose a template of that size or change the label size in the printer settings.',
    LABEL_LOT_HELD: 'Lot «{{code}}» is {{status}}. Only the owner may print its labels, after confirming.',
    LABEL_IMAGE_UNREADABLE: 'Image «{{element}}» cannot be read (PNG or JPEG only).',
    LABEL_QR_NO_DOMAIN:
      'The product has no GTIN: the QR code carries the trace code only. Set a trace page address in the label settings.',
    LABEL_CHECK_FAILED: 'The label cannot be printed yet: {{first}}',
    LABEL_TOO_WIDE_FOR_PRINTER:
      'The label is {{width}} mm wide, wider than the print head of «{{printer}}» ({{head}} mm).',
    LABEL_NO_LABEL_DATA: 'Lot "{{code}}" has no label data.',
    LABEL_TEMPLATE_NOT_FOUND: 'No label template "{{name}}". Templates: {{choices}}.',
    LABEL_TEMPLATE_BUILT_IN: 'Built-in templates cannot be changed; save it as a new template.',
    LABEL_NO_SOURCE: 'Choose a lot to print labels for.',
    LABEL_SHEET_NEEDS_PDF: 'A4 sheet templates print to PDF or through an office printer (A4 paper) only.',
    LABEL_SHEET_NOT_PRINTER_MEDIA:
      'An A4 sheet ({{width}}×{{height}} mm) needs an office printer, but printer «{{printer}}» is set up for {{mediaWidth}}×{{mediaHeight}} mm labels on a roll. Choose an office printer (A4 paper).',
    LABEL_NOT_A4_SHEET:
      'The label is {{width}}×{{height}} mm, a roll label, but «{{printer}}» is an office printer for A4 paper. Choose an A4 sheet template or a label printer.',
    LABEL_SHEET_WINDOWS_RAW:
      'Printer «{{printer}}» sends raw print jobs through Windows, which most office printers cannot read as an A4 page. Change the printer address to driver:{{name}}.',
    LABEL_SHEET_RAW_PORT:
      'Printer «{{printer}}» is on a network or printer port, which cannot take an A4 page. Use driver:NAME (a printer installed on this computer) or cups:NAME.',
    PAGE_PRINTER_URI:
      'An office printer needs the address driver:NAME (a printer installed on this computer), cups:NAME or file:FILENAME (written as a PDF).',
    PRINTER_URI_INVALID:
      'Printer address "{{uri}}" is not valid. Use tcp://IP:9100, cups:NAME, windows:NAME, driver:NAME, a printer port (file:/dev/usb/lp0, file:COM3) or file:FILENAME (written to the app\'s "prints" folder).',
    PRINTER_URI_FORM:
      'The printer address is not valid. Use tcp://IP:9100, cups:NAME, windows:NAME, driver:NAME, a printer port (file:/dev/usb/lp0, file:COM3) or file:FILENAME (written to the app\'s "prints" folder).',
    PRINTER_REFUSED: 'Printer {{where}} refused the connection. Check it is on and the IP address is right.',
    PRINT_LOT_BLOCKED:
      'Not printed: lot {{lot}} became "{{state}}" while the job waited to be sent. If it must print, the owner prints again with a reason.',
    PRINTER_TIMEOUT:
      'Printer {{where}} does not answer (timed out). Check it is on, has paper and is on the same network.',
    PRINTER_HOST_UNKNOWN: 'Printer {{where}} cannot be found on the network. Check the address.',
    PRINTER_UNREACHABLE: 'Printer {{where}} cannot be reached. Check the cable / wifi.',
    PRINTER_DISCONNECTED: 'Printer {{where}} disconnected during the job (out of paper or switched off?).',
    PRINTER_IO: 'Error sending to printer {{where}}: {{detail}}',
    PRINTER_DEVICE_MISSING: 'No printer at port {{path}}. Plug the USB cable back in and switch the printer on.',
    PRINTER_DEVICE_ACCESS: 'Printer port {{path}} cannot be opened (busy or no permission).',
    PRINTER_NO_CUPS: 'This computer has no CUPS printing system (lp command).',
    PRINTER_SPOOLER: 'The print system reported an error for «{{name}}»: {{detail}}',
    PRINTER_NOT_INSTALLED: 'No printer named «{{name}}» is installed in Windows.',
    PRINTER_WINDOWS_ONLY: 'windows: printer addresses work on Windows only.',
    PRINTER_DRIVER_UNAVAILABLE: 'Printing through the driver «{{name}}» is only available in the desktop app.',
    PRINTER_DRIVER_CANCELLED:
      'The print job sent to «{{name}}» was cancelled (on the PC or at the printer). Nothing printed; print again when the printer is ready.',
    PRINTER_DRIVER_SETTINGS:
      'The printer «{{name}}» does not accept a {{widthMm}}×{{heightMm}} mm label. Add this paper size in the Windows printer settings, or choose a template of the right size.',
    PRINTER_DRIVER_RAW: 'Printer driver:{{name}} prints label images, not printer commands.',
    PRINTER_NAME_TAKEN: 'A printer named «{{name}}» already exists.',
    PRINT_JOB_DONE: 'Print job #{{id}} has already printed. To print it again choose "Print again".',
    PRINT_JOB_BUSY: 'Print job #{{id}} is being sent to the printer.',
    PRINT_JOB_UNCERTAIN:
      'Print job #{{id}} was interrupted while sending and may have printed. To print it again choose "Print again".',
    PRINT_JOB_CANCELLED: 'Print job #{{id}} was cancelled.',
    PRINT_INTERRUPTED: 'Sending to the printer was interrupted (the app closed during the job).',
  },
  { template: 'template', printer: 'printer', copies: 'copies', uri: 'printer address', dpi: 'resolution' },
  { label_template: 'label template', printer: 'printer', print_job: 'print job' },
);
