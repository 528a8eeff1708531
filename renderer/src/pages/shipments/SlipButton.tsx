// "In phiếu giao hàng": the shipment's delivery slip previewed at its true size (the dots that print, one
// millimetre of this screen, as calibrated, per millimetre of paper) and printed to one of the owner's receipt
// printers, with the code its lines carry (GS1 DataMatrix, or a QR with the lot's GS1 Digital Link URI) as this
// PC last chose it.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Modal, Segmented, Select, Skeleton, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { CSS_PX_PER_MM, useScreenScale } from '../../components/screenScale';
import { machineSetting } from '../../components/machineSetting';
import { SLIP_CODES, type SlipCode } from '../../../../shared/labels/slip';

/** The code on the slips this PC prints: the customers it serves scan with the same kind of scanner. */
const slipCode = machineSetting<SlipCode>('nguongoc.slipCode', (s) =>
  SLIP_CODES.includes(s as SlipCode) ? (s as SlipCode) : 'datamatrix',
);

function SlipDialog({ shipmentId, onClose }: { shipmentId: number; onClose: () => void }) {
  const { t } = useTranslation('labels');
  const { message } = App.useApp();
  const printers = useApiQuery('printers.list', {});
  const receipt = useMemo(() => (printers.data ?? []).filter((p) => p.kind === 'receipt'), [printers.data]);
  const [chosen, setChosen] = useState<number | null>(null);
  const printerId = chosen ?? receipt.find((p) => p.isDefault)?.id ?? receipt[0]?.id ?? null;
  const code = slipCode.useValue();
  const preview = useApiQuery(
    'print.slipPreview',
    printerId ? { shipmentId, printerId, code } : { shipmentId, paperWidthMm: 80, code },
    { enabled: printers.isSuccess },
  );
  // One key per dialog: a double click submits one job.
  const [requestKey] = useState(() => `slip-${shipmentId}-${Math.random().toString(36).slice(2)}`);
  const print = useApiMutation('print.slip', { invalidates: ['print.'] });
  // The screen's millimetre, as calibrated in the label preview ("Chỉnh cỡ màn hình").
  const mm = CSS_PX_PER_MM * useScreenScale();

  async function onPrint() {
    if (!printerId) return;
    try {
      const job = await print.mutateAsync({ shipmentId, printerId, code, requestKey });
      message.success(t('slip.sent', { id: job.id }));
      onClose();
    } catch (err) {
      message.error((err as ApiError).message);
    }
  }

  const p = preview.data;
  const noCode = p ? p.lines.filter((l) => !l.code).length : 0;
  return (
    <Modal
      open
      title={t('slip.title')}
      onCancel={onClose}
      width={720}
      okText={t('slip.print')}
      okButtonProps={{ disabled: !printerId || !p, loading: print.isPending, 'data-testid': 'slip-print' } as never}
      onOk={onPrint}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('slip.code')}</Typography.Text>
          <Segmented<SlipCode>
            value={code}
            onChange={slipCode.save}
            options={SLIP_CODES.map((c) => ({ value: c, label: t(`slip.code_${c}`) }))}
            data-testid="slip-code"
          />
          <span style={{ flex: 1 }} />
          <CancelBtn />
          <OkBtn />
        </Flex>
      )}
    >
      <Flex vertical gap={12}>
        {printers.isSuccess && !receipt.length && <Alert type="info" showIcon message={t('slip.noPrinter')} />}
        {receipt.length > 0 && (
          <Flex gap={8} align="center">
            <Typography.Text>{t('slip.printer')}</Typography.Text>
            <Select
              style={{ minWidth: 320 }}
              value={printerId ?? undefined}
              onChange={setChosen}
              options={receipt.map((r) => ({ value: r.id, label: `${r.name} · ${r.paperWidthMm} mm` }))}
              data-testid="slip-printer"
            />
          </Flex>
        )}
        {preview.isError && <Alert type="error" showIcon message={preview.error.message} />}
        {!p && !preview.isError && <Skeleton active />}
        {p && (
          <>
            <Typography.Text type="secondary">
              {t(`slip.codes_${code}`)} {noCode > 0 && t('slip.noCode', { count: noCode })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('slip.trueSize', { w: String(p.paperWidthMm), h: String(p.heightMm).replace('.', ',') })}
            </Typography.Text>
            <div
              style={{
                maxHeight: 'min(480px, calc(100vh - 400px))',
                minHeight: 160,
                overflow: 'auto',
                background: '#f0f0f0',
                padding: 12,
                textAlign: 'center',
              }}
            >
              <img
                src={p.png}
                alt={t('slip.title')}
                data-testid="slip-preview"
                style={{
                  width: p.widthMm * mm,
                  imageRendering: 'pixelated',
                  background: '#fff',
                  padding: `0 ${((p.paperWidthMm - p.widthMm) / 2) * mm}px`,
                  boxShadow: '0 1px 4px rgba(0,0,0,.2)',
                }}
              />
            </div>
          </>
        )}
      </Flex>
    </Modal>
  );
}

export function SlipButton({ shipmentId }: { shipmentId: number }) {
  const { t } = useTranslation('labels');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="slip-button">
        {t('slip.button')}
      </Button>
      {open && <SlipDialog shipmentId={shipmentId} onClose={() => setOpen(false)} />}
    </>
  );
}
