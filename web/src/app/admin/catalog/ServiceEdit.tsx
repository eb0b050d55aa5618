import {
  CATALOG_LINK_KINDS,
  CATALOG_PILLARS,
  type CatalogLinkKind,
  type CatalogPillar,
} from '@common/constants/catalog';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type CatalogServiceDetail,
  useCatalogService,
  useCreateService,
  useSetLinks,
  useUpdateService,
} from '../../../api/catalog';
import { fieldError } from '../../../api/client';
import { DateField } from '../../../components/DateField';
import { ChevronRight } from '../../../components/icons';
import {
  ErrorMessage,
  Field,
  Notice,
  PageHeader,
  QueryState,
  SelectField,
  TextareaField,
} from '../../../components/ui';
import { formatDate } from '../../../i18n';
import { linkLabel, pillarLabel } from '../../catalog/labels';
import { AdminPage } from '../shared';
import '../../catalog/catalog.css';

function ServiceForm({ service }: { service?: CatalogServiceDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateService();
  const update = useUpdateService(service?.slug ?? '');
  const mutation = service ? update : create;
  const [slug, setSlug] = useState('');
  const [name, setName] = useState(service?.name ?? '');
  const [nameEn, setNameEn] = useState(service?.nameEn ?? '');
  const [publisher, setPublisher] = useState(service?.publisher ?? '');
  const [publisherEn, setPublisherEn] = useState(service?.publisherEn ?? '');
  const [pillar, setPillar] = useState<CatalogPillar>(service?.pillar ?? 'government');
  const [purpose, setPurpose] = useState(service?.purpose ?? '');
  const [purposeEn, setPurposeEn] = useState(service?.purposeEn ?? '');
  const [sortOrder, setSortOrder] = useState(String(service?.sortOrder ?? 0));
  const [published, setPublished] = useState(service?.published ?? false);
  const err = (f: string) => fieldError(mutation.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      nameEn: nameEn.trim() || null,
      publisher,
      publisherEn: publisherEn.trim() || null,
      pillar,
      purpose,
      purposeEn: purposeEn.trim() || null,
      sortOrder: Number(sortOrder) || 0,
      published,
    };
    if (service) update.mutate(body);
    else create.mutate({ ...body, slug }, { onSuccess: (s) => navigate(`/admin/catalog/${s.slug}`) });
  };
  return (
    <form onSubmit={submit} noValidate className="card stack">
      {!service && (
        <Field
          label={t('catalog.admin.slug')}
          hint={t('catalog.admin.slugHint')}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          error={err('slug')}
          autoCapitalize="none"
          spellCheck={false}
          required
        />
      )}
      <Field
        label={t('catalog.admin.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={err('name')}
        required
      />
      <Field
        label={t('catalog.admin.nameEn')}
        optional
        value={nameEn}
        onChange={(e) => setNameEn(e.target.value)}
        error={err('nameEn')}
      />
      <Field
        label={t('catalog.admin.publisher')}
        value={publisher}
        onChange={(e) => setPublisher(e.target.value)}
        error={err('publisher')}
        required
      />
      <Field
        label={t('catalog.admin.publisherEn')}
        optional
        value={publisherEn}
        onChange={(e) => setPublisherEn(e.target.value)}
        error={err('publisherEn')}
      />
      <SelectField
        label={t('catalog.admin.pillar')}
        value={pillar}
        onChange={(e) => setPillar(e.target.value as CatalogPillar)}
        error={err('pillar')}
      >
        {CATALOG_PILLARS.map((p) => (
          <option key={p} value={p}>
            {pillarLabel(p)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        label={t('catalog.admin.purpose')}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        error={err('purpose')}
        rows={3}
        required
      />
      <TextareaField
        label={t('catalog.admin.purposeEn')}
        optional
        value={purposeEn}
        onChange={(e) => setPurposeEn(e.target.value)}
        error={err('purposeEn')}
        rows={3}
      />
      <Field
        label={t('catalog.admin.sortOrder')}
        type="number"
        inputMode="numeric"
        min={0}
        value={sortOrder}
        onChange={(e) => setSortOrder(e.target.value)}
        error={err('sortOrder')}
      />
      <label className="check">
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        <span>{t('catalog.admin.published')}</span>
      </label>
      <ErrorMessage error={mutation.error} />
      {update.isSuccess && <Notice tone="success">{t('catalog.admin.saved')}</Notice>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t('catalog.admin.save')}
        </button>
      </div>
    </form>
  );
}

let keys = 0;
const newKey = () => `link-${++keys}`;

interface LinkRow {
  key: string;
  kind: CatalogLinkKind;
  url: string;
  checkedOn: string;
  checkedSource: string;
}

/** The whole list of official links, saved at once; a link is verified only with when and where it was checked. */
function LinksForm({ service }: { service: CatalogServiceDetail }) {
  const { t } = useTranslation();
  const save = useSetLinks(service.slug);
  const [rows, setRows] = useState<LinkRow[]>(
    service.links.map((l) => ({
      key: l.id,
      kind: l.kind,
      url: l.url,
      checkedOn: l.checkedOn ?? '',
      checkedSource: l.checkedSource ?? '',
    })),
  );
  const change = (i: number, patch: Partial<LinkRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (f: string) => fieldError(save.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      links: rows.map((r) => ({
        kind: r.kind,
        url: r.url.trim(),
        checkedOn: r.checkedOn || null,
        checkedSource: r.checkedSource.trim() || null,
      })),
    });
  };
  return (
    <form onSubmit={submit} noValidate className="card stack" aria-labelledby="links-title">
      <h2 id="links-title">{t('catalog.admin.linksTitle')}</h2>
      <p className="muted">{t('catalog.admin.linksHint')}</p>
      {rows.map((r, i) => (
        <fieldset key={r.key} className="catalog-step-edit stack">
          <legend>{t('catalog.admin.link', { n: i + 1 })}</legend>
          <SelectField
            label={t('catalog.admin.linkKind')}
            value={r.kind}
            onChange={(e) => change(i, { kind: e.target.value as CatalogLinkKind })}
            error={err(`links.${i}.kind`)}
          >
            {CATALOG_LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {linkLabel(k)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('catalog.admin.url')}
            type="url"
            value={r.url}
            onChange={(e) => change(i, { url: e.target.value })}
            error={err(`links.${i}.url`)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <DateField
            label={t('catalog.admin.checkedOn')}
            optional
            value={r.checkedOn}
            onChange={(iso) => change(i, { checkedOn: iso })}
            error={err(`links.${i}.checkedOn`)}
          />
          <Field
            label={t('catalog.admin.checkedSource')}
            hint={t('catalog.admin.checkedSourceHint')}
            optional
            value={r.checkedSource}
            onChange={(e) => change(i, { checkedSource: e.target.value })}
            error={err(`links.${i}.checkedSource`)}
          />
          <button type="button" className="btn" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
            {t('catalog.admin.removeLink', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          setRows((rs) => [
            ...rs,
            { key: newKey(), kind: 'website', url: 'https://', checkedOn: '', checkedSource: '' },
          ])
        }
      >
        {t('catalog.admin.addLink')}
      </button>
      <ErrorMessage error={save.error} />
      {save.isSuccess && <Notice tone="success">{t('catalog.admin.saved')}</Notice>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('catalog.admin.saveLinks')}
        </button>
      </div>
    </form>
  );
}

function Guides({ service }: { service: CatalogServiceDetail }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="guides-title">
      <h2 id="guides-title">{t('catalog.admin.guidesTitle')}</h2>
      <ul className="list">
        {service.guides.map((g) => (
          <li key={g.id}>
            <Link to={`/admin/catalog/guides/${g.id}`} className="list-link">
              <span>
                <span className="item-title">{g.title}</span>
                {!g.published && <span className="badge badge-danger"> {t('catalog.unpublished')}</span>}
                <br />
                <span className="item-meta">
                  {t('catalog.steps', { count: g.stepCount })} ·{' '}
                  {t('catalog.reviewed', { date: formatDate(g.reviewedOn) })}
                </span>
              </span>
              <ChevronRight />
            </Link>
          </li>
        ))}
      </ul>
      <Link to={`/admin/catalog/${service.slug}/guides/new`} className="btn">
        {t('catalog.admin.addGuide')}
      </Link>
    </section>
  );
}

function Body() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const service = useCatalogService(slug);
  if (!slug)
    return (
      <>
        <PageHeader title={t('catalog.admin.newTitle')} />
        <ServiceForm />
      </>
    );
  return (
    <QueryState query={service}>
      {service.data && (
        <div className="stack">
          <PageHeader title={service.data.name}>
            <Link to={`/catalog/${service.data.slug}`} className="btn">
              {t('catalog.admin.view')}
            </Link>
          </PageHeader>
          <ServiceForm key={service.data.id} service={service.data} />
          <LinksForm key={`links-${service.data.id}`} service={service.data} />
          <Guides service={service.data} />
        </div>
      )}
    </QueryState>
  );
}

/** Create or edit a service: its fields, its official links and the way to its guides. */
export default function ServiceEdit() {
  return (
    <AdminPage roles={['province_admin']}>
      <Body />
    </AdminPage>
  );
}
