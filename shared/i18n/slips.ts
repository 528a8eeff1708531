// Words of delivery slips (registered with the core's dictionaries).
import { registerMessages } from './messages';

registerMessages(
  'vi',
  {
    SLIP_NOT_RECEIPT_PRINTER:
      'Máy in «{{printer}}» là máy in tem, không phải máy in hoá đơn. Hãy chọn máy in hoá đơn (khổ 58 hoặc 80 mm) hoặc sửa loại máy in trong cài đặt.',
    SLIP_LINE_CODE: 'Dòng {{line}} ({{product}}) không tạo được mã GS1 để quét: {{detail}}',
    SLIP_EMPTY: 'Phiếu xuất này không còn dòng hàng nào để in.',
    RECEIPT_PRINTER_LANGUAGE: 'Máy in hoá đơn dùng lệnh ESC/POS (hoặc trình điều khiển của máy).',
  },
  {
    paperWidthMm: 'Khổ giấy',
  },
);
registerMessages(
  'en',
  {
    SLIP_NOT_RECEIPT_PRINTER:
      'Printer «{{printer}}» is a label printer, not a receipt printer. Choose a receipt printer (58 or 80 mm paper) or change the printer type in the settings.',
    SLIP_LINE_CODE: 'Line {{line}} ({{product}}) cannot get a GS1 code to scan: {{detail}}',
    SLIP_EMPTY: 'This shipment has no lines left to print.',
    RECEIPT_PRINTER_LANGUAGE: 'A receipt printer takes ESC/POS commands (or its own driver).',
  },
  {
    paperWidthMm: 'Paper width',
  },
);
