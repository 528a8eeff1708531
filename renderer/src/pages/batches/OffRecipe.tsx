// Inputs that are not in the recipe: adding one is a deliberate step (a confirmation that says what the
// trace will then link, and a reason), and the batch keeps it marked. The core refuses such a line
// without a reason (BATCH_OFF_RECIPE), so the form asks before anything is sent.
import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Select, Tag, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Lot } from '../../../../shared/api/lots';
import { useApiQuery } from '../../api/hooks';
import { isNumber, NumberInput } from '../../components/NumberInput';
import { qtyText } from '../lots/common';

export type OffRecipeLine = { lot: Lot; qty: number; reason: string };

/** The same minimum the core asks of any override reason (main/core/services/events.ts). */
const REASON_MIN = 5;

export function OffRecipeInputs({
  recipeName,
  recipeProductIds,
  lines,
  onChange,
}: {
  recipeName: string;
  recipeProductIds: number[];
  lines: OffRecipeLine[];
  onChange: (next: OffRecipeLine[]) => void;
}) {
  const { t } = useTranslation('records');
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={8} data-testid="off-recipe">
      {lines.map((l, i) => (
        <Flex key={l.lot.id} gap={8} align="center" wrap data-testid={`off-recipe-${i}`}>
          <Tag color="orange">{t('batch.offRecipeTag')}</Tag>
          <Typography.Text strong>
            {l.lot.productName} · {l.lot.code}: {qtyText(l.qty, l.lot.unit)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('lots.reason')}: {l.reason}
          </Typography.Text>
          <Button
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('batch.offRecipeRemove')}
            onClick={() => onChange(lines.filter((_, k) => k !== i))}
          />
        </Flex>
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="off-recipe-add">
          {t('batch.offRecipeAdd')}
        </Button>
      </div>
      {open && (
        <OffRecipeModal
          recipeName={recipeName}
          exclude={[...recipeProductIds, ...lines.map((l) => l.lot.productId)]}
          onCancel={() => setOpen(false)}
          onOk={(line) => {
            onChange([...lines, line]);
            setOpen(false);
          }}
        />
      )}
    </Flex>
  );
}

function OffRecipeModal({
  recipeName,
  exclude,
  onCancel,
  onOk,
}: {
  recipeName: string;
  exclude: number[];
  onCancel: () => void;
  onOk: (line: OffRecipeLine) => void;
}) {
  const { t } = useTranslation('records');
  const [search, setSearch] = useState('');
  const [lotId, setLotId] = useState<number | null>(null);
  const [qty, setQty] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const lots = useApiQuery('lots.list', { usable: true, search: search || undefined, limit: 30 });
  const options = (lots.data?.items ?? []).filter((l) => !exclude.includes(l.productId));
  const lot = options.find((l) => l.id === lotId) ?? null;
  const over = lot !== null && isNumber(qty) && qty > lot.balance;
  const ready = lot !== null && isNumber(qty) && qty > 0 && !over && reason.trim().length >= REASON_MIN;
  return (
    <Modal
      open
      title={t('batch.offRecipeTitle')}
      okText={t('batch.offRecipeConfirm')}
      okButtonProps={{ disabled: !ready, 'data-testid': 'off-recipe-ok' } as ButtonProps}
      onCancel={onCancel}
      onOk={() => lot && isNumber(qty) && onOk({ lot, qty, reason: reason.trim() })}
      data-testid="off-recipe-modal"
    >
      <Form layout="vertical">
        <Form.Item label={t('common.lotCode')}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            value={lotId}
            onChange={setLotId}
            placeholder={t('batch.offRecipePick')}
            loading={lots.isFetching}
            options={options.map((l) => ({
              value: l.id,
              label: `${l.productName} · ${l.code} (${qtyText(l.balance, l.unit)})`,
            }))}
            data-testid="off-recipe-lot"
          />
        </Form.Item>
        {lot && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('batch.offRecipeWarn', { product: lot.productName, recipe: recipeName })}
            data-testid="off-recipe-warning"
          />
        )}
        <Form.Item
          label={t('common.qty')}
          validateStatus={over ? 'error' : undefined}
          help={over ? t('batch.offRecipeOver', { qty: qtyText(lot.balance, lot.unit) }) : undefined}
        >
          <NumberInput value={qty} onChange={setQty} unit={lot?.unit} data-testid="off-recipe-qty" />
        </Form.Item>
        <Form.Item label={t('batch.offRecipeReason')} help={t('batch.offRecipeReasonHint', { n: REASON_MIN })}>
          <Input.TextArea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="off-recipe-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
