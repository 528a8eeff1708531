// Words of publishing the consumer pages (Vietnamese first, English).
import { registerMessages } from './messages';

registerMessages('vi', {
  PUBLISH_NO_BUSINESS: 'Chưa có thông tin doanh nghiệp. Hãy nhập tên, địa chỉ và mã số thuế trước khi công bố.',
  PUBLISH_DIR_NOT_SITE:
    'Thư mục {{dir}} đã có tệp khác, không phải trang do ứng dụng tạo. Hãy chọn một thư mục trống để không ghi đè lên tệp của bạn.',
});

registerMessages('en', {
  PUBLISH_NO_BUSINESS: 'The business profile is missing. Enter its name, address and tax code before publishing.',
  PUBLISH_DIR_NOT_SITE:
    'The folder {{dir}} holds other files, not a site made by the app. Choose an empty folder so none of your files is overwritten.',
});
