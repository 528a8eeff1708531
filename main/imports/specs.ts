// The columns of each import template: Vietnamese header (what the template shows), the API field it
// fills, how the cell is read, and an example row. Headers are matched without accents or case, so
// "Ma san pham" and "MÃ SẢN PHẨM" both work; English keys are accepted too.
import { UNITS } from '../../shared/domain/units';
import type { ImportKind } from '../../shared/api/imports';

export type ColumnType = 'text' | 'number' | 'int' | 'date' | 'choice' | 'unit';
export type ColumnSpec = {
  key: string;
  vi: string;
  en: string;
  required?: boolean;
  type: ColumnType;
  /** choice: words in the file (folded) → API value. */
  choices?: Record<string, string>;
  example: string | number;
  help: string;
};

export const PRODUCT_KINDS_VI: Record<string, string> = {
  'nguyen lieu': 'raw',
  'ban thanh pham': 'intermediate',
  'thanh pham': 'finished',
  'bao bi': 'packaging',
  raw: 'raw',
  intermediate: 'intermediate',
  finished: 'finished',
  packaging: 'packaging',
};
export const PARTNER_KINDS_VI: Record<string, string> = {
  'nha cung cap': 'supplier',
  'khach hang': 'customer',
  'ca hai': 'both',
  supplier: 'supplier',
  customer: 'customer',
  both: 'both',
};

export const UNIT_WORDS: Record<string, string> = Object.fromEntries(
  UNITS.flatMap((u) => [
    [u.code, u.code],
    [
      u.vi
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
      u.code,
    ],
    [u.en.toLowerCase(), u.code],
  ]),
);

