// Create or edit a product or material. Everything a label needs is here; only kind, name, code and
// unit are required. Count units (hộp, thùng…) ask how much one holds, so stock converts to kg or lít.
import { Form, Input, Radio, Select, Row, Col, Divider, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LOT_PATTERN,
  PRODUCT_KINDS,
  productCrossFieldProblems,
  productFields,
  type Product,
  type ProductInput,
} from '../../../../shared/api/masterdata';
import { UNITS, unitDef, unitLabel } from '../../../../shared/domain/units';
import { fieldLabel, currentLang } from '../../i18n';
import { blankToNull, zodRules } from '../../forms/zodForm';
import { useFormSave } from '../../forms/useFormSave';
import { SaveBar } from '../../components/FormParts';
import { ImageInput } from '../../components/ImageInput';
import { NumberInput, readableNumber } from '../../components/NumberInput';
import { foldedSearch } from '../lots/common';

const rules = zodRules(productFields);

const NEW_PRODUCT: Partial<ProductInput> = { kind: 'finished', unit: 'kg', origin: 'Việt Nam' };

export function ProductForm({
  record,
  onSaved,
  onCancel,
  onBack,
  compact,
  submitLabel,
  quiet,
}: {
  record: Product | null;
  onSaved: (p: Product) => void;
  onCancel?: () => void;
  onBack?: () => void;
  /** The first-run wizard shows only the main details. */
  compact?: boolean;
  submitLabel?: string;
  /** No "saved" toast (the wizard moves on instead). */
  quiet?: boolean;
}) {
  const { t } = useTranslation('masterdata');
  const lang = currentLang();
  const [form] = Form.useForm<ProductInput>();
  const unit = Form.useWatch('unit', form) ?? record?.unit ?? NEW_PRODUCT.unit;
  const isCount = unitDef(unit ?? '')?.dimension === 'count';

  const { onFinish, onValuesChange, saving } = useFormSave(form, record ? 'products.update' : 'products.create', {
    schema: productFields,
    toInput: (v: ProductInput) => {
      // The wizard's short form does not render every field; new products still get the defaults.
      const input = blankToNull({ ...(record ? {} : NEW_PRODUCT), ...v });
      // Only count units carry a pack; switching to kg drops an old pack size.
      if (!isCount) Object.assign(input, { packSize: null, packUnit: null });
      return { ...input, ...(record ? { id: record.id } : {}) } as ProductInput & { id: number };
    },
    check: (input) =>
      productCrossFieldProblems({
        unit: String(input.unit),
        packSize: input.packSize ?? null,
        packUnit: input.packUnit ?? null,
      }),
    successMessage: quiet ? false : undefined,
    onSaved: (p) => onSaved(p as Product),
  });

  const unitOptions = UNITS.map((u) => ({ value: u.code, label: unitLabel(u.code, lang) }));
  const packUnitOptions = UNITS.filter((u) => u.code !== unit).map((u) => ({
    value: u.code,
    label: unitLabel(u.code, lang),
  }));

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      validateTrigger="onBlur"
      initialValues={record ?? NEW_PRODUCT}
      data-testid="product-form"
      scrollToFirstError
    >
      <Form.Item name="name" label={t('products.name')} rules={rules.name} required>
        <Input autoFocus maxLength={200} data-testid="product-name" />
      </Form.Item>
      <Form.Item name="kind" label={fieldLabel('kind')} rules={rules.kind} required>
        <Radio.Group options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`productKind.${k}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="code" label={t('products.code')} rules={rules.code} required extra={t('products.codeHint')}>
            <Input maxLength={40} data-testid="product-code" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="gtin" label={fieldLabel('gtin')} rules={rules.gtin} extra={t('products.gtinHint')}>
            <Input inputMode="numeric" maxLength={20} data-testid="product-gtin" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="unit" label={fieldLabel('unit')} rules={rules.unit} required>
            <Select options={unitOptions} showSearch={foldedSearch} data-testid="product-unit" />
          </Form.Item>
        </Col>
        {isCount && (
          <Col span={14}>
            <Form.Item label={t('products.packHint', { unit: unitLabel(unit ?? '', lang) })}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="packSize" noStyle rules={[...(rules.packSize ?? []), readableNumber]}>
                  <NumberInput
                    min={0}
                    minExclusive
                    placeholder={t('products.packSizePlaceholder')}
                    style={{ width: '55%' }}
                    aria-label={fieldLabel('packSize')}
                    data-testid="product-pack-size"
                  />
                </Form.Item>
                <Form.Item name="packUnit" noStyle rules={rules.packUnit}>
                  <Select
                    options={packUnitOptions}
                    style={{ width: '45%' }}
                    aria-label={fieldLabel('packUnit')}
                    placeholder={fieldLabel('packUnit')}
                    data-testid="product-pack-unit"
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
        )}
      </Row>
      {!compact && (
        <>
          <Divider titlePlacement="start" plain>
            <Typography.Text strong>{t('products.sectionLabel')}</Typography.Text>
          </Divider>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="netQuantity" label={fieldLabel('netQuantity')} rules={rules.netQuantity}>
                <Input maxLength={50} placeholder={t('products.netQuantityPlaceholder')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="shelfLifeDays"
                label={fieldLabel('shelfLifeDays')}
                rules={[...(rules.shelfLifeDays ?? []), readableNumber]}
              >
                <NumberInput min={0} max={3650} decimals={0} suffix={t('products.shelfLifeSuffix')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="ingredients" label={fieldLabel('ingredients')} rules={rules.ingredients}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="storage" label={fieldLabel('storage')} rules={rules.storage}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="usage" label={fieldLabel('usage')} rules={rules.usage}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="warnings" label={fieldLabel('warnings')} rules={rules.warnings}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="brand" label={fieldLabel('brand')} rules={rules.brand}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="origin" label={fieldLabel('origin')} rules={rules.origin}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="standard" label={fieldLabel('standard')} rules={rules.standard}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="declarationNo" label={fieldLabel('declarationNo')} rules={rules.declarationNo}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="image" label={fieldLabel('image')} rules={rules.image}>
            <ImageInput testId="product-image-file" />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            <Typography.Text strong>{t('products.sectionMore')}</Typography.Text>
          </Divider>
          <Form.Item
            name="lotPattern"
            label={fieldLabel('lotPattern')}
            rules={rules.lotPattern}
            extra={t('products.lotPatternHint')}
          >
            <Input maxLength={40} placeholder={DEFAULT_LOT_PATTERN} style={{ maxWidth: 320 }} />
          </Form.Item>
        </>
      )}
      <SaveBar saving={saving} label={submitLabel} onCancel={onCancel} onBack={onBack} />
    </Form>
  );
}
