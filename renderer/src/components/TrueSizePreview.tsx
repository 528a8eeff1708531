// A printed bitmap (a label, a slip) shown fitted to its box, at its true size on this screen (CSS millimetres
// times the screen's calibration) or magnified up to "to the dot", where each printer dot is a square of whole
// screen pixels, drawn pixelated and optionally gridded, so the owner sees exactly what the printer will burn.
import { useRef, useState } from 'react';
import { Button, Checkbox, Flex, Modal, Segmented, Slider, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/domain/number';
import { currentLang } from '../i18n';
import { CARD_MM, CSS_PX_PER_MM, SCALE_RANGE, saveScreenScale, useScreenScale } from './screenScale';

export type Zoom = 'fit' | 1 | 2 | 4 | 8 | 'dot';
const ZOOMS: Zoom[] = ['fit', 1, 2, 4, 8, 'dot'];
/** Screen pixels per printer dot at "to the dot": whole pixels keep every dot the same square. */
const DOT_PX = 6;
/** Below this a grid line would cover the dot it outlines. */
const GRID_MIN_PX = 4;

export type PrintedBitmap = {
  png: string;
  widthMm: number;
  heightMm: number;
  widthDots: number;
  heightDots: number;
};

/** Screen pixels of the drawn bitmap at a zoom, or null when it fits its box. */
function drawnSize(b: PrintedBitmap, zoom: Zoom, scale: number): { w: number; h: number } | null {
  if (zoom === 'fit') return null;
  if (zoom === 'dot') return { w: b.widthDots * DOT_PX, h: b.heightDots * DOT_PX };
  const k = CSS_PX_PER_MM * scale * zoom;
  return { w: b.widthMm * k, h: b.heightMm * k };
}

export function TrueSizePreview({
  bitmap,
  initialZoom = 'fit',
  testId = 'label-preview',
}: {
  bitmap: PrintedBitmap;
  initialZoom?: Zoom;
  testId?: string;
}) {
  const { t } = useTranslation('labels');
  const scale = useScreenScale();
  const [zoom, setZoom] = useState<Zoom>(initialZoom);
  const [grid, setGrid] = useState(true);
  const [calibrating, setCalibrating] = useState(false);
  const size = drawnSize(bitmap, zoom, scale);
  const dotPx = size ? size.w / bitmap.widthDots : 0;
  const showGrid = grid && dotPx >= GRID_MIN_PX;
  const label = (z: Zoom) =>
    z === 'fit' ? t('preview.fit') : z === 'dot' ? t('preview.dot') : z === 1 ? t('preview.trueSize') : `${z}×`;
  return (
    <Flex vertical gap={8}>
      <Segmented<Zoom>
        style={{ alignSelf: 'flex-start' }}
        value={zoom}
        onChange={setZoom}
        options={ZOOMS.map((z) => ({ value: z, label: <span data-testid={`preview-zoom-${z}`}>{label(z)}</span> }))}
      />
      {size && (
        <Flex gap={12} align="center" wrap>
          <Button
            type="link"
            style={{ padding: 0 }}
            icon={<AimOutlined />}
            onClick={() => setCalibrating(true)}
            data-testid="preview-calibrate"
          >
            {t('preview.calibrate')}
          </Button>
          <Typography.Text type="secondary" data-testid="preview-dot-size">
            {t('preview.dotSize', { px: formatNumber(dotPx, currentLang(), 1) })}
          </Typography.Text>
          <Checkbox checked={grid} disabled={dotPx < GRID_MIN_PX} onChange={(e) => setGrid(e.target.checked)}>
            {t('preview.grid')}
          </Checkbox>
        </Flex>
      )}
      <div
        style={{ maxHeight: '60vh', overflow: 'auto', background: '#f0f0f0', padding: 12 }}
        data-testid={`${testId}-scroll`}
      >
        <div
          style={{
            position: 'relative',
            width: size ? size.w : '100%',
            height: size ? size.h : undefined,
            aspectRatio: size ? undefined : `${bitmap.widthDots} / ${bitmap.heightDots}`,
            boxShadow: '0 1px 4px rgba(0,0,0,.25)',
            background: '#fff',
          }}
        >
          <img
            src={bitmap.png}
            alt=""
            data-testid={testId}
            style={{ display: 'block', width: '100%', height: '100%', imageRendering: 'pixelated' }}
          />
          {showGrid && (
            <div
              data-testid="preview-grid"
              style={{
                position: 'absolute',
                inset: 0,
                pointerEvents: 'none',
                backgroundImage:
                  'linear-gradient(to right, rgba(22,119,255,.35) 1px, transparent 1px),' +
                  'linear-gradient(to bottom, rgba(22,119,255,.35) 1px, transparent 1px)',
                backgroundSize: `${dotPx}px ${size!.h / bitmap.heightDots}px`,
              }}
            />
          )}
        </div>
      </div>
      {calibrating && <CalibrateDialog onClose={() => setCalibrating(false)} />}
    </Flex>
  );
}

/** One-time calibration: a bank card held against the screen, the box dragged (or slid) until it matches. */
function CalibrateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('labels');
  const saved = useScreenScale();
  const [scale, setScale] = useState(saved);
  const drag = useRef<{ x: number; scale: number } | null>(null);
  const clamp = (v: number) => Math.min(SCALE_RANGE.max, Math.max(SCALE_RANGE.min, v));
  const w = CARD_MM.w * CSS_PX_PER_MM * scale;
  const h = CARD_MM.h * CSS_PX_PER_MM * scale;
  function onMove(ev: React.PointerEvent) {
    const d = drag.current;
    if (!d) return;
    const startW = CARD_MM.w * CSS_PX_PER_MM * d.scale;
    setScale(clamp(d.scale * ((startW + ev.clientX - d.x) / startW)));
  }
  return (
    <Modal
      open
      width={Math.max(560, w + 80)}
      title={t('preview.calTitle')}
      onCancel={onClose}
      okText={t('preview.calSave')}
      cancelText={t('preview.calCancel')}
      okButtonProps={{ 'data-testid': 'calibrate-save' } as never}
      onOk={() => {
        saveScreenScale(scale);
        onClose();
      }}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph>{t('preview.calHelp')}</Typography.Paragraph>
        <div
          data-testid="calibrate-card"
          onPointerMove={onMove}
          onPointerUp={() => (drag.current = null)}
          style={{
            position: 'relative',
            width: w,
            height: h,
            boxSizing: 'border-box',
            border: '2px solid #1677ff',
            borderRadius: 3.2 * CSS_PX_PER_MM * scale,
            background: 'rgba(22,119,255,.08)',
            touchAction: 'none',
          }}
        >
          <Typography.Text type="secondary" style={{ position: 'absolute', left: 12, bottom: 8 }}>
            {t('preview.calCard')}
          </Typography.Text>
          <div
            onPointerDown={(ev) => {
              (ev.target as HTMLElement).setPointerCapture(ev.pointerId);
              drag.current = { x: ev.clientX, scale };
            }}
            style={{ position: 'absolute', right: -8, top: 0, width: 16, height: '100%', cursor: 'ew-resize' }}
            data-testid="calibrate-edge"
          />
        </div>
        <Slider
          min={SCALE_RANGE.min}
          max={SCALE_RANGE.max}
          step={0.005}
          value={scale}
          onChange={setScale}
          tooltip={{ formatter: null }}
          data-testid="calibrate-slider"
        />
        <Flex gap={12} align="center">
          <Typography.Text data-testid="calibrate-value">
            {t('preview.calValue', { v: formatNumber(scale * 100, currentLang(), 1) })}
          </Typography.Text>
          <Button onClick={() => setScale(1)}>{t('preview.calReset')}</Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
