// The list of the business's locations.
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../shared/api/masterdata';
import { MasterDataList, ArchivedTag } from '../../components/MasterDataList';
import { fieldLabel } from '../../i18n';
import { LocationForm } from './LocationForm';

export function LocationsPage() {
  const { t } = useTranslation('masterdata');
  return (
    <MasterDataList<Location>
      entity="locations"
      title={t('locations.title')}
      newLabel={t('locations.new')}
      editLabel={t('locations.edit')}
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
          width: 190,
          render: (v: string) => t(`locationKind.${v}`),
        },
        { title: fieldLabel('address'), dataIndex: 'address', key: 'address', ellipsis: true },
        { title: 'GLN', dataIndex: 'gln', key: 'gln', width: 150 },
      ]}
      renderForm={(record, done) => <LocationForm record={record} onSaved={done} onCancel={done} />}
    />
  );
}
