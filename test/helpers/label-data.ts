// Label data of a complete food product (every Decree 43 item) for label and printing tests.
import type { LabelData } from '../../shared/labels/fields';

export const FOOD: LabelData = {
  product: {
    name: 'Hạt điều rang muối Bình Phước',
    code: 'HDRM',
    gtin: '9520000000011',
    netQuantity: '500 g',
    ingredients: 'Hạt điều (98%), muối, dầu thực vật',
    storage: 'Nơi khô ráo, thoáng mát',
    usage: 'Dùng ngay sau khi mở bao',
    warnings: 'Không dùng cho người dị ứng hạt điều',
    origin: 'Việt Nam',
    standard: 'TCCS 01:2024/HĐĐN',
    kind: 'finished',
  },
  business: {
    name: 'Công ty TNHH Hạt Điều Đồng Nai',
    address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
    phone: '0251 3822 123',
  },
  lot: { code: 'L261129-01', productionDate: '2026-11-29', expiryDate: '2027-11-29' },
  sscc: '095200000000000011',
};

/**
 * FOOD with the longest lot code GS1 allows (AI 10: 20 characters) under the demo business's own trace address:
 * the widest lot-code line and the largest Digital Link QR (version 5) a lot of such a business gets.
 */
export const LONGEST_LOT: LabelData = {
  ...FOOD,
  business: { ...FOOD.business!, digitalLinkDomain: 'https://truyxuat.dongnaixanh.vn' },
  lot: { ...FOOD.lot, code: 'CPB500-261203-002-AB' },
};

/** `products.create` input for FOOD's product: a finished good with every Decree 43 text, GTIN 9520000000011. */
export function aFoodProduct(extra: Record<string, unknown> = {}) {
  return {
    kind: 'finished' as const,
    name: FOOD.product.name,
    code: 'HDRM',
    unit: 'kg',
    gtin: '9520000000011',
    netQuantity: '500 g',
    ingredients: FOOD.product.ingredients,
    storage: FOOD.product.storage,
    usage: FOOD.product.usage,
    warnings: FOOD.product.warnings,
    origin: 'Việt Nam',
    ...extra,
  };
}
