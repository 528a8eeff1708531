// The list of suppliers and customers.
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../../shared/api/masterdata';
import { MasterDataList, ArchivedTag } from '../../components/MasterDataList';
import { fieldLabel } from '../../i18n';
import { PartnerForm } from './PartnerForm';

export function PartnersPage() {
  const { t } = useTranslation('masterdata');
  return (
    <MasterDataList<Partner>
      entity="partners"
      title={t('partners.title')}
      newLabel={t('partners.new')}
      editLabel={t('partners.edit')}
      kindFilter={[
        { value: '', label: t('partners.all') },
        { value: 'supplier', label: t('partnerFilter.supplier') },
        { value: 'customer', label: t('partnerFilter.customer') },
      ]}
      columns={[
        {
          title: fieldLabel('name'),
          dataIndex: 'name',
          key: 'name',
          sorter: true,
          render: (v: string, r) => (
            <>
              {v} <ArchivedTag archived={r.archived} />
            </>
          ),
        },
        {
          title: fieldLabel('kind'),
          dataIndex: 'kind',
          key: 'kind',
          sorter: true,
          width: 170,
          render: (v: string) => t(`partnerKind.${v}`),
        },
        { title: fieldLabel('taxCode'), dataIndex: 'taxCode', key: 'taxCode', width: 140 },
        { title: fieldLabel('phone'), dataIndex: 'phone', key: 'phone', width: 140 },
        { title: fieldLabel('address'), dataIndex: 'address', key: 'address', ellipsis: true },
      ]}
      showUpdatedAt={false}
      renderForm={(record, done) => <PartnerForm record={record} onSaved={done} onCancel={done} />}
    />
  );
}
