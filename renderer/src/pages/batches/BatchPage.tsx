// Sản xuất: one screen, few actions. Pick a recipe (big buttons, most recently produced first) → the
// batch size is pre-filled from the recipe → inputs are scaled and lots proposed first-expired-first-out
// (every row: lot code, expiry, left, taken — changeable) → actual output pre-filled with the expected
// quantity, output lot code proposed → Save. Typical use from the home screen: click "Sản xuất", click
// the recipe, type the size, type the actual output, Save.
import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ExperimentOutlined, PlusOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Batch, BatchPlan } from '../../../../shared/api/batches';
import { ApiError } from '../../api/client';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import {
  dateText,
  foldedSearch,
  RecentCard,
  labelLink,
  qtyText,
  useLocations,
  useProducts,
  useRequestKey,
} from '../lots/common';
import { LotRows, overUse, pickedToLines, sumSelected, type PickedLot } from '../lots/LotRows';
import { isNumber, NumberInput } from '../../components/NumberInput';
import { OffRecipeInputs, type OffRecipeLine } from './OffRecipe';
import { WithReason } from '../../shell/rights';

const DATE_FORMAT = 'DD/MM/YYYY';

type PlanRequest = { recipeId: number; size?: number; locationId?: number; productionDate?: string };

export function BatchPage() {
  const { t } = useTranslation('records');
  const api = useApi();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [req, setReq] = useState<PlanRequest | null>(() =>
    params.get('recipe') ? { recipeId: Number(params.get('recipe')) } : null,
  );
  const [plan, setPlan] = useState<BatchPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [sizeText, setSizeText] = useState<number | null>(null);
  const [rows, setRows] = useState<PickedLot[][]>([]);
  const [offRecipe, setOffRecipe] = useState<OffRecipeLine[]>([]);
  const [output, setOutput] = useState<{ qty: number | null; lotCode: string; expiry: Dayjs | null; touched: boolean }>(
    { qty: null, lotCode: '', expiry: null, touched: false },
  );
  const [byProducts, setByProducts] = useState<{ qty: number | null; lotCode: string }[]>([]);
  const [operator, setOperator] = useState('');
  const [requestKey, renewKey] = useRequestKey();
  const [saved, setSaved] = useState<Batch | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const record = useApiMutation('batches.record');
  const { locations } = useLocations('production');
  const { byId } = useProducts();
  // The expected output is in the product's unit (the batch size is in the recipe's batch unit).
  const outUnit = plan ? (byId.get(plan.productId)?.unit ?? plan.unit) : '';

  // Each change of recipe, size, place or date asks the core for a new plan (scaled inputs + FEFO lots).
  // A link with ?recipe=ID (from the recipes list) opens that recipe, also when this page is already open.
  const recipeParam = params.get('recipe');
  useEffect(() => {
    if (!recipeParam) return;
    setSaved(null);
    setPlan(null);
    setOffRecipe([]);
    setOutput({ qty: null, lotCode: '', expiry: null, touched: false });
    setReq({ recipeId: Number(recipeParam) });
  }, [recipeParam]);

  const reqKey = JSON.stringify(req);
  useEffect(() => {
    if (!req) return;
    let cancelled = false;
    setPlanError(null);
    api.call('batches.plan', req).then(
      (p) => {
        if (cancelled) return;
        setPlan(p);
        setSizeText(p.size);
        setRows(p.inputs.map((r) => r.lots.map((l) => ({ ...l }))));
        setOutput((o) => ({
          qty: o.touched ? o.qty : p.expectedOutput,
          lotCode: o.touched && o.lotCode ? o.lotCode : p.outputLotCode,
          expiry: p.expiryDate ? dayjs(p.expiryDate) : null,
          touched: o.touched,
        }));
        setByProducts(p.byProducts.map((b) => ({ qty: b.expectedQty, lotCode: b.lotCode })));
      },
      (err: unknown) => !cancelled && setPlanError(err instanceof ApiError ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
    // reqKey stands for req (a new object each render would refetch in a loop).
  }, [reqKey, api]);

  // The size is applied a moment after the last key (or at once on Enter / leaving the field).
  useEffect(() => {
    if (!req || !isNumber(sizeText) || !plan || sizeText === (req.size ?? plan.size) || sizeText <= 0) return;
    const h = setTimeout(() => setReq((r) => (r ? { ...r, size: sizeText } : r)), 500);
    return () => clearTimeout(h);
  }, [sizeText, req, plan]);
  const applySize = () => {
    if (isNumber(sizeText) && sizeText > 0 && req && sizeText !== req.size) setReq({ ...req, size: sizeText });
  };

  const pickRecipe = (recipeId: number) => {
    setSaved(null);
    setPlan(null);
    setOffRecipe([]);
    setOutput({ qty: null, lotCode: '', expiry: null, touched: false });
    setReq({ recipeId, locationId: req?.locationId, productionDate: req?.productionDate });
  };

  const deviation = useMemo(() => {
    if (!plan || !output.qty || plan.expectedOutput <= 0) return null;
    const d = ((output.qty - plan.expectedOutput) / plan.expectedOutput) * 100;
    // The recipe's own tolerance, the same number the core judges the saved batch by.
    return Math.abs(d) > plan.tolerancePct ? Math.round(d * 10) / 10 : null;
  }, [plan, output.qty]);
  const stale = plan !== null && req !== null && (req.size ?? plan.size) !== plan.size;

  const onSave = async () => {
    if (!plan || record.isPending) return;
    setSaveError(null);
    const problems: string[] = [];
    if (!isNumber(output.qty) || output.qty <= 0) problems.push(`${t('batch.actual')}: ${t('common.requiredField')}`);
    if (byProducts.some((b) => Number.isNaN(b.qty)) || rows.some((rs) => rs.some((r) => Number.isNaN(r.selected))))
      problems.push(t('lots.unreadableQty'));
    problems.push(...rows.flatMap(overUse));
    if (rows.some((rs) => rs.some((r) => r.blockedState && !r.reason?.trim()))) problems.push(t('lots.reasonRequired'));
    if (problems.length) return setSaveError(problems.join(' '));
    const input = {
      recipeVersionId: plan.recipeVersionId,
      locationId: req?.locationId ?? plan.locationId ?? 0,
      productionDate: req?.productionDate ?? plan.productionDate,
      size: plan.size,
      operator: operator.trim() || null,
      inputs: [
        ...rows.flatMap(pickedToLines),
        ...offRecipe.map((l) => ({ lotId: l.lot.id, qty: l.qty, offRecipe: { reason: l.reason } })),
      ],
      outputs: [
        {
          lotCode: output.lotCode.trim() || null,
          qty: output.qty!,
          expiryDate: output.expiry ? output.expiry.format('YYYY-MM-DD') : null,
        },
        ...plan.byProducts
          .map((b, i) => ({
            productId: b.productId,
            lotCode: byProducts[i]?.lotCode.trim() || null,
            qty: byProducts[i]?.qty ?? 0,
            expiryDate: b.expiryDate,
          }))
          .filter((b) => b.qty > 0),
      ],
      requestKey,
    };
    try {
      const b = await record.mutateAsync(input);
      message.success(t('batch.saved', { code: b.code }));
      setSaved(b);
      renewKey();
    } catch (err) {
      if (err instanceof ApiError)
        setSaveError(err.fields.length ? err.fields.map((f) => f.message).join(' ') : err.message);
      else setSaveError(String(err));
    }
  };

  if (saved)
    return (
      <BatchSummary
        batch={saved}
        onAgain={() => {
          setSaved(null);
          setOffRecipe([]);
          setReq(null);
          setPlan(null);
        }}
      />
    );

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('batch.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('batch.intro')}</Typography.Text>
      </div>
      <RecipePicker selected={req?.recipeId ?? null} onPick={pickRecipe} />
      {planError && <Alert type="error" showIcon title={planError} />}
      {req && !plan && !planError && <Skeleton active />}
      {plan && (
        <>
          <Card
            size="small"
            title={t('batch.recipeVersion', { name: plan.recipeName, version: plan.version })}
            data-testid="batch-plan"
          >
            <Row gutter={16} align="bottom">
              <Col span={6}>
                <Typography.Text strong>{t('batch.size')}</Typography.Text>
                <NumberInput
                  size="large"
                  min={0}
                  minExclusive
                  value={sizeText}
                  onChange={(v) => {
                    setSizeText(v);
                    // The expected output scales with the size: show it at once (the new plan will agree), so
                    // it does not change under the user's fingers when the plan arrives.
                    if (isNumber(v) && v > 0 && !output.touched)
                      setOutput((o) => ({
                        ...o,
                        qty: Math.round((plan.expectedOutput * v * 1000) / plan.size) / 1000,
                      }));
                  }}
                  onBlur={applySize}
                  onPressEnter={applySize}
                  unit={plan.unit}
                  style={{ width: '100%', marginTop: 4 }}
                  data-testid="batch-size"
                />
              </Col>
              <Col span={7}>
                <Typography.Text>{t('common.location')}</Typography.Text>
                <Select
                  value={req?.locationId ?? plan.locationId ?? undefined}
                  options={locations.map((l) => ({ value: l.id, label: l.name }))}
                  onChange={(v: number) => setReq((r) => (r ? { ...r, locationId: v } : r))}
                  style={{ width: '100%', marginTop: 4 }}
                  data-testid="batch-location"
                />
              </Col>
              <Col span={5}>
                <Typography.Text>{t('batch.productionDate')}</Typography.Text>
                <DatePicker
                  value={dayjs(req?.productionDate ?? plan.productionDate)}
                  format={DATE_FORMAT}
                  allowClear={false}
                  onChange={(d) => d && setReq((r) => (r ? { ...r, productionDate: d.format('YYYY-MM-DD') } : r))}
                  style={{ width: '100%', marginTop: 4 }}
                />
              </Col>
              <Col span={6}>
                <Typography.Text>{t('batch.operator')}</Typography.Text>
                <Input
                  value={operator}
                  onChange={(e) => setOperator(e.target.value)}
                  maxLength={100}
                  style={{ marginTop: 4 }}
                />
              </Col>
            </Row>
            <Divider titlePlacement="start" plain style={{ margin: '16px 0 8px' }}>
              <Typography.Text strong>{t('batch.inputs')}</Typography.Text>
            </Divider>
            {plan.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={plan.warnings.map((w) => w.message).join(' ')}
                style={{ marginBottom: 8 }}
                data-testid="plan-warnings"
              />
            )}
            <Flex vertical gap={12} style={{ opacity: stale ? 0.5 : 1 }}>
              {plan.inputs.map((inp, i) => (
                <div key={inp.productId + ':' + i}>
                  <Typography.Text strong>
                    {inp.productName}: {qtyText(inp.need, inp.unit)}
                  </Typography.Text>
                  {inp.recipeUnit !== inp.unit && (
                    <Typography.Text type="secondary"> ({qtyText(inp.recipeQty, inp.recipeUnit)})</Typography.Text>
                  )}
                  <LotRows
                    productId={inp.productId}
                    rows={rows[i] ?? []}
                    others={inp.otherLots
                      .filter((o) => !(rows[i] ?? []).some((r) => r.lotId === o.lotId))
                      .concat(inp.lots.filter((l) => !(rows[i] ?? []).some((r) => r.lotId === l.lotId)))}
                    need={inp.need}
                    unit={inp.unit}
                    onChange={(next) => setRows((all) => all.map((r, k) => (k === i ? next : r)))}
                    testId={`batch-input-${i}`}
                  />
                </div>
              ))}
              <OffRecipeInputs
                recipeName={plan.recipeName}
                recipeProductIds={[plan.productId, ...plan.inputs.map((x) => x.productId)]}
                lines={offRecipe}
                onChange={setOffRecipe}
              />
            </Flex>
            <Divider titlePlacement="start" plain style={{ margin: '16px 0 8px' }}>
              <Typography.Text strong>
                {t('batch.output')}: {plan.productName}
              </Typography.Text>
            </Divider>
            <Row gutter={16} align="top">
              <Col span={6}>
                <Typography.Text strong>{t('batch.actual')}</Typography.Text>
                <NumberInput
                  size="large"
                  min={0}
                  minExclusive
                  value={output.qty}
                  onChange={(v) => setOutput((o) => ({ ...o, qty: v, touched: true }))}
                  unit={outUnit}
                  style={{ width: '100%', marginTop: 4 }}
                  status={deviation !== null ? 'warning' : undefined}
                  data-testid="batch-output-qty"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('batch.expected', { qty: qtyText(plan.expectedOutput, outUnit) })}
                </Typography.Text>
              </Col>
              <Col span={7}>
                <Typography.Text>{t('batch.outputLot')}</Typography.Text>
                <Input
                  value={output.lotCode}
                  onChange={(e) => setOutput((o) => ({ ...o, lotCode: e.target.value, touched: true }))}
                  maxLength={20}
                  style={{ marginTop: 4, fontFamily: 'monospace' }}
                  data-testid="batch-output-lot"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('common.proposedCode')}
                </Typography.Text>
              </Col>
              <Col span={5}>
                <Typography.Text>{t('common.hsd')}</Typography.Text>
                <DatePicker
                  value={output.expiry}
                  format={DATE_FORMAT}
                  placeholder={t('common.datePlaceholder')}
                  onChange={(d) => setOutput((o) => ({ ...o, expiry: d }))}
                  style={{ width: '100%', marginTop: 4 }}
                  data-testid="batch-output-expiry"
                />
              </Col>
            </Row>
            {plan.byProducts.length > 0 && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>{t('batch.byProducts')}</Typography.Text>
                {plan.byProducts.map((b, i) => (
                  <Space key={b.productId} style={{ display: 'flex', marginTop: 6 }}>
                    <span style={{ display: 'inline-block', minWidth: 200 }}>{b.productName}</span>
                    <NumberInput
                      min={0}
                      value={byProducts[i]?.qty}
                      unit={b.unit}
                      onChange={(v) => setByProducts((all) => all.map((x, k) => (k === i ? { ...x, qty: v } : x)))}
                      style={{ width: 150 }}
                    />
                    <Input
                      value={byProducts[i]?.lotCode}
                      maxLength={20}
                      onChange={(e) =>
                        setByProducts((all) => all.map((x, k) => (k === i ? { ...x, lotCode: e.target.value } : x)))
                      }
                      style={{ width: 200, fontFamily: 'monospace' }}
                    />
                  </Space>
                ))}
              </div>
            )}
            {deviation !== null && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="mass-balance-warning"
                title={t('batch.massBalance', {
                  actual: qtyText(output.qty ?? 0, outUnit),
                  expected: qtyText(plan.expectedOutput, outUnit),
                  deviation: qtyText(deviation),
                  tol: plan.tolerancePct,
                })}
              />
            )}
            {saveError && (
              <Alert type="error" showIcon style={{ marginTop: 12 }} title={saveError} data-testid="form-error" />
            )}
            <Flex
              gap={12}
              align="center"
              style={{
                marginTop: 16,
                position: 'sticky',
                bottom: 0,
                background: '#fff',
                padding: '12px 0',
                zIndex: 2,
                borderTop: '1px solid #f0f0f0',
              }}
            >
              <WithReason reason={stale ? t('batch.staleReason') : undefined}>
                <Button
                  type="primary"
                  size="large"
                  icon={<SaveOutlined />}
                  onClick={() => void onSave()}
                  loading={record.isPending}
                  disabled={record.isPending || stale}
                  data-testid="save"
                >
                  {t('batch.save')}
                </Button>
              </WithReason>
              {output.qty ? (
                <Typography.Text>
                  {plan.productName}: <strong>{qtyText(output.qty, outUnit)}</strong> ·{' '}
                  <span style={{ fontFamily: 'monospace' }}>{output.lotCode}</span>
                </Typography.Text>
              ) : null}
              {rows.some((r, i) => sumSelected(r) < (plan.inputs[i]?.need ?? 0)) && (
                <Typography.Text type="warning">{t('batch.shortfallAll')}</Typography.Text>
              )}
            </Flex>
          </Card>
        </>
      )}
      {!req && <RecentBatches />}
    </Flex>
  );
}

