import { useTranslation } from 'react-i18next';
import type { ExtraField } from '../../../api/feedback-admin';
import { Field, SelectField } from '../../../components/ui';
import { codeFrom } from './shared';

const DATATYPES = ['string', 'text', 'number', 'datetime', 'singlevaluelist', 'multivaluelist'] as const;
const isList = (d: string) => d === 'singlevaluelist' || d === 'multivaluelist';

/** One extra field as it is edited: `rk` keys React, `fixedCode` marks a code that came from the server. */
export interface FieldDraft {
  rk: string;
  code: string;
  codeTouched: boolean;
  labelVi: string;
  labelEn: string;
  datatype: ExtraField['datatype'];
  required: boolean;
  values: { rk: string; key: string | null; name: string }[];
}

let seq = 0;
const rk = () => `d${++seq}`;

export function toDrafts(fields: ExtraField[]): FieldDraft[] {
  return fields.map((f) => ({
    rk: rk(),
    code: f.code,
    codeTouched: true,
    labelVi: f.label.vi,
    labelEn: f.label.en,
    datatype: f.datatype,
    required: f.required,
    values: (f.values ?? []).map((v) => ({ rk: rk(), key: v.key, name: v.name })),
  }));
}

/** Drafts → the API's extra fields. Choices keep their keys; a new choice gets one made from its name. */
export function fromDrafts(drafts: FieldDraft[]): ExtraField[] {
  return drafts.map((d) => {
    const taken = new Set(d.values.map((v) => v.key).filter(Boolean));
    const values = d.values.map((v, i) => {
      if (v.key) return { key: v.key, name: v.name.trim() };
      let key = codeFrom(v.name, '_') || `opt_${i + 1}`;
      for (let n = 2; taken.has(key); n++) key = `${codeFrom(v.name, '_') || 'opt'}_${n}`;
      taken.add(key);
      return { key, name: v.name.trim() };
    });
    return {
      code: d.code.trim(),
      label: { vi: d.labelVi.trim(), en: d.labelEn.trim() },
      datatype: d.datatype,
      required: d.required,
      ...(isList(d.datatype) ? { values } : {}),
    };
  });
}

/**
 * Problems the server does not check: two fields with one code, a list with nothing to choose. Values are string
 * keys (translated where shown, so they follow a change of language).
 */
