// Words of the Excel/CSV import.
import { registerMessages } from './messages';

registerMessages(
  'vi',
  {
    IMPORT_NOT_CLEAN: 'Tệp còn {{count}} dòng lỗi nên chưa nhập gì. Hãy sửa tệp, hoặc chọn "chỉ nhập các dòng đúng".',
    IMPORT_FILE_UNREADABLE: 'Không đọc được tệp "{{file}}". Hãy dùng tệp Excel (.xlsx) hoặc CSV theo mẫu.',
    IMPORT_NO_ROWS: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',
    IMPORT_TOO_MANY_ROWS: 'Tệp có {{rows}} dòng, nhiều hơn mức {{max}} dòng một lần nhập. Hãy chia thành nhiều tệp.',
    IMPORT_MISSING_COLUMN: 'Thiếu cột "{{column}}". Hãy tải tệp mẫu và giữ nguyên dòng tiêu đề.',
    IMPORT_UNKNOWN_COLUMN: 'Cột "{{column}}" không có trong mẫu nên bị bỏ qua.',
    IMPORT_FORMULA: 'Ô có công thức chưa tính ra giá trị. Hãy dán giá trị (Paste Values) thay cho công thức.',
    IMPORT_DATE: 'Ngày "{{value}}" không đọc được. Hãy ghi ngày/tháng/năm, ví dụ 29/11/2026.',
    IMPORT_NUMBER: 'Số "{{value}}" không đọc được.',
    IMPORT_DUPLICATE_IN_FILE: 'Trùng với dòng {{other}} trong tệp ("{{value}}").',
    IMPORT_UNKNOWN_REF: 'Không tìm thấy {{entity}} "{{value}}".',
    IMPORT_CHOICE: 'Giá trị "{{value}}" không hợp lệ; chọn một trong: {{choices}}.',
  },
  { row: 'Dòng', column: 'Cột' },
);

registerMessages(
  'en',
  {
    IMPORT_NOT_CLEAN:
      'Rows with problems: {{count}}, so nothing was imported. Fix the file, or choose "import valid rows only".',
    IMPORT_FILE_UNREADABLE:
      'Could not read the file "{{file}}". Use an Excel (.xlsx) or CSV file made from the template.',
    IMPORT_NO_ROWS: 'The file has no data rows below the header row.',
    IMPORT_TOO_MANY_ROWS:
      'The file has {{rows}} rows, more than the {{max}} rows allowed in one import. Split it into several files.',
    IMPORT_MISSING_COLUMN: 'The column "{{column}}" is missing. Download the template and keep its header row.',
    IMPORT_UNKNOWN_COLUMN: 'The column "{{column}}" is not in the template and is ignored.',
    IMPORT_FORMULA: 'The cell holds a formula without a computed value. Paste values instead of formulas.',
    IMPORT_DATE: 'The date "{{value}}" cannot be read. Write day/month/year, e.g. 29/11/2026.',
    IMPORT_NUMBER: 'The number "{{value}}" cannot be read.',
    IMPORT_DUPLICATE_IN_FILE: 'Same as row {{other}} of the file ("{{value}}").',
    IMPORT_UNKNOWN_REF: '{{entity}} "{{value}}" not found.',
    IMPORT_CHOICE: 'The value "{{value}}" is not allowed; choose one of: {{choices}}.',
  },
  { row: 'Row', column: 'Column' },
);
