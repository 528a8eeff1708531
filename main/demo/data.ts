// The demo business: a food processor in Đồng Nai with three lines — cashew (điều), coffee (cà phê) and
// giò lụa. Names, addresses and quantities are realistic; every GTIN/GLN uses GS1's example prefix 952
// with a valid check digit and every tax code has a valid check digit.
import { withCheckDigit } from '../../shared/gs1/checkdigit';
import type { ProductInput } from '../../shared/api/masterdata';
import type { PictureShape } from './pictures';

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
/** A valid 10-digit tax code from a 9-digit base (bases whose check would be 10 are shifted). */
export function taxCode(base9: number): string {
  for (let b = base9; ; b++) {
    const d = String(b).padStart(9, '0').slice(0, 9);
    const r = TAX_WEIGHTS.reduce((s, w, i) => s + w * (d.charCodeAt(i) - 48), 0) % 11;
    if (r !== 0) return d + String(10 - r);
  }
}

export const gtin = (n: number) => withCheckDigit(`9521234${String(n).padStart(5, '0')}`);
export const gln = (n: number) => withCheckDigit(`9521234${String(900 + n).padStart(5, '0')}`);

export const BUSINESS = {
  name: 'Công ty TNHH Thực phẩm Nông sản Đồng Nai Xanh',
  taxCode: taxCode(360123456),
  address: 'Lô B4, KCN Hố Nai 3, xã Hố Nai 3, tỉnh Đồng Nai',
  province: 'Đồng Nai',
  ward: 'Hố Nai 3',
  phone: '0251 3671 234',
  email: 'lienhe@dongnaixanh.vn',
  gln: gln(0),
  gs1CompanyPrefix: '9521234',
  digitalLinkDomain: 'https://truyxuat.dongnaixanh.vn',
};

export const LOCATIONS = [
  {
    key: 'workshop',
    name: 'Xưởng chế biến Hố Nai',
    kind: 'production' as const,
    address: 'Lô B4, KCN Hố Nai 3, Đồng Nai',
    gln: gln(1),
  },
  {
    key: 'warehouse',
    name: 'Kho nguyên liệu Trảng Bom',
    kind: 'warehouse' as const,
    address: 'Ấp Quảng Biên, xã Trảng Bom, Đồng Nai',
    gln: gln(2),
  },
  {
    key: 'shop',
    name: 'Cửa hàng Biên Hoà',
    kind: 'shop' as const,
    address: '215 Phạm Văn Thuận, phường Trấn Biên, Đồng Nai',
    gln: gln(3),
  },
];

export const SUPPLIERS = [
  {
    key: 'cashew1',
    name: 'HTX Nông nghiệp Điều Bù Đăng',
    address: 'Xã Bù Đăng, tỉnh Đồng Nai',
    contactPerson: 'Ông Điểu Minh',
  },
  {
    key: 'cashew2',
    name: 'Hộ kinh doanh Trần Văn Lợi (điều thô)',
    address: 'Xã Xuân Lộc, tỉnh Đồng Nai',
    contactPerson: 'Ông Trần Văn Lợi',
  },
  {
    key: 'coffee1',
    name: 'HTX Cà phê Cẩm Mỹ',
    address: 'Xã Cẩm Mỹ, tỉnh Đồng Nai',
    contactPerson: 'Bà Nguyễn Thị Hoa',
  },
  {
    key: 'coffee2',
    name: 'Công ty TNHH Cà phê Lâm Đồng Xanh',
    address: 'Phường Bảo Lộc, tỉnh Lâm Đồng',
    contactPerson: 'Ông Lê Quang Vinh',
  },
  {
    key: 'pork',
    name: 'Trang trại heo Thống Nhất',
    address: 'Xã Thống Nhất, tỉnh Đồng Nai',
    contactPerson: 'Ông Phạm Đức Thắng',
  },
  {
    key: 'spice',
    name: 'Cơ sở nước mắm Phan Thiết Hưng Thịnh',
    address: 'Phường Phú Thuỷ, tỉnh Lâm Đồng',
    contactPerson: 'Bà Võ Thị Mai',
  },
  {
    key: 'pack',
    name: 'Công ty CP Bao bì Tân Phú',
    address: 'KCN Tam Phước, tỉnh Đồng Nai',
    contactPerson: 'Bà Đặng Thu Trang',
  },
  {
    key: 'salt',
    name: 'HTX Muối Bà Rịa',
    address: 'Phường Bà Rịa, TP Hồ Chí Minh',
    contactPerson: 'Ông Huỳnh Văn Sáu',
  },
];