export function checkDrafts(drafts: FieldDraft[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, number>();
  drafts.forEach((d, i) => {
    const code = d.code.trim();
    if (code && seen.has(code)) problems[`extraFields.${i}.code`] = 'admin.fs.extra.duplicateCode';
    seen.set(code, i);
    if (isList(d.datatype) && d.values.filter((v) => v.name.trim()).length === 0)
      problems[`extraFields.${i}.values`] = 'admin.fs.extra.needOptions';
  });
  return problems;
}

export const newDraft = (): FieldDraft => ({
  rk: rk(),
  code: '',
  codeTouched: false,
  labelVi: '',
  labelEn: '',
  datatype: 'string',
  required: false,
  values: [],
});

/** Add, remove and reorder a category's extra fields (its Open311 attributes). */
export function ExtraFieldsEditor({
  drafts,
  onChange,
  error,
}: {
  drafts: FieldDraft[];
  onChange: (next: FieldDraft[]) => void;
  /** The message for a path such as "extraFields.0.label.vi", from the server or from checkDrafts. */
  error: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<FieldDraft>) =>
    onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...drafts];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <section className="stack" aria-labelledby="fs-extra-title">
      <h2 id="fs-extra-title">{t('admin.fs.extra.title')}</h2>
      <p className="muted">{t('admin.fs.extra.help')}</p>
      {error('extraFields') && (
        <p className="field-error" role="alert">
          {error('extraFields')}
        </p>
      )}
      {drafts.length === 0 && <p>{t('admin.fs.extra.none')}</p>}
      {drafts.map((d, i) => {
        const n = i + 1;
        const p = `extraFields.${i}`;
        return (
          <fieldset key={d.rk} className="fs-extra stack" aria-labelledby={`fs-extra-${d.rk}`}>
            <div className="fs-extra-head">
              <h3 id={`fs-extra-${d.rk}`}>{t('admin.fs.extra.n', { n })}</h3>
              <div className="fs-extra-tools">
                <button
                  type="button"
                  className="btn"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('admin.fs.extra.upLabel', { n })}
                >
                  ↑ {t('admin.fs.extra.up')}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={i === drafts.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('admin.fs.extra.downLabel', { n })}
                >
                  ↓ {t('admin.fs.extra.down')}
                </button>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => onChange(drafts.filter((_, j) => j !== i))}
                  aria-label={t('admin.fs.extra.removeLabel', { n })}
                >
                  {t('admin.fs.extra.remove')}
                </button>
              </div>
            </div>
            <Field
              label={t('admin.fs.extra.labelVi')}
              value={d.labelVi}
              maxLength={200}
              onChange={(e) =>
                set(i, {
                  labelVi: e.target.value,
                  ...(d.codeTouched ? {} : { code: codeFrom(e.target.value, '_') }),
                })
              }
              error={error(`${p}.label.vi`) ?? error(`${p}.label`)}
            />
            <Field
              label={t('admin.fs.extra.labelEn')}
              value={d.labelEn}
              maxLength={200}
              onChange={(e) => set(i, { labelEn: e.target.value })}
              error={error(`${p}.label.en`)}
            />
            <Field
              label={t('admin.fs.extra.code')}
              hint={t('admin.fs.extra.codeHint')}
              value={d.code}
              maxLength={40}
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => set(i, { code: e.target.value, codeTouched: true })}
              error={error(`${p}.code`)}
            />
            <SelectField
              label={t('admin.fs.extra.type')}
              value={d.datatype}
              onChange={(e) => {
                const datatype = e.target.value as FieldDraft['datatype'];
                set(i, {
                  datatype,
                  values: isList(datatype) && d.values.length === 0 ? [{ rk: rk(), key: null, name: '' }] : d.values,
                });
              }}
              error={error(`${p}.datatype`)}
            >
              {DATATYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`admin.fs.extra.types.${k}`)}
                </option>
              ))}
            </SelectField>
            <label className="check fs-check">
              <input type="checkbox" checked={d.required} onChange={(e) => set(i, { required: e.target.checked })} />
              <span>{t('admin.fs.extra.required')}</span>
            </label>
            {isList(d.datatype) && (
              <div className="stack">
                <h4 style={{ margin: 0 }}>{t('admin.fs.extra.options')}</h4>
                {error(`${p}.values`) && (
                  <p className="field-error" role="alert">
                    {error(`${p}.values`)}
                  </p>
                )}
                {d.values.map((v, j) => (
                  <div key={v.rk} className="fs-option">
                    <Field
                      label={t('admin.fs.extra.option', { n: j + 1 })}
                      value={v.name}
                      maxLength={200}
                      onChange={(e) =>
                        set(i, {
                          values: d.values.map((x, k) => (k === j ? { ...x, name: e.target.value } : x)),
                        })
                      }
                      error={error(`${p}.values.${j}.name`) ?? error(`${p}.values.${j}.key`)}
                    />
                    <button
                      type="button"
                      className="btn"
                      onClick={() => set(i, { values: d.values.filter((_, k) => k !== j) })}
                      aria-label={t('admin.fs.extra.removeOption', { n: j + 1 })}
                    >
                      ✕
                    </button>
                  </div>
                ))}
                <div>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => set(i, { values: [...d.values, { rk: rk(), key: null, name: '' }] })}
                  >
                    + {t('admin.fs.extra.addOption')}
                  </button>
                </div>
              </div>
            )}
          </fieldset>
        );
      })}
      <div>
        <button type="button" className="btn" onClick={() => onChange([...drafts, newDraft()])}>
          + {t('admin.fs.extra.add')}
        </button>
      </div>
    </section>
  );
}
