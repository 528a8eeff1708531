import type { English } from './index';
export const vi = {
  title: 'Bắt đầu dùng Nguồn Gốc',
  intro: 'Chỉ 3 bước ngắn. Bạn có thể sửa lại mọi thông tin sau, trong mục Danh mục.',
  steps: {
    business: 'Doanh nghiệp',
    location: 'Địa điểm đầu tiên',
    product: 'Sản phẩm đầu tiên',
  },
  businessHelp: 'Tên và mã số thuế của cơ sở, như trên giấy phép kinh doanh.',
  locationHelp: 'Nơi bạn sản xuất, cất hàng hoặc bán hàng. Thêm các nơi khác sau.',
  productHelp: 'Một sản phẩm bạn làm ra hoặc một nguyên liệu bạn mua vào. Thêm các món khác sau.',
  saveNext: 'Lưu và tiếp tục',
  finish: 'Lưu và bắt đầu',
  doneTitle: 'Xong! Mọi thứ đã sẵn sàng.',
};
export const en: English<typeof vi> = {
  title: 'Getting started with Nguồn Gốc',
  intro: 'Just 3 short steps. You can change everything later under Catalogue.',
  steps: {
    business: 'Business',
    location: 'First location',
    product: 'First product',
  },
  businessHelp: 'Your business name and tax code, as on your business licence.',
  locationHelp: 'Where you make, store or sell goods. Add other places later.',
  productHelp: 'A product you make or a material you buy. Add others later.',
  saveNext: 'Save and continue',
  finish: 'Save and start',
  doneTitle: 'Done! Everything is ready.',
};