export const CUSTOMERS = [
  { key: 'bhx', name: 'Cửa hàng Bách Hoá Xanh Tân Phong', address: 'Phường Tân Phong, tỉnh Đồng Nai' },
  { key: 'coop', name: 'Siêu thị Co.opmart Biên Hoà', address: '121 Phạm Văn Thuận, phường Trấn Biên, Đồng Nai' },
  { key: 'winmart', name: 'WinMart+ Long Khánh', address: 'Phường Long Khánh, tỉnh Đồng Nai' },
  { key: 'agent1', name: 'Đại lý Thanh Tâm (chợ Biên Hoà)', address: 'Chợ Biên Hoà, phường Trấn Biên, Đồng Nai' },
  { key: 'agent2', name: 'Đại lý Hồng Phúc', address: 'Phường Long Bình, tỉnh Đồng Nai' },
  { key: 'cafe', name: 'Chuỗi cà phê Mộc Trà', address: 'Phường Tam Hiệp, tỉnh Đồng Nai' },
  { key: 'restaurant', name: 'Nhà hàng Hương Đồng Nai', address: 'Phường Bửu Long, tỉnh Đồng Nai' },
  { key: 'export', name: 'Công ty TNHH Xuất nhập khẩu Sài Gòn Điều', address: 'Phường Thủ Đức, TP Hồ Chí Minh' },
  { key: 'shells', name: 'Cơ sở ép dầu vỏ điều Phước Thái', address: 'Xã Phước Thái, tỉnh Đồng Nai' },
  { key: 'kindergarten', name: 'Trường mầm non Hoa Sen (bếp ăn)', address: 'Phường Hố Nai, tỉnh Đồng Nai' },
  { key: 'old', name: 'Tạp hoá Cô Ba (đã nghỉ bán)', address: 'Xã An Hoà, tỉnh Đồng Nai' },
];

