// Pieces shared by the trace, recall and drill screens: the lot picker (typed or scanned, several lots),
// file downloads from the API's base64 files, and small formatters.
import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportFile } from '../../../../shared/api/trace';
import { useApi, useApiQuery } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { currentLang } from '../../i18n';
import { formatQuantity } from '../../../../shared/domain/quantity';
import { unitLabel } from '../../../../shared/domain/units';

/** Lot specs as the API takes them: "LOT", "PRODUCT/LOT", or a supplier lot code. */
export function LotPicker({
  value,
  onChange,
  onEnter,
  testId = 'lot-picker',
}: {
  value: string[];
  onChange: (v: string[]) => void;
  onEnter?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation('trace');
  const api = useApi();
  const [q, setQ] = useState('');
  const found = useApiQuery('trace.findLots', { q: q || '-', limit: 10 }, { enabled: q.trim().length >= 1 });
  const options = (found.data ?? []).map((s) => ({
    value: s.spec,
    label: `${s.spec} — ${s.productName}${s.supplierLotCode ? ` (${t('supplierLot')} ${s.supplierLotCode})` : ''}`,
  }));

  // A scanned GS1 string (contains AI 10): read its lot and product, and add that lot.
  const addScan = async (raw: string) => {
    try {
      const s = await api.call('receipts.parseScan', { scan: raw });
      const lot = s.elements.find((e) => e.ai === '10')?.value;
      if (!lot) return false;
      const lots = s.productId ? await api.call('lots.findByCode', { code: lot, productId: s.productId }) : [];
      onChange([...value, lots[0] ? `${lots[0].productCode}/${lots[0].code}` : lot]);
      return true;
    } catch (err) {
      if (err instanceof ApiError) return false;
      throw err;
    }
  };

  return (
    <Select
      data-testid={testId}
      mode="tags"
      size="large"
      style={{ width: '100%', minWidth: 320 }}
      placeholder={t('inputPlaceholder')}
      value={value}
      tokenSeparators={[',', ' ', ';']}
      options={options}
      filterOption={false}
      onSearch={setQ}
      onChange={async (v: string[]) => {
        const last = v[v.length - 1];
        // GS1 element strings start with an AI such as (01)/01… or a symbology prefix ]d2 / ]C1.
        if (last && v.length > value.length && /^(\]|\(01\)|01\d{14})/.test(last) && (await addScan(last))) return;
        onChange(v);
        setQ('');
      }}
      onInputKeyDown={(e) => {
        if (e.key === 'Enter' && !q && value.length && onEnter) onEnter();
      }}
      notFoundContent={q ? <Typography.Text type="secondary">{t('scanHint')}</Typography.Text> : null}
    />
  );
}

/** A chosen file's bytes as base64 (uploads go to the API as base64, never as a path on the PC). */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export function downloadFile(f: ExportFile): void {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens a PDF in a new tab, where the browser's viewer prints it (A4, one page per lot). */
export function openPdf(f: ExportFile): void {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  if (!window.open(url, '_blank')) downloadFile(f);
}

/** A quantity with its unit's name ("200 túi", never the code "tui"). */
export const qty = (n: number | null | undefined, unit?: string) =>
  n === null || n === undefined
    ? ''
    : `${formatQuantity(n, currentLang())}${unit ? ` ${unitLabel(unit, currentLang(), n)}` : ''}`;
export const stampTime = (iso: string) =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
export const dateVi = (d: string | null | undefined) =>
  d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '';

export function formatMs(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${h ? `${h}:` : ''}${pad(m)}:${pad(s % 60)}`;
}