export const SPECS: Record<ImportKind, ColumnSpec[]> = {
  products: [
    {
      key: 'code',
      vi: 'Mã sản phẩm',
      en: 'Code',
      required: true,
      type: 'text',
      example: 'HDR-200',
      help: 'Mã riêng của cơ sở, không trùng (chữ, số, - . / _).',
    },
    {
      key: 'name',
      vi: 'Tên sản phẩm',
      en: 'Name',
      required: true,
      type: 'text',
      example: 'Hạt điều rang muối hũ 200 g',
      help: 'Tên in trên tem.',
    },
    {
      key: 'kind',
      vi: 'Loại',
      en: 'Kind',
      required: true,
      type: 'choice',
      choices: PRODUCT_KINDS_VI,
      example: 'Thành phẩm',
      help: 'Nguyên liệu, Bán thành phẩm, Thành phẩm hoặc Bao bì.',
    },
    {
      key: 'unit',
      vi: 'Đơn vị',
      en: 'Unit',
      required: true,
      type: 'unit',
      example: 'hũ',
      help: 'kg, g, tấn, lít, ml, cái, hộp, gói, túi, chai, lon, hũ, cây, quả, bao, thùng.',
    },
    {
      key: 'gtin',
      vi: 'Mã vạch GTIN',
      en: 'GTIN',
      type: 'text',
      example: '9520000000011',
      help: 'Mã vạch 8/12/13/14 số trên bao bì (có số kiểm tra).',
    },
    {
      key: 'packSize',
      vi: 'Số lượng mỗi gói',
      en: 'Pack size',
      type: 'number',
      example: 0.2,
      help: 'Với đơn vị đếm (hũ, hộp…): một gói chứa bao nhiêu.',
    },
    {
      key: 'packUnit',
      vi: 'Đơn vị trong gói',
      en: 'Pack unit',
      type: 'unit',
      example: 'kg',
      help: 'Đơn vị của "Số lượng mỗi gói".',
    },
    {
      key: 'shelfLifeDays',
      vi: 'Hạn dùng (ngày)',
      en: 'Shelf life (days)',
      type: 'int',
      example: 180,
      help: 'Số ngày từ khi sản xuất đến hết hạn.',
    },
    {
      key: 'netQuantity',
      vi: 'Khối lượng tịnh',
      en: 'Net quantity',
      type: 'text',
      example: '200 g',
      help: 'Ghi như trên nhãn.',
    },
    {
      key: 'ingredients',
      vi: 'Thành phần',
      en: 'Ingredients',
      type: 'text',
      example: 'Hạt điều 97%, muối 3%',
      help: '',
    },
    { key: 'storage', vi: 'Bảo quản', en: 'Storage', type: 'text', example: 'Nơi khô ráo, thoáng mát', help: '' },
    { key: 'origin', vi: 'Xuất xứ', en: 'Origin', type: 'text', example: 'Việt Nam', help: '' },
    { key: 'brand', vi: 'Thương hiệu', en: 'Brand', type: 'text', example: 'Điều Vàng', help: '' },
  ],
  partners: [
    {
      key: 'name',
      vi: 'Tên đối tác',
      en: 'Name',
      required: true,
      type: 'text',
      example: 'Hợp tác xã Điều Bình Phước',
      help: 'Tên nhà cung cấp hoặc khách hàng.',
    },
    {
      key: 'kind',
      vi: 'Loại',
      en: 'Kind',
      required: true,
      type: 'choice',
      choices: PARTNER_KINDS_VI,
      example: 'Nhà cung cấp',
      help: 'Nhà cung cấp, Khách hàng hoặc Cả hai.',
    },
    {
      key: 'taxCode',
      vi: 'Mã số thuế',
      en: 'Tax code',
      type: 'text',
      example: '0300588569',
      help: '10 số, hoặc 10 số - 3 số (chi nhánh). Định dạng ô là Văn bản để giữ số 0 đầu.',
    },
    { key: 'address', vi: 'Địa chỉ', en: 'Address', type: 'text', example: 'Ấp 3, xã Tân Lập, Đồng Nai', help: '' },
    { key: 'phone', vi: 'Điện thoại', en: 'Phone', type: 'text', example: '0912 345 678', help: '' },
    { key: 'email', vi: 'Email', en: 'Email', type: 'text', example: 'htx@example.vn', help: '' },
    { key: 'contactPerson', vi: 'Người liên hệ', en: 'Contact person', type: 'text', example: 'Chị Lan', help: '' },
    { key: 'gln', vi: 'Mã địa điểm GLN', en: 'GLN', type: 'text', example: '', help: '13 số, nếu đối tác có.' },
    { key: 'note', vi: 'Ghi chú', en: 'Note', type: 'text', example: '', help: '' },
  ],
  recipes: [
    {
      key: 'productCode',
      vi: 'Mã thành phẩm',
      en: 'Product code',
      required: true,
      type: 'text',
      example: 'HDR-200',
      help: 'Mã sản phẩm làm ra (đã có trong danh sách sản phẩm). Các dòng liền nhau cùng mã và tên là một công thức.',
    },
    {
      key: 'name',
      vi: 'Tên công thức',
      en: 'Recipe name',
      required: true,
      type: 'text',
      example: 'Điều rang muối',
      help: '',
    },
    {
      key: 'batchSize',
      vi: 'Cỡ mẻ',
      en: 'Batch size',
      required: true,
      type: 'number',
      example: 100,
      help: 'Lượng thành phẩm của một mẻ.',
    },
    { key: 'batchUnit', vi: 'Đơn vị mẻ', en: 'Batch unit', type: 'unit', example: 'kg', help: '' },
    {
      key: 'inputCode',
      vi: 'Mã nguyên liệu',
      en: 'Input code',
      required: true,
      type: 'text',
      example: 'DNH',
      help: 'Một dòng cho mỗi nguyên liệu.',
    },
    {
      key: 'inputQty',
      vi: 'Lượng nguyên liệu',
      en: 'Input quantity',
      required: true,
      type: 'number',
      example: 97,
      help: 'Lượng cho một mẻ.',
    },
    { key: 'inputUnit', vi: 'Đơn vị nguyên liệu', en: 'Input unit', type: 'unit', example: 'kg', help: '' },
    {
      key: 'lossPct',
      vi: 'Hao hụt (%)',
      en: 'Loss (%)',
      type: 'number',
      example: 8,
      help: 'Hao hụt cho phép, ghi ở dòng đầu của công thức.',
    },
  ],
  opening: [
    {
      key: 'productCode',
      vi: 'Mã sản phẩm',
      en: 'Product code',
      required: true,
      type: 'text',
      example: 'HDR-200',
      help: 'Mã sản phẩm đã có trong danh sách.',
    },
    {
      key: 'lotCode',
      vi: 'Mã lô',
      en: 'Lot code',
      type: 'text',
      example: 'HDR-261101-01',
      help: 'Để trống thì phần mềm tự đặt.',
    },
    {
      key: 'qty',
      vi: 'Số lượng',
      en: 'Quantity',
      required: true,
      type: 'number',
      example: 120,
      help: 'Lượng còn tồn của lô.',
    },
    { key: 'unit', vi: 'Đơn vị', en: 'Unit', type: 'unit', example: 'hũ', help: 'Để trống = đơn vị của sản phẩm.' },
    {
      key: 'location',
      vi: 'Địa điểm',
      en: 'Location',
      required: true,
      type: 'text',
      example: 'Kho thành phẩm',
      help: 'Tên kho/cửa hàng đã khai báo.',
    },
    {
      key: 'productionDate',
      vi: 'Ngày sản xuất',
      en: 'Production date',
      type: 'date',
      example: '01/11/2026',
      help: 'ngày/tháng/năm.',
    },
    {
      key: 'expiryDate',
      vi: 'Hạn sử dụng',
      en: 'Expiry date',
      type: 'date',
      example: '30/04/2027',
      help: 'ngày/tháng/năm.',
    },
    { key: 'supplierLotCode', vi: 'Mã lô nhà cung cấp', en: 'Supplier lot code', type: 'text', example: '', help: '' },
    { key: 'note', vi: 'Ghi chú', en: 'Note', type: 'text', example: 'Tồn đầu kỳ', help: '' },
  ],
};

export const TEMPLATE_TITLES: Record<ImportKind, string> = {
  products: 'san-pham',
  partners: 'doi-tac',
  recipes: 'cong-thuc',
  opening: 'ton-dau-ky',
};