function RecipePicker({ selected, onPick }: { selected: number | null; onPick: (id: number) => void }) {
  const { t } = useTranslation('records');
  const recipes = useApiQuery('recipes.list', { limit: 1000, sort: 'updatedAt', order: 'desc' });
  const recent = useApiQuery('batches.list', { limit: 100 });
  // Recipes of the products made most recently come first.
  const ordered = useMemo(() => {
    const items = recipes.data?.items ?? [];
    const rank = new Map<number, number>();
    (recent.data?.items ?? []).forEach((b, i) => !rank.has(b.productId) && rank.set(b.productId, i));
    return [...items].sort((a, b) => (rank.get(a.productId) ?? 1e9) - (rank.get(b.productId) ?? 1e9));
  }, [recipes.data, recent.data]);
  if (recipes.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (!ordered.length) {
    return (
      <Card size="small">
        <Empty description={t('batch.noRecipes')}>
          <Link to="/recipes?new=1">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('batch.addRecipe')}
            </Button>
          </Link>
        </Empty>
      </Card>
    );
  }
  const big = ordered.slice(0, 8);
  return (
    <Card size="small" title={t('batch.pickRecipe')}>
      <Flex wrap gap={8} align="center">
        {big.map((r) => (
          <Button
            key={r.id}
            size="large"
            type={selected === r.id ? 'primary' : 'default'}
            icon={<ExperimentOutlined />}
            onClick={() => onPick(r.id)}
            data-testid={`recipe-${r.id}`}
            style={{ height: 'auto', padding: '8px 16px', whiteSpace: 'normal', textAlign: 'left' }}
          >
            <span>
              <strong>{r.name}</strong>
              <br />
              <Typography.Text
                type={selected === r.id ? undefined : 'secondary'}
                style={{ fontSize: 12, color: selected === r.id ? '#fff' : undefined }}
              >
                {r.productName} · {qtyText(r.batchSize, r.batchUnit)}
              </Typography.Text>
            </span>
          </Button>
        ))}
        {ordered.length > big.length && (
          <Select
            showSearch={foldedSearch}
            placeholder={t('batch.searchRecipe')}
            value={selected && !big.some((b) => b.id === selected) ? selected : undefined}
            options={ordered.map((r) => ({ value: r.id, label: `${r.name} (${r.productName})` }))}
            onChange={(v: number) => onPick(v)}
            style={{ minWidth: 260 }}
            data-testid="recipe-search"
          />
        )}
      </Flex>
    </Card>
  );
}