/** `picture`: the photo drawn for a finished product (shape, colour, caption). */
type P = ProductInput & { key: string; picture?: [PictureShape, string, string] };
// Every product carries its origin: Decree 43 asks it of every label, food or not.
const made = { origin: 'Việt Nam' };
const food = { ...made, standard: 'TCCS 01:2026/ĐNX' };
export const PRODUCTS: P[] = [
  {
    key: 'rawCashew',
    kind: 'raw',
    name: 'Điều thô (hạt điều chưa tách vỏ)',
    code: 'DT',
    unit: 'kg',
    gtin: gtin(1),
    shelfLifeDays: 365,
    storage: 'Kho khô, thoáng mát',
    ...made,
  },
  {
    key: 'salt',
    kind: 'raw',
    name: 'Muối tinh sấy',
    code: 'MUOI',
    unit: 'kg',
    gtin: gtin(2),
    shelfLifeDays: 1095,
    ...made,
  },
  {
    key: 'kernel',
    kind: 'intermediate',
    name: 'Nhân điều tách vỏ',
    code: 'ND',
    unit: 'kg',
    shelfLifeDays: 180,
    ...made,
  },
  { key: 'shell', kind: 'intermediate', name: 'Vỏ hạt điều', code: 'VD', unit: 'kg', shelfLifeDays: 365, ...made },
  {
    key: 'cashewJar',
    kind: 'finished',
    name: 'Hạt điều rang muối Đồng Nai Xanh hũ 500 g',
    picture: ['jar', '#d9a441', 'Hạt điều rang muối'],
    code: 'HDRM500',
    unit: 'hu',
    packSize: 500,
    packUnit: 'g',
    gtin: gtin(10),
    netQuantity: '500 g',
    shelfLifeDays: 180,
    ingredients: 'Hạt điều (98%), muối (2%)',
    storage: 'Nơi khô ráo, thoáng mát, tránh ánh nắng. Đậy kín sau khi mở.',
    usage: 'Dùng ngay.',
    warnings: 'Sản phẩm có chứa hạt điều, không dùng cho người dị ứng với các loại hạt.',
    brand: 'Đồng Nai Xanh',
    declarationNo: '01/ĐNX/2026',
    ...food,
  },
  {
    key: 'greenCoffee',
    kind: 'raw',
    name: 'Cà phê nhân Robusta loại 1',
    code: 'CPN',
    unit: 'kg',
    gtin: gtin(4),
    shelfLifeDays: 365,
    ...made,
  },
  {
    key: 'roastedCoffee',
    kind: 'intermediate',
    name: 'Cà phê rang mộc',
    code: 'CPR',
    unit: 'kg',
    shelfLifeDays: 90,
    ...made,
  },
  {
    key: 'bag',
    kind: 'packaging',
    name: 'Túi kraft van một chiều 500 g',
    code: 'TUI',
    unit: 'cai',
    gtin: gtin(5),
    ...made,
  },
  {
    key: 'coffeeBag',
    kind: 'finished',
    name: 'Cà phê bột nguyên chất Đồng Nai Xanh túi 500 g',
    picture: ['bag', '#7a4a2b', 'Cà phê bột'],
    code: 'CPB500',
    unit: 'tui',
    packSize: 500,
    packUnit: 'g',
    gtin: gtin(11),
    netQuantity: '500 g',
    shelfLifeDays: 365,
    ingredients: '100% cà phê Robusta rang mộc',
    storage: 'Nơi khô ráo, tránh ánh nắng; đóng kín miệng túi sau khi dùng.',
    usage: 'Pha phin 20–25 g với 100 ml nước sôi.',
    warnings: 'Người nhạy cảm với caffein, phụ nữ có thai nên hạn chế dùng.',
    brand: 'Đồng Nai Xanh',
    declarationNo: '02/ĐNX/2026',
    ...food,
  },
  {
    key: 'pork',
    kind: 'raw',
    name: 'Thịt heo nạc đùi tươi',
    code: 'THN',
    unit: 'kg',
    shelfLifeDays: 3,
    storage: 'Bảo quản 0–4°C',
    ...made,
  },
  { key: 'fat', kind: 'raw', name: 'Mỡ heo phần lưng', code: 'MH', unit: 'kg', shelfLifeDays: 3, ...made },
  {
    key: 'fishSauce',
    kind: 'raw',
    name: 'Nước mắm nhĩ 35 độ đạm',
    code: 'NM',
    unit: 'l',
    gtin: gtin(6),
    shelfLifeDays: 730,
    ...made,
  },
  { key: 'leaf', kind: 'raw', name: 'Lá chuối rửa sạch', code: 'LC', unit: 'kg', shelfLifeDays: 5, ...made },
  {
    key: 'gio',
    kind: 'finished',
    name: 'Giò lụa Đồng Nai Xanh cây 500 g',
    picture: ['roll', '#9cc46a', 'Giò lụa'],
    code: 'GL500',
    unit: 'cay',
    packSize: 500,
    packUnit: 'g',
    gtin: gtin(12),
    netQuantity: '500 g',
    shelfLifeDays: 30,
    ingredients: 'Thịt heo nạc (84%), mỡ heo (10%), nước mắm, tiêu',
    storage: 'Bảo quản lạnh 0–4°C',
    usage: 'Dùng ngay sau khi mở bao bì.',
    warnings: 'Không dùng khi có mùi lạ.',
    brand: 'Đồng Nai Xanh',
    declarationNo: '03/ĐNX/2026',
    ...food,
  },
];

export type RecipeDef = {
  key: string;
  product: string;
  name: string;
  batchSize: number;
  batchUnit: string;
  inputMode: 'quantity' | 'percent';
  inputs: { product: string; qty?: number; percent?: number; unit?: string }[];
  byProducts?: { product: string; qty: number; unit?: string }[];
  yieldPct?: number;
  lossPct?: number;
  steps: string;
};

