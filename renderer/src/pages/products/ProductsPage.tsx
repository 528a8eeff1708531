// The list of products and materials.
import { Avatar } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRODUCT_KINDS, type Product } from '../../../../shared/api/masterdata';
import { unitLabel } from '../../../../shared/domain/units';
import { MasterDataList, ArchivedTag } from '../../components/MasterDataList';
import { fieldLabel, currentLang } from '../../i18n';
import { ProductForm } from './ProductForm';

export function ProductsPage() {
  const { t } = useTranslation('masterdata');
  const lang = currentLang();
  return (
    <MasterDataList<Product>
      entity="products"
      title={t('products.title')}
      newLabel={t('products.new')}
      editLabel={t('products.edit')}
      drawerWidth={760}
      showUpdatedAt={false}
      kindFilter={[
        { value: '', label: t('products.all') },
        ...PRODUCT_KINDS.map((k) => ({ value: k, label: t(`productKind.${k}`) })),
      ]}
      columns={[
        {
          title: fieldLabel('name'),
          dataIndex: 'name',
          key: 'name',
          sorter: true,
          render: (v: string, r) => (
            <>
              {r.image && <Avatar src={r.image} shape="square" size="small" style={{ marginRight: 8 }} alt="" />}
              {v} <ArchivedTag archived={r.archived} />
            </>
          ),
        },
        { title: t('products.code'), dataIndex: 'code', key: 'code', sorter: true, width: 120 },
        {
          title: fieldLabel('kind'),
          dataIndex: 'kind',
          key: 'kind',
          sorter: true,
          width: 150,
          render: (v: string) => t(`productKind.${v}`),
        },
        { title: 'GTIN', dataIndex: 'gtin', key: 'gtin', sorter: true, width: 150 },
        {
          title: t('unit'),
          dataIndex: 'unit',
          key: 'unit',
          width: 140,
          render: (v: string, r) =>
            r.packSize && r.packUnit
              ? `${unitLabel(v, lang)} (${r.packSize.toLocaleString(lang)} ${unitLabel(r.packUnit, lang)})`
              : unitLabel(v, lang),
        },
      ]}
      renderForm={(record, done) => <ProductForm record={record} onSaved={done} onCancel={done} />}
    />
  );
}
