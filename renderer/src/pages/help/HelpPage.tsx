// Help: short explanations per screen and the printable one-page guides for shop staff.
import { Button, Card, Collapse, Flex, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GUIDES } from '../../../../shared/api/workshop';
import { parseLang } from '../../../../shared/i18n/messages';
import { useApi } from '../../api/hooks';
import { openPdf } from '../trace/common';
import { HELP } from './content';

export function HelpPage() {
  const { t, i18n } = useTranslation('trust');
  const lang = parseLang(i18n.language);
  const api = useApi();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('help.title')}
      </Typography.Title>
      <Card title={t('help.guides')}>
        <Flex gap={8} wrap>
          {GUIDES.map((g) => (
            <Button
              key={g}
              icon={<FilePdfOutlined />}
              onClick={async () => openPdf(await api.call('help.guide', { guide: g }))}
            >
              {t(`help.guide.${g}`)}
            </Button>
          ))}
        </Flex>
      </Card>
      <Collapse
        defaultActiveKey={['words']}
        items={HELP.map((h) => ({
          key: h.key,
          label: h[lang].title,
          children: <Typography.Paragraph style={{ margin: 0 }}>{h[lang].text}</Typography.Paragraph>,
        }))}
      />
    </Flex>
  );
}