export const RECIPES: RecipeDef[] = [
  {
    key: 'dehull',
    product: 'kernel',
    name: 'Tách vỏ điều (hấp – cắt – bóc lụa)',
    batchSize: 500,
    batchUnit: 'kg',
    inputMode: 'quantity',
    inputs: [{ product: 'rawCashew', qty: 500 }],
    byProducts: [{ product: 'shell', qty: 340 }],
    yieldPct: 24,
    lossPct: 8,
    steps:
      '1. Phân loại hạt theo cỡ.\n2. Hấp 25 phút.\n3. Cắt tách vỏ.\n4. Sấy 70°C 8 giờ, bóc lụa.\n5. Phân loại nhân.',
  },
  {
    key: 'roastCashew',
    product: 'cashewJar',
    name: 'Rang muối và đóng hũ 500 g',
    batchSize: 100,
    batchUnit: 'kg',
    inputMode: 'percent',
    inputs: [
      { product: 'kernel', percent: 98 },
      { product: 'salt', percent: 2 },
    ],
    yieldPct: 97,
    steps: '1. Rang 160°C trong 18 phút.\n2. Phun nước muối, sấy khô.\n3. Để nguội, đóng hũ 500 g, hàn màng.',
  },
  {
    key: 'roastCoffee',
    product: 'roastedCoffee',
    name: 'Rang cà phê mộc',
    batchSize: 120,
    batchUnit: 'kg',
    inputMode: 'quantity',
    inputs: [{ product: 'greenCoffee', qty: 120 }],
    yieldPct: 82,
    lossPct: 18,
    steps: '1. Sàng tạp chất.\n2. Rang 215°C đến crack 2 (khoảng 16 phút).\n3. Làm nguội nhanh, ủ 24 giờ.',
  },
  {
    key: 'packCoffee',
    product: 'coffeeBag',
    name: 'Xay và đóng túi 500 g',
    batchSize: 50,
    batchUnit: 'kg',
    inputMode: 'quantity',
    inputs: [
      { product: 'roastedCoffee', qty: 50 },
      { product: 'bag', qty: 100, unit: 'cai' },
    ],
    yieldPct: 99,
    steps: '1. Xay vừa (pha phin).\n2. Cân 500 g mỗi túi, hàn miệng túi.',
  },
  {
    key: 'gio',
    product: 'gio',
    name: 'Giò lụa cây 500 g',
    batchSize: 50,
    batchUnit: 'kg',
    inputMode: 'quantity',
    inputs: [
      { product: 'pork', qty: 42 },
      { product: 'fat', qty: 5 },
      { product: 'fishSauce', qty: 2.5, unit: 'l' },
      { product: 'leaf', qty: 3 },
    ],
    yieldPct: 96,
    steps:
      '1. Xay thịt nạc lạnh với nước mắm.\n2. Quết mịn, thêm mỡ.\n3. Gói lá chuối 500 g/cây.\n4. Luộc 60 phút, để nguội.',
  },
];

/** Which supplier delivers each raw material, and a usual delivery (in the product's unit). */
export const SUPPLY: Record<string, { suppliers: string[]; delivery: number }> = {
  rawCashew: { suppliers: ['cashew1', 'cashew2'], delivery: 3000 },
  salt: { suppliers: ['salt'], delivery: 200 },
  greenCoffee: { suppliers: ['coffee1', 'coffee2'], delivery: 1200 },
  bag: { suppliers: ['pack'], delivery: 5000 },
  pork: { suppliers: ['pork'], delivery: 90 },
  fat: { suppliers: ['pork'], delivery: 12 },
  fishSauce: { suppliers: ['spice'], delivery: 60 },
  leaf: { suppliers: ['pork'], delivery: 8 },
};

/** Which customers buy each finished product. */
export const BUYERS: Record<string, string[]> = {
  cashewJar: ['bhx', 'coop', 'winmart', 'agent1', 'export'],
  coffeeBag: ['coop', 'winmart', 'agent2', 'cafe'],
  gio: ['bhx', 'agent1', 'restaurant', 'kindergarten'],
  shell: ['shells'],
};

export const OPERATORS = ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Thị Thu', 'Phạm Minh Tuấn', 'Võ Thị Ngọc'];
export const PLATES = ['60C-123.45', '60C-678.90', '60H-024.68', '51D-135.79'];
export const DRIVERS = ['Anh Tâm', 'Anh Phúc', 'Anh Dũng', 'Chú Bảy'];
