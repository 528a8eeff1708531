// Công thức: what one batch uses. Inputs as quantities per batch size or as % of it, any unit that
// converts, expected yield / loss, by-products and steps. Editing saves a new version; batches already
// made keep the version they used.
import { useEffect, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  EyeOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TOLERANCE_PCT,
  type Recipe,
  type RecipeInput,
  type RecipeListItem,
} from '../../../../shared/api/recipes';
import { UNITS, unitLabel } from '../../../../shared/domain/units';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { currentLang } from '../../i18n';
import { dateTimeText, placeFieldErrors, ProductSelect, qtyText, useProducts } from '../lots/common';
import { NumberInput, readableNumber } from '../../components/NumberInput';
import { useRights, WithReason } from '../../shell/rights';

type LineValues = { productId?: number; qty?: number | null; percent?: number | null; unit?: string };
type Values = {
  productId?: number;
  name?: string;
  batchSize?: number;
  batchUnit?: string;
  inputMode: 'quantity' | 'percent';
  inputs: LineValues[];
  byProducts: LineValues[];
  yieldPct?: number | null;
  lossPct?: number | null;
  tolerancePct?: number | null;
  steps?: string;
};

export function RecipesPage() {
  const { t } = useTranslation('records');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<number | null | undefined>(undefined); // undefined closed, null new
  const list = useApiQuery('recipes.list', { limit: 1000, sort: 'name' });
  const rights = useRights();
  const canEdit = rights.may('recipes.update');

  useEffect(() => {
    if (params.get('new') === '1') {
      setEditing(null);
      setParams({}, { replace: true });
    }
  }, [params, setParams]);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('recipe.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('recipe.intro')}</Typography.Text>
        </div>
        <WithReason reason={rights.reason('recipes.create')}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            disabled={!rights.may('recipes.create')}
            data-testid="recipe-new"
          >
            {t('recipe.new')}
          </Button>
        </WithReason>
      </Flex>
      <Table<RecipeListItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="recipes-table"
        columns={[
          { title: t('recipe.name'), dataIndex: 'name' },
          { title: t('recipe.product'), dataIndex: 'productName' },
          { title: t('recipe.batchSize'), width: 130, render: (_, r) => qtyText(r.batchSize, r.batchUnit) },
          { title: t('recipe.inputCount'), dataIndex: 'inputCount', width: 120, align: 'right' },
          { title: t('recipe.version'), dataIndex: 'version', width: 100, render: (v: number) => <Tag>v{v}</Tag> },
          {
            key: 'a',
            width: 230,
            render: (_, r) => (
              <Space>
                {rights.may('batches.record') ? (
                  <Link to={`/batches?recipe=${r.id}`}>
                    <Button size="small" type="primary" ghost icon={<ExperimentOutlined />}>
                      {t('recipe.produce')}
                    </Button>
                  </Link>
                ) : (
                  <WithReason reason={rights.reason('batches.record')}>
                    <Button size="small" type="primary" ghost icon={<ExperimentOutlined />} disabled>
                      {t('recipe.produce')}
                    </Button>
                  </WithReason>
                )}
                <Button
                  size="small"
                  icon={canEdit ? <EditOutlined /> : <EyeOutlined />}
                  onClick={() => setEditing(r.id)}
                  data-testid={`recipe-open-${r.id}`}
                >
                  {canEdit ? t('common:edit') : t('recipe.viewButton')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? (canEdit ? t('recipe.edit') : t('recipe.view')) : t('recipe.new')}
        size={820}
        destroyOnHidden
      >
        {editing !== undefined && (
          <RecipeEditor id={editing} readOnly={!canEdit} onDone={() => setEditing(undefined)} />
        )}
      </Drawer>
    </Flex>
  );
}

function RecipeEditor({ id, readOnly, onDone }: { id: number | null; readOnly: boolean; onDone: () => void }) {
  const api = useApi();
  const [recipe, setRecipe] = useState<Recipe | null | undefined>(id ? undefined : null);
  useEffect(() => {
    if (id) void api.call('recipes.get', { id }).then(setRecipe);
  }, [api, id]);
  if (recipe === undefined) return null;
  return <RecipeForm recipe={recipe} readOnly={readOnly && !!recipe} onDone={onDone} />;
}

function RecipeForm({ recipe, readOnly, onDone }: { recipe: Recipe | null; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation('records');
  const { message } = App.useApp();
  const lang = currentLang();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('inputMode', form) ?? recipe?.current.inputMode ?? 'quantity';
  const { byId } = useProducts();
  const create = useApiMutation('recipes.create');
  const update = useApiMutation('recipes.update');
  const [error, setError] = useState<string | null>(null);
  const unitOptions = UNITS.map((u) => ({ value: u.code, label: unitLabel(u.code, lang) }));
  const saving = create.isPending || update.isPending;

  const initial: Values = recipe
    ? {
        productId: recipe.productId,
        name: recipe.name,
        batchSize: recipe.current.batchSize,
        batchUnit: recipe.current.batchUnit,
        inputMode: recipe.current.inputMode,
        inputs: recipe.current.inputs.map((l) => ({
          productId: l.productId,
          qty: l.qty,
          percent: l.percent,
          unit: l.unit,
        })),
        byProducts: recipe.current.byProducts.map((l) => ({ productId: l.productId, qty: l.qty, unit: l.unit })),
        yieldPct: recipe.current.yieldPct,
        lossPct: recipe.current.lossPct,
        tolerancePct: recipe.current.tolerancePct,
        steps: recipe.current.steps ?? undefined,
      }
    : { inputMode: 'quantity', batchUnit: 'kg', inputs: [{}], byProducts: [] };

  const onValuesChange = (changed: Partial<Values>) => {
    // A new product sets the batch unit and a name; a new input sets its unit.
    if (changed.productId) {
      const p = byId.get(changed.productId);
      if (p) {
        form.setFieldValue('batchUnit', p.unit);
        if (!form.getFieldValue('name')) form.setFieldValue('name', p.name);
      }
    }
    for (const list of ['inputs', 'byProducts'] as const) {
      changed[list]?.forEach((c, i) => {
        if (c?.productId) form.setFieldValue([list, i, 'unit'], byId.get(c.productId)?.unit);
      });
    }
  };

  const onFinish = async (v: Values) => {
    setError(null);
    const line = (l: LineValues) => ({
      productId: l.productId!,
      qty: v.inputMode === 'quantity' ? (l.qty ?? undefined) : undefined,
      percent: v.inputMode === 'percent' ? (l.percent ?? undefined) : undefined,
      unit: l.unit,
    });
    const input: RecipeInput = {
      productId: v.productId!,
      name: v.name ?? '',
      batchSize: v.batchSize!,
      batchUnit: v.batchUnit,
      inputMode: v.inputMode,
      inputs: (v.inputs ?? []).map(line),
      byProducts: (v.byProducts ?? []).map((l) => ({ productId: l.productId!, qty: l.qty ?? undefined, unit: l.unit })),
      yieldPct: v.yieldPct ?? null,
      lossPct: v.lossPct ?? null,
      tolerancePct: v.tolerancePct ?? null,
      steps: v.steps ?? null,
    };
    try {
      if (recipe) await update.mutateAsync({ ...input, id: recipe.id });
      else await create.mutateAsync(input);
      message.success(t('common.savedTitle'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        const left = placeFieldErrors(form, err);
        if (left.length) setError(left.join(' '));
      } else setError(String(err));
    }
  };

  const req = [{ required: true, message: t('common.requiredField') }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      requiredMark={false}
      disabled={readOnly}
      data-testid="recipe-form"
    >
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('recipe.viewNote')} />}
      {recipe && !readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('recipe.editNote', {
            next: Math.max(...recipe.versions.map((x) => x.version), recipe.current.version) + 1,
          })}
          description={recipe.versions
            .map((x) => `v${x.version} · ${dateTimeText(x.createdAt)} · ${x.batches} ${t('recipe.batches')}`)
            .join('  |  ')}
        />
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="productId" label={t('recipe.product')} rules={req}>
            <ProductSelect kinds={['finished', 'intermediate']} testId="recipe-product" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('recipe.name')} rules={req}>
            <Input maxLength={200} data-testid="recipe-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label={t('recipe.batchSize')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="batchSize" noStyle rules={[...req, readableNumber]}>
                <NumberInput min={0} minExclusive style={{ width: '60%' }} data-testid="recipe-batch-size" />
              </Form.Item>
              <Form.Item name="batchUnit" noStyle>
                <Select options={unitOptions} style={{ width: '40%' }} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="yieldPct"
            label={t('recipe.yieldPct')}
            tooltip={t('recipe.yieldHint')}
            rules={[readableNumber]}
          >
            <NumberInput min={0} minExclusive max={1000} suffix="%" data-testid="recipe-yield" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="lossPct" label={t('recipe.lossPct')} rules={[readableNumber]}>
            <NumberInput min={0} max={100} suffix="%" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="tolerancePct"
            label={t('recipe.tolerancePct')}
            tooltip={t('recipe.toleranceHint', { pct: DEFAULT_TOLERANCE_PCT })}
            rules={[readableNumber]}
          >
            <NumberInput
              min={0}
              max={100}
              suffix="%"
              placeholder={String(DEFAULT_TOLERANCE_PCT)}
              data-testid="recipe-tolerance"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="inputMode" label={t('recipe.inputMode')}>
        <Radio.Group
          options={[
            { value: 'quantity', label: t('recipe.modeQuantity') },
            { value: 'percent', label: t('recipe.modePercent') },
          ]}
        />
      </Form.Item>
      <LinesEditor
        name="inputs"
        title={t('recipe.inputs')}
        addLabel={t('recipe.addInput')}
        mode={mode}
        unitOptions={unitOptions}
      />
      <LinesEditor
        name="byProducts"
        title={t('recipe.byProducts')}
        addLabel={t('recipe.addByProduct')}
        mode="quantity"
        unitOptions={unitOptions}
      />
      <Form.Item name="steps" label={t('recipe.steps')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      {!readOnly && (
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={saving}
          data-testid="save"
        >
          {t('common:save')}
        </Button>
      )}
    </Form>
  );
}

function LinesEditor({
  name,
  title,
  addLabel,
  mode,
  unitOptions,
}: {
  name: 'inputs' | 'byProducts';
  title: string;
  addLabel: string;
  mode: 'quantity' | 'percent';
  unitOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation('records');
  // The product the recipe makes is never its own ingredient.
  const made = Form.useWatch('productId', Form.useFormInstance()) as number | undefined;
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="top">
                <Col span={13}>
                  <Form.Item
                    name={[f.name, 'productId']}
                    rules={[{ required: true, message: t('common.requiredField') }]}
                    style={{ marginBottom: 8 }}
                  >
                    <ProductSelect testId={`${name}-product-${i}`} style={{ width: '100%' }} exclude={made} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  {mode === 'quantity' ? (
                    <Form.Item
                      name={[f.name, 'qty']}
                      rules={[{ required: true, message: t('common.requiredField') }, readableNumber]}
                      style={{ marginBottom: 8 }}
                    >
                      <NumberInput
                        min={0}
                        minExclusive
                        placeholder={t('common.qty')}
                        data-testid={`${name}-qty-${i}`}
                      />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name={[f.name, 'percent']}
                      rules={[{ required: true, message: t('common.requiredField') }, readableNumber]}
                      style={{ marginBottom: 8 }}
                    >
                      <NumberInput min={0} minExclusive max={1000} suffix="%" data-testid={`${name}-percent-${i}`} />
                    </Form.Item>
                  )}
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'unit']} style={{ marginBottom: 8 }}>
                    <Select options={unitOptions} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Col>
              </Row>
            ))}
            <div>
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`${name}-add`}>
                {addLabel}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
