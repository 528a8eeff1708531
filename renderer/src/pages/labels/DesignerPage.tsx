// The template designer: the label at real proportions (zoomable) with the printed bitmap as background, elements
// dragged with the mouse (snapped to 0.5 mm), their properties edited on the side, the checks listed, and the
// result saved as the user's own template (built-in ones are copied, never changed).
// "Xem đúng kích thước" swaps the canvas for the same bitmap at true size on this screen, zoomable to the dot.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Slider,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { LabelTemplate, TemplateInfo } from '../../../../shared/api/labels';
import type { LabelData } from '../../../../shared/labels/fields';
import { FIELD_KEYS } from '../../../../shared/labels/fields';
import { SYMBOLOGIES, type LabelElement } from '../../../../shared/labels/model';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { ChecksOk } from './ChecksOk';
import { TrueSizePreview } from '../../components/TrueSizePreview';
import { isNumber, NumberInput } from '../../components/NumberInput';
import { parseLang } from '../../../../shared/i18n/messages';
import {
  elementWords,
  LABEL_FIELD_WORDS,
  placeholdersToWords,
  wordsToPlaceholders,
} from '../../../../shared/labels/words';

/** Shown when no lot is chosen: a complete food product, so every field has something to show. */
const SAMPLE: LabelData = {
  product: {
    name: 'Hạt điều rang muối',
    code: 'HDRM',
    gtin: '9520000000011',
    netQuantity: '500 g',
    ingredients: 'Hạt điều (98%), muối',
    storage: 'Nơi khô ráo, thoáng mát',
    usage: 'Dùng ngay sau khi mở bao',
    warnings: 'Không dùng cho người dị ứng hạt điều',
    origin: 'Việt Nam',
    kind: 'finished',
  },
  business: { name: 'Công ty TNHH Hạt Điều Đồng Nai', address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai' },
  lot: { code: 'L261129-01', productionDate: '2026-11-29', expiryDate: '2027-11-29' },
};

const snap = (v: number) => Math.max(0, Math.round(v * 2) / 2);

export function DesignerPage() {
  const { t, i18n } = useTranslation('labels');
  const lang = parseLang(i18n.language);
  const { message } = App.useApp();
  const templates = useApiQuery('labels.templates', {});
  const lots = useApiQuery('lots.list', { limit: 200, sort: 'createdAt', order: 'desc' });
  const [source, setSource] = useState<TemplateInfo | null>(null);
  const [tpl, setTpl] = useState<LabelTemplate | null>(null);
  const [lotId, setLotId] = useState<number | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [zoom, setZoom] = useState(6);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const save = useApiMutation('labels.saveTemplate', { invalidates: ['labels.'] });
  const drag = useRef<{ id: string; startX: number; startY: number; ex: number; ey: number } | null>(null);

  useEffect(() => {
    if (!source && templates.data?.length) {
      setSource(templates.data[0]);
      setTpl(templates.data[0].template);
    }
  }, [templates.data, source]);
  const preview = useApiQuery(
    'labels.preview',
    lotId
      ? { lotId, template: tpl ?? 'default:food-50x30', dpi: 203 }
      : { data: SAMPLE, template: tpl ?? 'default:food-50x30', dpi: 203 },
    { enabled: !!tpl, placeholderData: (prev) => prev },
  );
  const el = useMemo(() => tpl?.elements.find((e) => e.id === selected) ?? null, [tpl, selected]);

  function update(id: string, patch: Partial<LabelElement>) {
    setTpl((cur) =>
      cur
        ? { ...cur, elements: cur.elements.map((e) => (e.id === id ? ({ ...e, ...patch } as LabelElement) : e)) }
        : cur,
    );
  }
  function add(kind: 'text' | 'barcode' | 'box') {
    if (!tpl) return;
    const id = `${kind}${Date.now() % 100000}`;
    const base = { id, x: 1, y: 1 };
    const e: LabelElement =
      kind === 'text'
        ? {
            ...base,
            type: 'text',
            w: Math.min(20, tpl.widthMm - 1),
            h: 5,
            content: '{productName}',
            fontSize: 8,
            minFontSize: 5,
          }
        : kind === 'barcode'
          ? {
              ...base,
              type: 'barcode',
              w: Math.min(15, tpl.widthMm - 1),
              h: Math.min(15, tpl.heightMm - 1),
              symbology: 'qr-digital-link',
              ais: ['01', '10', '17'],
              moduleMm: 0.5,
            }
          : { ...base, type: 'box', w: 10, h: 5, thickness: 0.3 };
    setTpl({ ...tpl, elements: [...tpl.elements, e] });
    setSelected(id);
  }
  function onPointerDown(ev: React.PointerEvent, e: LabelElement) {
    (ev.target as HTMLElement).setPointerCapture(ev.pointerId);
    setSelected(e.id);
    drag.current = { id: e.id, startX: ev.clientX, startY: ev.clientY, ex: e.x, ey: e.y };
  }
  function onPointerMove(ev: React.PointerEvent) {
    const d = drag.current;
    if (!d) return;
    const x = snap(d.ex + (ev.clientX - d.startX) / zoom);
    const y = snap(d.ey + (ev.clientY - d.startY) / zoom);
    const cur = tpl?.elements.find((e) => e.id === d.id);
    if (!cur) return;
    if (cur.type === 'line')
      update(d.id, { x, y, x2: cur.x2 + (x - cur.x), y2: cur.y2 + (y - cur.y) } as Partial<LabelElement>);
    else update(d.id, { x, y });
  }
  async function onSave() {
    if (!tpl) return;
    try {
      const saved = await save.mutateAsync({
        ...(source && !source.builtIn && source.id ? { id: source.id } : { basedOn: source?.ref ?? null }),
        template: tpl,
      });
      setSource(saved);
      message.success(t('designer.saved', { name: saved.name }));
    } catch (err) {
      message.error((err as ApiError).message);
    }
  }

  if (!tpl) return null;
  const p = preview.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3}>{t('designer.title')}</Typography.Title>
      <Space wrap>
        <Select
          style={{ minWidth: 280 }}
          value={source?.ref}
          onChange={(ref) => {
            const s = templates.data?.find((x) => x.ref === ref) ?? null;
            setSource(s);
            setTpl(s?.template ?? null);
            setSelected(null);
          }}
          options={templates.data?.map((x) => ({ value: x.ref, label: x.name }))}
          data-testid="designer-template"
        />
        <Select
          style={{ minWidth: 220 }}
          allowClear
          placeholder={t('designer.sampleData')}
          value={lotId}
          onChange={setLotId}
          options={lots.data?.items.map((l) => ({ value: l.id, label: `${l.productCode}/${l.code}` }))}
        />
        <Segmented
          value={mode}
          onChange={setMode}
          options={[
            { value: 'edit', label: t('preview.editMode') },
            { value: 'preview', label: <span data-testid="designer-mode-preview">{t('preview.previewMode')}</span> },
          ]}
        />
        {mode === 'edit' && (
          <>
            <span>{t('designer.zoom')}</span>
            <Slider style={{ width: 120 }} min={2} max={12} value={zoom} onChange={setZoom} />
          </>
        )}
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card>
            {mode === 'preview' && p?.png ? (
              <TrueSizePreview bitmap={{ ...p, png: p.png }} initialZoom={1} testId="designer-preview" />
            ) : (
              <div
                data-testid="designer-canvas"
                onPointerMove={onPointerMove}
                onPointerUp={() => (drag.current = null)}
                style={{
                  position: 'relative',
                  width: tpl.widthMm * zoom,
                  height: tpl.heightMm * zoom,
                  border: '1px solid #999',
                  background: '#fff',
                  userSelect: 'none',
                  touchAction: 'none',
                }}
              >
                {p?.png && (
                  <img
                    src={p.png}
                    alt=""
                    style={{
                      position: 'absolute',
                      inset: 0,
                      width: '100%',
                      height: '100%',
                      imageRendering: 'pixelated',
                      pointerEvents: 'none',
                    }}
                  />
                )}
                {tpl.elements.map((e) => {
                  const w = e.type === 'line' ? Math.max(1, Math.abs(e.x2 - e.x)) : e.w;
                  const h = e.type === 'line' ? Math.max(1, Math.abs(e.y2 - e.y)) : e.h;
                  return (
                    <div
                      key={e.id}
                      data-testid={`designer-el-${e.id}`}
                      onPointerDown={(ev) => onPointerDown(ev, e)}
                      style={{
                        position: 'absolute',
                        left: e.x * zoom,
                        top: e.y * zoom,
                        width: w * zoom,
                        height: h * zoom,
                        cursor: 'move',
                        outline: e.id === selected ? '2px solid #1677ff' : '1px dashed rgba(22,119,255,0.35)',
                      }}
                    />
                  );
                })}
              </div>
            )}
            <Space style={{ marginTop: 12, display: mode === 'edit' ? undefined : 'none' }} wrap>
              <Button onClick={() => add('text')}>{t('designer.addText')}</Button>
              <Button onClick={() => add('barcode')}>{t('designer.addBarcode')}</Button>
              <Button onClick={() => add('box')}>{t('designer.addBox')}</Button>
            </Space>
            {p &&
              (p.problems.length ? (
                <List
                  size="small"
                  style={{ marginTop: 12 }}
                  dataSource={p.problems}
                  renderItem={(x) => (
                    <List.Item>
                      <Alert
                        style={{ width: '100%' }}
                        type={x.severity === 'error' ? 'error' : 'warning'}
                        title={x.message}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <div style={{ marginTop: 12 }}>
                  <ChecksOk preview={p} />
                </div>
              ))}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('designer.properties')}>
            <Flex vertical gap={8}>
              <Input
                prefix={t('designer.name')}
                value={tpl.name}
                onChange={(e) => setTpl({ ...tpl, name: e.target.value })}
                data-testid="designer-name"
              />
              <Space>
                <NumberInput
                  style={{ width: 130 }}
                  noEcho
                  prefix="W"
                  suffix="mm"
                  min={10}
                  max={300}
                  value={tpl.widthMm}
                  onChange={(v) => isNumber(v) && setTpl({ ...tpl, widthMm: v })}
                />
                <NumberInput
                  style={{ width: 130 }}
                  noEcho
                  prefix="H"
                  suffix="mm"
                  min={5}
                  max={400}
                  value={tpl.heightMm}
                  onChange={(v) => isNumber(v) && setTpl({ ...tpl, heightMm: v })}
                />
              </Space>
              {el && (
                <>
                  <Typography.Text strong>{elementWords(el, lang)}</Typography.Text>
                  <Space wrap>
                    <NumberInput
                      style={{ width: 130 }}
                      noEcho
                      prefix="x"
                      min={0}
                      value={el.x}
                      onChange={(v) => isNumber(v) && update(el.id, { x: v })}
                    />
                    <NumberInput
                      style={{ width: 130 }}
                      noEcho
                      prefix="y"
                      min={0}
                      value={el.y}
                      onChange={(v) => isNumber(v) && update(el.id, { y: v })}
                    />
                    {el.type !== 'line' && (
                      <NumberInput
                        style={{ width: 130 }}
                        noEcho
                        prefix="w"
                        min={0.5}
                        value={el.w}
                        onChange={(v) => isNumber(v) && update(el.id, { w: v })}
                      />
                    )}
                    {el.type !== 'line' && (
                      <NumberInput
                        style={{ width: 130 }}
                        noEcho
                        prefix="h"
                        min={0.5}
                        value={el.h}
                        onChange={(v) => isNumber(v) && update(el.id, { h: v })}
                      />
                    )}
                  </Space>
                  {el.type === 'text' && (
                    <>
                      <Input.TextArea
                        rows={4}
                        value={placeholdersToWords(el.content, lang)}
                        onChange={(e) => update(el.id, { content: wordsToPlaceholders(e.target.value, lang) })}
                        data-testid="designer-content"
                      />
                      <Select
                        placeholder={t('designer.insertField')}
                        value={null}
                        onChange={(k) => update(el.id, { content: `${el.content}{${k}}` })}
                        options={FIELD_KEYS.map((k) => ({
                          value: k,
                          label: LABEL_FIELD_WORDS[lang][k],
                        }))}
                      />
                      <Space wrap>
                        <NumberInput
                          style={{ width: 130 }}
                          noEcho
                          prefix={t('designer.fontSize')}
                          min={3}
                          max={144}
                          value={el.fontSize}
                          onChange={(v) => isNumber(v) && update(el.id, { fontSize: v })}
                        />
                        <NumberInput
                          style={{ width: 130 }}
                          noEcho
                          prefix={t('designer.minFontSize')}
                          min={3}
                          max={144}
                          value={el.minFontSize}
                          onChange={(v) => !Number.isNaN(v) && update(el.id, { minFontSize: v ?? undefined })}
                        />
                        <Checkbox checked={!!el.bold} onChange={(e) => update(el.id, { bold: e.target.checked })}>
                          {t('designer.bold')}
                        </Checkbox>
                        <Checkbox
                          checked={el.wrap !== false}
                          onChange={(e) => update(el.id, { wrap: e.target.checked })}
                        >
                          {t('designer.wrap')}
                        </Checkbox>
                      </Space>
                    </>
                  )}
                  {el.type === 'barcode' && (
                    <Space wrap>
                      <Select
                        style={{ minWidth: 200 }}
                        value={el.symbology}
                        onChange={(v) => update(el.id, { symbology: v })}
                        options={SYMBOLOGIES.map((s) => ({
                          value: s,
                          label: t(`designer.sym_${s}`, { defaultValue: s }),
                        }))}
                      />
                      <NumberInput
                        style={{ width: 130 }}
                        noEcho
                        prefix={t('designer.module')}
                        suffix="mm"
                        min={0.1}
                        max={5}
                        value={el.moduleMm}
                        onChange={(v) => !Number.isNaN(v) && update(el.id, { moduleMm: v ?? undefined })}
                      />
                      {(el.symbology === 'qr' || el.symbology === 'code128') && (
                        <Input value={el.data} onChange={(e) => update(el.id, { data: e.target.value })} />
                      )}
                    </Space>
                  )}
                  <Button
                    danger
                    onClick={() => {
                      setTpl({ ...tpl, elements: tpl.elements.filter((x) => x.id !== el.id) });
                      setSelected(null);
                    }}
                  >
                    {t('designer.remove')}
                  </Button>
                </>
              )}
              <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="designer-save">
                {source?.builtIn ? t('designer.saveAsNew') : t('designer.save')}
              </Button>
            </Flex>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
