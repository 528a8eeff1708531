// Master data: the business profile, its locations, products/materials and partners.
import { z } from 'zod';
import { UNIT_CODES, unitDef } from '../domain/units';
import {
  byId,
  id,
  listQuery,
  optEmail,
  optGln,
  optGs1Prefix,
  optGtin,
  optImage,
  optPhone,
  optPositiveQuantity,
  optTaxCode,
  optText,
  optTraceAddress,
  taxCode,
  text,
  type ListResult,
} from './fields';
import { method } from './method';

// ---------- business profile ----------
export const businessInput = z
  .object({
    name: text(200),
    taxCode,
    address: text(300),
    province: optText(100),
    ward: optText(100),
    phone: optPhone,
    email: optEmail,
    gln: optGln,
    gs1CompanyPrefix: optGs1Prefix,
    logo: optImage,
    /** The trace address: label QR codes are the lot's GS1 Digital Link under it; consumer pages are published there. */
    digitalLinkDomain: optTraceAddress,
  })
  .strict();
export type BusinessInput = z.input<typeof businessInput>;
export type Business = z.output<typeof businessInput> & { updatedAt: string };

// ---------- locations ----------
export const LOCATION_KINDS = ['production', 'warehouse', 'shop', 'farm'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const locationFields = z
  .object({
    name: text(200),
    address: optText(300),
    gln: optGln,
    kind: z.enum(LOCATION_KINDS, { error: 'INVALID_CHOICE' }),
    note: optText(1000),
  })
  .strict();
export type LocationInput = z.input<typeof locationFields>;
export type Location = z.output<typeof locationFields> & {
  id: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

// ---------- products and materials ----------
export const PRODUCT_KINDS = ['raw', 'intermediate', 'finished', 'packaging'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const DEFAULT_LOT_PATTERN = '{CODE}-{YYMMDD}-{SEQ}';
const LOT_PATTERN_RE = /^(?:[A-Za-z0-9-]|\{(?:CODE|YYMMDD|YYYYMMDD|SEQ)\})+$/;

export const productFields = z
  .object({
    kind: z.enum(PRODUCT_KINDS, { error: 'INVALID_CHOICE' }),
    name: text(200),
    code: text(40).refine((v) => /^[\p{L}\p{N}._/-]+$/u.test(v), { message: 'INVALID' }),
    gtin: optGtin,
    unit: z.enum(UNIT_CODES, { error: 'INVALID_CHOICE' }),
    /** For count units: one unit holds packSize of packUnit (1 hộp = 0,5 kg). */
    packSize: optPositiveQuantity,
    packUnit: z
      .enum(UNIT_CODES, { error: 'INVALID_CHOICE' })
      .nullish()
      .transform((v) => v ?? null),
    netQuantity: optText(50),
    shelfLifeDays: z
      .number({ error: 'INVALID_TYPE' })
      .int({ error: 'NOT_INTEGER' })
      .min(0, { error: 'NEGATIVE' })
      .max(3650, { error: 'TOO_BIG' })
      .nullish()
      .transform((v) => v ?? null),
    ingredients: optText(2000),
    storage: optText(1000),
    usage: optText(1000),
    warnings: optText(1000),
    brand: optText(100),
    standard: optText(200),
    declarationNo: optText(50),
    origin: optText(200),
    image: optImage,
    lotPattern: optText(40).refine((v) => v === null || LOT_PATTERN_RE.test(v), { message: 'LOT_PATTERN' }),
  })
  .strict();
export type ProductInput = z.input<typeof productFields>;
export type Product = z.output<typeof productFields> & {
  id: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

/** Rules that span fields; checked by the service on create and on the merged record of an update. */
export function productCrossFieldProblems(p: {
  unit: string;
  packSize: number | null;
  packUnit: string | null;
}): { path: string; code: string }[] {
  const problems: { path: string; code: string }[] = [];
  if ((p.packSize === null) !== (p.packUnit === null))
    problems.push({ path: p.packSize === null ? 'packSize' : 'packUnit', code: 'PACK_SIZE_REQUIRED' });
  if (p.packUnit && p.packUnit === p.unit) problems.push({ path: 'packUnit', code: 'INVALID' });
  if (p.packSize !== null && unitDef(p.unit)?.dimension !== 'count')
    problems.push({ path: 'packSize', code: 'INVALID' });
  return problems;
}

// ---------- partners ----------
export const PARTNER_KINDS = ['supplier', 'customer', 'both'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const partnerFields = z
  .object({
    kind: z.enum(PARTNER_KINDS, { error: 'INVALID_CHOICE' }),
    name: text(200),
    taxCode: optTaxCode,
    address: optText(300),
    phone: optPhone,
    email: optEmail,
    contactPerson: optText(100),
    gln: optGln,
    note: optText(1000),
  })
  .strict();
export type PartnerInput = z.input<typeof partnerFields>;
export type Partner = z.output<typeof partnerFields> & {
  id: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
};

export const productSortFields = ['name', 'code', 'kind', 'gtin', 'updatedAt'] as const;
export const locationSortFields = ['name', 'kind', 'updatedAt'] as const;
export const partnerSortFields = ['name', 'kind', 'updatedAt'] as const;

const productListQuery = listQuery(productSortFields).extend({
  kind: z.enum(PRODUCT_KINDS, { error: 'INVALID_CHOICE' }).optional(),
});
const partnerListQuery = listQuery(partnerSortFields).extend({
  kind: z.enum(['supplier', 'customer'], { error: 'INVALID_CHOICE' }).optional(),
});

/** The wizard's progress: which first-run steps are done. */
export type SetupStatus = { business: boolean; location: boolean; product: boolean; done: boolean };

export const masterDataMethods = {
  'business.get': method(z.object({}).strict(), 'read').returns<Business | null>(),
  'business.update': method(businessInput, 'write').returns<Business>(),
  'setup.status': method(z.object({}).strict(), 'read').returns<SetupStatus>(),

  'locations.list': method(listQuery(locationSortFields), 'read').returns<ListResult<Location>>(),
  'locations.get': method(byId, 'read').returns<Location>(),
  'locations.create': method(locationFields, 'write').returns<Location>(),
  'locations.update': method(locationFields.partial().extend({ id }).strict(), 'write').returns<Location>(),
  'locations.archive': method(byId, 'write').returns<Location>(),
  'locations.restore': method(byId, 'write').returns<Location>(),

  'products.list': method(productListQuery, 'read').returns<ListResult<Product>>(),
  'products.get': method(byId, 'read').returns<Product>(),
  'products.create': method(productFields, 'write').returns<Product>(),
  'products.update': method(productFields.partial().extend({ id }).strict(), 'write').returns<Product>(),
  'products.archive': method(byId, 'write').returns<Product>(),
  'products.restore': method(byId, 'write').returns<Product>(),

  'partners.list': method(partnerListQuery, 'read').returns<ListResult<Partner>>(),
  'partners.get': method(byId, 'read').returns<Partner>(),
  'partners.create': method(partnerFields, 'write').returns<Partner>(),
  'partners.update': method(partnerFields.partial().extend({ id }).strict(), 'write').returns<Partner>(),
  'partners.archive': method(byId, 'write').returns<Partner>(),
  'partners.restore': method(byId, 'write').returns<Partner>(),
};
