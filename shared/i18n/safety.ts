// Words for refusals that keep the records and the PC safe: hostile text, impossible dates, paths,
// a LAN bind without an owner PIN, a database kept busy by another program.
import { registerMessages } from './messages';

registerMessages('vi', {
  TEXT_NOT_VISIBLE: 'Cần ít nhất một chữ hoặc số nhìn thấy được.',
  TEXT_BAD_CHARS: 'Có ký tự không hợp lệ (ký tự điều khiển hoặc ký tự lỗi). Hãy gõ lại.',
  DATE_OUT_OF_RANGE: 'Ngày phải trong khoảng {{min}} đến {{max}}.',
  BACKUP_NAME_INVALID: 'Hãy chọn một bản sao lưu trong danh sách.',
  FILE_TOO_LARGE: 'Tệp quá lớn.',
  LAN_NEEDS_OWNER_PIN:
    'Chưa mở cho mạng nội bộ ({{host}}) được: hãy đặt mã PIN cho chủ cơ sở trước (mở phần mềm trên máy này, hoặc chạy "nguongoc serve" không có --host), để người khác trong mạng không dùng được quyền chủ cơ sở.',
  DB_BUSY:
    'Dữ liệu đang bận vì một việc khác đang ghi (ví dụ nhập tệp lớn). Chưa có gì bị thay đổi. Hãy thử lại sau ít phút.',
});

registerMessages('en', {
  TEXT_NOT_VISIBLE: 'Needs at least one visible letter or digit.',
  TEXT_BAD_CHARS: 'Contains characters that are not allowed (control or broken characters). Please type it again.',
  DATE_OUT_OF_RANGE: 'The date must be between {{min}} and {{max}}.',
  BACKUP_NAME_INVALID: 'Choose a backup from the list.',
  FILE_TOO_LARGE: 'The file is too large.',
  LAN_NEEDS_OWNER_PIN:
    'Cannot open to the local network ({{host}}) yet: set the owner\'s PIN first (open the app on this PC, or run "nguongoc serve" without --host), so others on the network cannot act as the owner.',
  DB_BUSY:
    'The data is busy because another task is writing (a large import, for example). Nothing was changed. Please try again in a few minutes.',
});
