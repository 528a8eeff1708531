// Words of the trust features: login and users, permissions, backups and restore, workshop mode.
import { registerMessages } from './messages';

registerMessages(
  'vi',
  {
    PIN_FORMAT: 'Mã PIN gồm 4 đến 8 chữ số.',
    LOGIN_REQUIRED: 'Hãy chọn người dùng và nhập mã PIN để đăng nhập.',
    SESSION_EXPIRED: 'Phiên làm việc đã hết hạn. Hãy đăng nhập lại.',
    WRONG_PIN: 'Mã PIN không đúng. Còn {{left}} lần thử trước khi bị khoá tạm.',
    USER_LOCKED:
      'Nhập sai mã PIN nhiều lần nên tài khoản bị khoá tạm. Hãy thử lại sau {{seconds}} giây, hoặc nhờ chủ cơ sở đặt lại mã PIN.',
    USER_DISABLED: 'Người dùng này đã bị ngừng sử dụng.',
    USERS_ALREADY_SET_UP: 'Đã có chủ cơ sở. Hãy đăng nhập bằng mã PIN.',
    WRONG_RECOVERY_CODE: 'Mã khôi phục không đúng hoặc đã dùng rồi.',
    LAST_OWNER: 'Phải còn ít nhất một chủ cơ sở đang hoạt động.',
    FORBIDDEN_ROLE: 'Chỉ {{roles}} mới được {{action}}. Hãy nhờ {{roles}}, hoặc đổi người dùng.',
    TRAINER_REAL_DB:
      'Người đào tạo chỉ được {{action}} trong cơ sở dữ liệu đào tạo. Ở dữ liệu thật, hãy nhờ {{roles}}, hoặc đổi người dùng.',
    NOT_WORKSHOP: 'Đây không phải cơ sở dữ liệu đào tạo; chức năng này chỉ dùng khi đào tạo.',
    BACKUP_NOT_OURS: 'Tệp "{{file}}" không phải bản sao lưu của Nguồn Gốc.',
    BACKUP_DAMAGED: 'Bản sao lưu "{{file}}" bị hỏng, không dùng được: {{detail}}',
    BACKUP_TOO_NEW:
      'Bản sao lưu "{{file}}" được tạo bởi phiên bản mới hơn ({{found}}). Hãy cập nhật phần mềm trước khi khôi phục.',
    BACKUP_FILE_MISSING: 'Không tìm thấy tệp "{{file}}".',
    BACKUP_SCHEMA_DIFFERS:
      'Bản sao lưu "{{file}}" có cấu trúc dữ liệu khác với phiên bản phần mềm này (có thể đã bị sửa bằng chương trình khác), nên không khôi phục được. Dữ liệu hiện tại chưa bị thay đổi.',
    BACKUP_BROKEN_LINKS:
      'Bản sao lưu "{{file}}" có {{count}} chỗ trỏ tới dữ liệu không có trong bản sao, nên không khôi phục được. Dữ liệu hiện tại chưa bị thay đổi.',
    BACKUP_FAILED: 'Không sao lưu được vào "{{file}}": {{detail}}',
    RESTORE_IN_MEMORY: 'Cơ sở dữ liệu tạm (trong bộ nhớ) không khôi phục được.',
    DB_DAMAGED:
      'Tệp dữ liệu "{{path}}" bị hỏng nên chưa mở được ({{detail}}). Phần mềm chưa thay đổi gì. Bản sao lưu tốt gần nhất là "{{file}}" ({{at}}). Hãy bấm "Khôi phục" hoặc chạy: nguongoc restore --db "{{path}}" --from "{{file}}"',
    DB_DAMAGED_NO_BACKUP:
      'Tệp dữ liệu "{{path}}" bị hỏng nên chưa mở được ({{detail}}). Phần mềm chưa thay đổi gì. Không có bản sao lưu nào trong thư mục "{{folder}}"; hãy tìm bản sao trên USB hoặc liên hệ hỗ trợ.',
    DB_CHECKING: 'Phần mềm đang kiểm tra tệp dữ liệu. Chưa có gì bị thay đổi. Hãy thử lại sau ít giây.',
  },
  {
    pin: 'Mã PIN',
    newPin: 'Mã PIN mới',
    oldPin: 'Mã PIN cũ',
    role: 'Vai trò',
    userId: 'Người dùng',
    file: 'Tệp',
    folder: 'Thư mục',
  },
  { user: 'người dùng', backup: 'bản sao lưu' },
);

registerMessages(
  'en',
  {
    PIN_FORMAT: 'A PIN has 4 to 8 digits.',
    LOGIN_REQUIRED: 'Choose your name and enter your PIN to sign in.',
    SESSION_EXPIRED: 'Your session has ended. Please sign in again.',
    WRONG_PIN: 'Wrong PIN. {{left}} tries left before a temporary lock.',
    USER_LOCKED:
      'Too many wrong PINs, so this user is locked for now. Try again in {{seconds}} seconds, or ask the owner to set a new PIN.',
    USER_DISABLED: 'This user has been disabled.',
    USERS_ALREADY_SET_UP: 'The owner is already set up. Please sign in with your PIN.',
    WRONG_RECOVERY_CODE: 'The recovery code is wrong or has been used.',
    LAST_OWNER: 'At least one active owner must remain.',
    FORBIDDEN_ROLE: 'Only {{roles}} may {{action}}. Ask {{roles}}, or switch user.',
    TRAINER_REAL_DB:
      'A trainer may {{action}} only in the training database. With the real data, ask {{roles}}, or switch user.',
    NOT_WORKSHOP: 'This is not the training database; this function is for workshops only.',
    BACKUP_NOT_OURS: 'The file "{{file}}" is not a Nguồn Gốc backup.',
    BACKUP_DAMAGED: 'The backup "{{file}}" is damaged and cannot be used: {{detail}}',
    BACKUP_TOO_NEW:
      'The backup "{{file}}" was made by a newer version ({{found}}). Update the program before restoring it.',
    BACKUP_FILE_MISSING: 'The file "{{file}}" was not found.',
    BACKUP_SCHEMA_DIFFERS:
      'The backup "{{file}}" has a different data structure from this version of the app (it may have been changed by another program), so it cannot be restored. Your current data has not been changed.',
    BACKUP_BROKEN_LINKS:
      'The backup "{{file}}" refers to data that is not in the copy (missing: {{count}}), so it cannot be restored. Your current data has not been changed.',
    BACKUP_FAILED: 'Could not back up to "{{file}}": {{detail}}',
    RESTORE_IN_MEMORY: 'A temporary in-memory database cannot be restored.',
    DB_DAMAGED:
      'The data file "{{path}}" is damaged and was not opened ({{detail}}). Nothing has been changed. The latest good backup is "{{file}}" ({{at}}). Click "Restore" or run: nguongoc restore --db "{{path}}" --from "{{file}}"',
    DB_DAMAGED_NO_BACKUP:
      'The data file "{{path}}" is damaged and was not opened ({{detail}}). Nothing has been changed. There is no backup in the folder "{{folder}}"; look for a copy on a USB stick or contact support.',
    DB_CHECKING: 'The program is checking the data file. Nothing has been changed. Please try again in a few seconds.',
  },
  { pin: 'PIN', newPin: 'New PIN', oldPin: 'Old PIN', role: 'Role', userId: 'User', file: 'File', folder: 'Folder' },
  { user: 'user', backup: 'backup' },
);
