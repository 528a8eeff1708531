import type { English } from './index';
export const vi = {
  title: 'Trang chủ',
  welcome: 'Chào {{name}}!',
  welcomeNoName: 'Chào bạn!',
  intro: 'Đây là sổ ghi chép nguồn gốc hàng hoá của cơ sở. Chọn việc cần làm ở menu bên trái hoặc bấm nhanh dưới đây.',
  counts: 'Danh mục',
  products: 'Sản phẩm',
  partners: 'Đối tác',
  locations: 'Địa điểm',
  quickLinks: 'Làm nhanh',
  addProduct: 'Thêm sản phẩm',
  addPartner: 'Thêm nhà cung cấp / khách hàng',
  addLocation: 'Thêm địa điểm',
  editBusiness: 'Sửa thông tin doanh nghiệp',
};
export const en: English<typeof vi> = {
  title: 'Home',
  welcome: 'Hello, {{name}}!',
  welcomeNoName: 'Hello!',
  intro:
    'This is your book of where your goods come from and go to. Pick a task in the menu on the left or use a shortcut below.',
  counts: 'Catalogue',
  products: 'Products',
  partners: 'Partners',
  locations: 'Locations',
  quickLinks: 'Shortcuts',
  addProduct: 'Add a product',
  addPartner: 'Add a supplier / customer',
  addLocation: 'Add a location',
  editBusiness: 'Edit business details',
};
