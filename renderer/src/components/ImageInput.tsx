// An image field for forms: picks a PNG/JPEG/WEBP file, keeps it as a data URL (≤ 1 MB) and shows
// a preview. The data URL goes into the database as is, so labels can print it offline.
import { useRef, useState } from 'react';
import { Button, Flex, Image, Typography } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { IMAGE_MAX_KB } from '../../../shared/api/fields';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export function ImageInput({
  value,
  onChange,
  id,
  testId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (file: File | undefined) => {
    if (!file) return;
    if (!TYPES.includes(file.type)) return setProblem(t('image.wrongType'));
    if (file.size > IMAGE_MAX_KB * 1024) return setProblem(t('image.tooLarge'));
    setProblem(null);
    const reader = new FileReader();
    reader.onload = () => onChange?.(String(reader.result));
    reader.readAsDataURL(file);
  };

  return (
    <Flex gap={16} align="center">
      {value ? (
        <Image
          src={value}
          width={96}
          height={96}
          style={{ objectFit: 'contain', border: '1px solid #f0f0f0', borderRadius: 6 }}
          alt=""
        />
      ) : (
        <div style={{ width: 96, height: 96, border: '1px dashed #d9d9d9', borderRadius: 6 }} />
      )}
      <Flex vertical gap={6}>
        <Flex gap={8}>
          <Button id={id} icon={<UploadOutlined />} onClick={() => input.current?.click()}>
            {t('image.choose')}
          </Button>
          {value && (
            <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
              {t('image.remove')}
            </Button>
          )}
        </Flex>
        <Typography.Text type={problem ? 'danger' : 'secondary'}>{problem ?? t('image.hint')}</Typography.Text>
      </Flex>
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => {
          pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </Flex>
  );
}
