// Words of sync, portals and exports (Vietnamese first, English).
import { registerMessages, type Lang } from './messages';

registerMessages('vi', {
  PORTAL_NOT_SET: 'Chưa cài đặt cổng truy xuất nguồn gốc. Hãy nhập địa chỉ cổng trong màn hình Đồng bộ.',
  PORTAL_URL_INVALID: 'Địa chỉ cổng "{{url}}" không đúng. Địa chỉ phải bắt đầu bằng http:// hoặc https://',
  PORTAL_UNREACHABLE:
    'Không kết nối được tới cổng ({{url}}). Kiểm tra mạng Internet và địa chỉ cổng. Chi tiết: {{detail}}',
  PORTAL_TIMEOUT: 'Cổng không trả lời kịp ({{detail}}). Mạng chậm hoặc cổng đang quá tải; ứng dụng sẽ thử lại.',
  PORTAL_BAD_CREDENTIALS:
    'Cổng từ chối đăng nhập: mã truy cập, mật khẩu hoặc client secret không đúng (hoặc đã hết hạn). Hãy kiểm tra lại thông tin đăng nhập.',
  PORTAL_AUTH_INCOMPLETE: 'Thiếu thông tin đăng nhập OAuth2: cần địa chỉ lấy token, client id và client secret.',
  PORTAL_TOKEN_BAD_ANSWER: 'Máy chủ cấp token trả lời không đúng (mã {{status}}). Hãy kiểm tra địa chỉ lấy token.',
  PORTAL_FORBIDDEN:
    'Tài khoản đăng nhập được nhưng không có quyền gửi dữ liệu lên cổng. Hãy đề nghị quản trị cổng cấp quyền (hồ sơ doanh nghiệp có thể chưa được duyệt).',
  PORTAL_NOT_EPCIS: 'Địa chỉ {{url}} không phải cổng nhận dữ liệu EPCIS (không có /capture). Hãy kiểm tra lại địa chỉ.',
  PORTAL_NOT_HANOICHECK:
    'Địa chỉ {{url}} không phải cổng HanoiCheck dành cho nhà cung cấp (không có /api/supplier). Hãy kiểm tra lại địa chỉ.',
  PORTAL_VERSION:
    'Cổng dùng phiên bản khác ({{version}}), không phải EPCIS 2.0. Ứng dụng chưa gửi được tới cổng này; hãy dùng "Xuất gói tệp".',
  PORTAL_MEDIA_TYPE:
    'Cổng không nhận kiểu dữ liệu {{sent}} (mã {{status}}, cổng nhận: {{accept}}; cổng báo: {{title}}). Ứng dụng đã thử cả application/ld+json và application/json; hãy báo quản trị cổng.',
  PORTAL_VERSION_REFUSED:
    'Cổng từ chối yêu cầu EPCIS 2.0 (mã {{status}}, cổng báo phiên bản {{version}}: {{title}}). Hãy báo quản trị cổng hoặc dùng "Xuất gói tệp".',
  PORTAL_TOO_LARGE:
    'Cổng báo gói dữ liệu quá lớn (mã {{status}}, tối đa {{limit}} sự kiện, {{sizeLimit}} byte; cổng báo: {{title}}); ứng dụng sẽ chia nhỏ và gửi lại.',
  PORTAL_BUSY: 'Cổng đang bận (mã {{status}}); ứng dụng sẽ đợi rồi gửi lại.',
  PORTAL_SERVER_ERROR: 'Cổng đang gặp lỗi (mã {{status}}); ứng dụng sẽ thử lại sau.',
  PORTAL_REJECTED_DOCUMENT: 'Cổng từ chối dữ liệu gửi lên.',
  PORTAL_UNEXPECTED: 'Cổng trả lời bất thường (mã {{status}}; cổng báo: {{title}}).',
  PORTAL_JOB_SLOW: 'Cổng xử lý quá lâu; ứng dụng sẽ kiểm tra lại ở lần đồng bộ sau.',
  PORTAL_GAVE_UP: 'Chưa gửi được sau nhiều lần thử: {{detail}} Dữ liệu vẫn được giữ và sẽ gửi ở lần đồng bộ sau.',
  PORTAL_AUTH_STOPPED:
    'Đã dừng đồng bộ: cổng vẫn từ chối đăng nhập sau khi đăng nhập lại. Hãy kiểm tra thông tin đăng nhập trong cài đặt cổng.',
  SECRET_UNREADABLE:
    'Không mở được thông tin đăng nhập đã lưu (khoá mã hoá trên máy này đã thay đổi). Hãy nhập lại thông tin đăng nhập cổng.',
  SECRET_KEY_DESKTOP:
    'Thông tin đăng nhập cổng được Windows khoá riêng cho ứng dụng Nguồn Gốc trên máy này; dòng lệnh không mở được. Hãy đồng bộ hoặc sửa cài đặt cổng trong ứng dụng.',
  SYNC_RUNNING: 'Đang đồng bộ. Hãy đợi lần này xong.',
  SYNC_JOB_UNKNOWN: 'Không tìm thấy lượt đồng bộ này (có thể ứng dụng đã khởi động lại).',
  EXPORT_LOT_UNKNOWN: 'Không có lô nào mã "{{code}}".',
  EXPORT_INVALID_EPCIS:
    'Tài liệu EPCIS tạo ra không đúng lược đồ GS1 ({{detail}}). Đây là lỗi của ứng dụng, hãy báo cho nhà cung cấp.',
  EXPORT_FILTER: 'Hãy chọn khoảng ngày (từ – đến) hoặc danh sách lô, không chọn cả hai.',
});
registerMessages('en', {
  PORTAL_NOT_SET: 'No traceability portal is set up. Enter the portal address on the Sync screen.',
  PORTAL_URL_INVALID: 'The portal address "{{url}}" is not valid. It must start with http:// or https://',
  PORTAL_UNREACHABLE:
    'Cannot reach the portal ({{url}}). Check the Internet connection and the address. Details: {{detail}}',
  PORTAL_TIMEOUT: 'The portal did not answer in time ({{detail}}). The app will retry.',
  PORTAL_BAD_CREDENTIALS: 'The portal refused the login: wrong (or expired) token, password or client secret.',
  PORTAL_AUTH_INCOMPLETE: 'OAuth2 login needs the token URL, the client id and the client secret.',
  PORTAL_TOKEN_BAD_ANSWER: 'The token server gave an unexpected answer (status {{status}}). Check the token URL.',
  PORTAL_FORBIDDEN:
    'The login works but the account may not send data to the portal. Ask the portal administrator for the permission (the business profile may not be approved yet).',
  PORTAL_NOT_EPCIS: '{{url}} is not an EPCIS capture interface (no /capture). Check the address.',
  PORTAL_NOT_HANOICHECK: '{{url}} is not the HanoiCheck supplier API (no /api/supplier). Check the address.',
  PORTAL_VERSION: 'The portal speaks another version ({{version}}), not EPCIS 2.0. Use "Export file package" instead.',
  PORTAL_MEDIA_TYPE:
    'The portal does not take {{sent}} (status {{status}}, it accepts: {{accept}}; it says: {{title}}). The app tried both application/ld+json and application/json; tell the portal administrator.',
  PORTAL_VERSION_REFUSED:
    'The portal refused the EPCIS 2.0 request (status {{status}}, it announces version {{version}}: {{title}}). Tell the portal administrator or use "Export file package".',
  PORTAL_TOO_LARGE:
    'The portal says the upload is too large (status {{status}}, at most {{limit}} events, {{sizeLimit}} bytes; it says: {{title}}); the app splits it and sends again.',
  PORTAL_BUSY: 'The portal is busy (status {{status}}); the app waits and sends again.',
  PORTAL_SERVER_ERROR: 'The portal has an error (status {{status}}); the app will retry later.',
  PORTAL_REJECTED_DOCUMENT: 'The portal refused the data.',
  PORTAL_UNEXPECTED: 'Unexpected answer from the portal (status {{status}}; it says: {{title}}).',
  PORTAL_JOB_SLOW: 'The portal is taking too long; the app checks again at the next sync.',
  PORTAL_GAVE_UP: 'Not sent after several tries: {{detail}} Nothing is lost; the next sync sends it.',
  PORTAL_AUTH_STOPPED:
    'Sync stopped: the portal still refuses the login after logging in again. Check the portal login settings.',
  SECRET_UNREADABLE:
    'The saved portal login cannot be opened on this machine (the encryption key changed). Enter the login again.',
  SECRET_KEY_DESKTOP:
    'The portal login is locked by the operating system for the Nguồn Gốc desktop app on this PC; the command line cannot open it. Sync or change the portal settings in the app.',
  SYNC_RUNNING: 'A sync is running. Wait for it to finish.',
  SYNC_JOB_UNKNOWN: 'This sync job is unknown (the app may have restarted).',
  EXPORT_LOT_UNKNOWN: 'No lot has the code "{{code}}".',
  EXPORT_INVALID_EPCIS:
    'The EPCIS document does not match the GS1 schema ({{detail}}). This is a bug; please report it.',
  EXPORT_FILTER: 'Choose a date range or a list of lots, not both.',
});

/** A portal's refusal of one event (RFC 7807 problem) in words for the shop owner, keeping the portal's detail. */
export function portalReason(type: string, title: string, detail: string): { vi: string; en: string } {
  const t = `${type} ${title}`.toLowerCase();
  const d = detail || title || type;
  if (t.includes('validation'))
    return { vi: `Cổng báo dữ liệu sự kiện không hợp lệ: ${d}`, en: `The portal says the event data is invalid: ${d}` };
  if (t.includes('permission') || t.includes('forbidden'))
    return { vi: `Cổng không cho phép gửi sự kiện này: ${d}`, en: `The portal does not allow this event: ${d}` };
  if (t.includes('product') || t.includes('gtin'))
    return {
      vi: `Cổng chưa nhận sản phẩm của sự kiện này (cần đăng ký sản phẩm/GTIN trên cổng trước): ${d}`,
      en: `The portal does not know this event's product (register it first): ${d}`,
    };
  return { vi: `Cổng từ chối sự kiện: ${d}`, en: `The portal refused the event: ${d}` };
}

export function syncWord(lang: Lang, vi: string, en: string): string {
  return lang === 'en' ? en : vi;
}