export function BatchSummary({ batch, onAgain }: { batch: Batch; onAgain?: () => void }) {
  const { t } = useTranslation('records');
  const labels = batch.outputs[0] ? labelLink(batch.outputs[0].lot) : null;
  return (
    <Card data-testid="batch-saved">
      <Result
        status={batch.warnings.length ? 'warning' : 'success'}
        title={onAgain ? t('batch.saved', { code: batch.code }) : `${t('batch.code')} ${batch.code}`}
        subTitle={`${batch.productName} · ${dateText(batch.productionDate)} · ${batch.locationName}`}
        extra={[
          labels && (
            <Link key="labels" to={labels}>
              <Button type="primary" icon={<PrinterOutlined />}>
                {t('common.printLabels')}
              </Button>
            </Link>
          ),
          onAgain && (
            <Button key="again" type={labels ? 'default' : 'primary'} onClick={onAgain} data-testid="batch-again">
              {t('batch.again')}
            </Button>
          ),
        ]}
      />
      {batch.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon title={w.message} style={{ marginBottom: 12 }} />
      ))}
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Title level={5}>{t('batch.outputs')}</Typography.Title>
          <Table
            size="small"
            rowKey={(o) => o.lot.id}
            pagination={false}
            dataSource={batch.outputs}
            columns={[
              { title: t('common.product'), render: (_, o) => o.lot.productName },
              {
                title: t('common.lotCode'),
                render: (_, o) => (
                  <Link to={`/lots/${o.lot.id}`} data-testid="output-lot-link">
                    {o.lot.code}
                  </Link>
                ),
              },
              { title: t('common.qty'), render: (_, o) => qtyText(o.qty, o.unit) },
              { title: t('common.hsd'), render: (_, o) => dateText(o.lot.expiryDate) },
            ]}
          />
        </Col>
        <Col span={12}>
          <Typography.Title level={5}>{t('lots.madeFrom')}</Typography.Title>
          <Table
            size="small"
            rowKey="lotId"
            pagination={false}
            dataSource={batch.inputs}
            columns={[
              {
                title: t('common.product'),
                render: (_, i) => (
                  <>
                    {i.productName}{' '}
                    {i.offRecipe && (
                      <Tooltip title={`${t('lots.reason')}: ${i.offRecipe}`}>
                        <Tag color="orange" data-testid="input-off-recipe">
                          {t('batch.offRecipeTag')}
                        </Tag>
                      </Tooltip>
                    )}
                  </>
                ),
              },
              { title: t('common.lotCode'), render: (_, i) => <Link to={`/lots/${i.lotId}`}>{i.lotCode}</Link> },
              { title: t('common.qty'), render: (_, i) => qtyText(i.qty, i.unit) },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function RecentBatches() {
  const { t } = useTranslation('records');
  return (
    <RecentCard
      title={t('batch.recent')}
      method="batches.list"
      columns={[
        { title: t('common.date'), dataIndex: 'productionDate', width: 110, render: (d: string) => dateText(d) },
        {
          title: t('batch.code'),
          dataIndex: 'code',
          width: 140,
          render: (v: string, b) => <Link to={`/batches/${b.id}`}>{v}</Link>,
        },
        { title: t('common.product'), dataIndex: 'productName' },
        { title: t('batch.outputs'), dataIndex: 'outputLots' },
        { title: t('batch.size'), width: 120, render: (_, b) => (b.size ? qtyText(b.size, b.unit) : '') },
      ]}
    />
  );
}
