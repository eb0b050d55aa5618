import type { CategoryView, ExtraField } from '../../../common/feedback.js';
import { CANCEL_REASON_LABELS, SubmitReport } from '../../../common/feedback.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, fieldsFromIssues } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { covers } from '../../platform/permissions.js';
import type { SessionService } from '../accounts/sessions.js';
import type { FeedbackService } from '../feedback/service.js';
import type { UnitsService } from '../units/service.js';
import { open311Error } from './format.js';
import * as repo from './repo.js';

/** Our statuses in Open311's two words. */
export const OPEN311_STATUS = {
  pending: 'open',
  distributed: 'open',
  resolved: 'closed',
  cancelled: 'closed',
} as const;
const DAY = 86_400_000;
export const MAX_REQUESTS = 1000;

/** The w3 date-time Open311 asks for, in Vietnam's time zone (UTC+07:00, no daylight saving). */
export function w3(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export interface PostRequestInput {
  jurisdictionId?: string;
  serviceCode?: string;
  lat?: string;
  long?: string;
  addressString?: string;
  addressId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  description?: string;
  attributes: Record<string, string | string[]>;
}

/** Field names of the feedback service's errors, in the words of Open311. */
const OPEN311_FIELD: Record<string, string> = {
  categoryId: 'service_code',
  lng: 'long',
  address: 'address_string',
  communeCode: 'address_id',
  reporterPhone: 'phone',
  reporterName: 'last_name',
};
function renameFields(e: unknown): never {
  if (e instanceof AppError && e.fields) {
    const fields = Object.fromEntries(
      Object.entries(e.fields).map(([k, m]) => [
        k.startsWith('attributes.') ? `attribute[${k.slice(11)}]` : (OPEN311_FIELD[k] ?? k),
        m,
      ]),
    );
    throw new AppError(e.status, e.code, e.text, fields);
  }
  throw e;
}

/** Open311 GeoReport v2 over the feedback domain: services are categories, requests are reports. */
export function createOpen311Service(
  ctx: AppContext,
  { feedback, sessions, units }: { feedback: FeedbackService; sessions: SessionService; units: UnitsService },
) {
  /** jurisdiction_id is a province code; one province is served when it is left out (XASO_PROVINCE). */
  async function jurisdiction(id: string | undefined) {
    const code = id?.trim() || ctx.config.XASO_PROVINCE;
    const province = /^[0-9]{2}$/.test(code) ? await repo.findProvince(ctx.db, code) : null;
    if (!province)
      throw open311Error(404, `Không có jurisdiction_id "${code}".`, `jurisdiction_id "${code}" was not found.`);
    return province;
  }

  async function services(jurisdictionId: string | undefined, lang: Lang) {
    const province = await jurisdiction(jurisdictionId);
    const list = await feedback.categories.listCategories(province.code, false);
    return list.map((c) => ({
      service_code: c.code,
      service_name: lang === 'en' ? c.nameEn : c.nameVi,
      description: (lang === 'en' ? c.descriptionEn : c.descriptionVi) ?? '',
      metadata: c.extraFields.length > 0,
      type: 'realtime' as const,
      keywords: [c.nameVi, c.nameEn].join(', '),
      group: c.icon,
    }));
  }

  async function category(provinceCode: string, code: string): Promise<CategoryView> {
    const list = await feedback.categories.listCategories(provinceCode, false);
    const found = list.find((c) => c.code === code);
    if (!found) throw open311Error(404, `Không có service_code "${code}".`, `service_code "${code}" was not found.`);
    return found;
  }

  async function serviceDefinition(jurisdictionId: string | undefined, code: string, lang: Lang) {
    const province = await jurisdiction(jurisdictionId);
    const c = await category(province.code, code);
    return {
      service_code: c.code,
      attributes: (c.extraFields as ExtraField[]).map((f, i) => ({
        variable: true,
        code: f.code,
        datatype: f.datatype,
        required: f.required,
        datatype_description: null,
        order: i + 1,
        description: f.label[lang],
        ...(f.values ? { values: f.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
      })),
    };
  }

  /** The integration behind `api_key` (parameter) or `Authorization: Bearer`; Open311 answers 403 without one. */
  async function keyActor(apiKey: string | undefined, bearer: Actor | null): Promise<Actor> {
    const actor = apiKey ? await sessions.actorFromApiKey(apiKey.trim()) : bearer;
    if (actor?.kind !== 'api_key')
      throw open311Error(
        403,
        apiKey ? 'api_key không hợp lệ hoặc đã bị thu hồi.' : 'Cần api_key để gửi phản ánh.',
        apiKey ? "Invalid api_key received -- can't proceed with create_request." : 'api_key is required.',
      );
    return actor;
  }

  /** POST requests: a report through the feedback service, channel open311. */
  async function postRequest(apiKey: string | undefined, bearer: Actor | null, input: PostRequestInput, idem?: string) {
    const actor = await keyActor(apiKey, bearer);
    const keyPath = actor.assignments[0]?.unitPath ?? '';
    const province = await jurisdiction(input.jurisdictionId ?? keyPath.split('/')[0]);
    // A key works in its own unit's province only.
    if (!(covers(province.path, keyPath) || covers(keyPath, province.path)))
      throw open311Error(
        403,
        'api_key này không dùng được cho jurisdiction_id này.',
        'This api_key is not valid for this jurisdiction_id.',
      );
    if (!input.serviceCode) throw open311Error(400, 'Thiếu service_code.', 'service_code was not provided.');
    const c = await category(province.code, input.serviceCode);
    const hasPoint = !!(input.lat || input.long);
    if (!hasPoint && !input.addressId)
      throw open311Error(
        400,
        input.addressString
          ? 'Cần lat và long; nếu chỉ có address_string thì gửi kèm address_id là mã xã, phường.'
          : 'Cần vị trí: lat và long, hoặc address_string kèm address_id (mã xã, phường).',
        input.addressString
          ? 'lat and long are required; with address_string only, send address_id = the commune code.'
          : 'A location is required: lat and long, or address_string with address_id (the commune code).',
      );
    const num = (v: string | undefined, name: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n))
        throw open311Error(400, `${name} phải là một số.`, `${name} must be a number.`);
      return n;
    };
    // A key issued for one commune reports in that commune only (a province key anywhere in its province).
    if (keyPath.includes('/')) {
      const lat = num(input.lat, 'lat');
      const lng = num(input.long, 'long');
      const code = lat !== undefined && lng !== undefined ? await units.locateCode(lat, lng) : input.addressId?.trim();
      const unit = code ? await units.requireUnit(code).catch(() => null) : null;
      if (!unit || !covers(keyPath, unit.path))
        throw open311Error(
          403,
          'api_key này chỉ dùng cho phản ánh trong đơn vị được cấp.',
          'This api_key may only report within its own unit.',
        );
    }
    const attributes: Record<string, string | number | string[]> = {};
    for (const f of c.extraFields as ExtraField[]) {
      const v = input.attributes[f.code];
      if (v === undefined) continue;
      if (f.datatype === 'multivaluelist') attributes[f.code] = Array.isArray(v) ? v : [v];
      else {
        const one = Array.isArray(v) ? v[0] : v;
        attributes[f.code] = f.datatype === 'number' ? (num(one, `attribute[${f.code}]`) as number) : one;
      }
    }
    for (const k of Object.keys(input.attributes))
      if (!(k in attributes) && !(c.extraFields as ExtraField[]).some((f) => f.code === k))
        attributes[k] = input.attributes[k] as string; // the feedback service names the unknown code
    const name = [input.lastName, input.firstName]
      .map((s) => s?.trim())
      .filter(Boolean)
      .join(' ');
    const phone = input.phone?.trim() || undefined;
    // The same schema as POST /api/reports, so every limit (lengths, phone form) holds for Open311 too.
    const parsed = SubmitReport.safeParse({
      categoryId: c.id,
      description: input.description?.trim() || c.nameVi,
      attributes,
      lat: num(input.lat, 'lat'),
      lng: num(input.long, 'long'),
      address: input.addressString?.trim() || undefined,
      communeCode: input.addressId?.trim() || undefined,
      emergency: false,
      showName: false,
      channel: 'open311',
      // The requester gave their name and phone to the client app in order to report: that is the consent.
      ...(name ? { reporterName: name } : {}),
      ...(phone ? { reporterPhone: phone } : {}),
      ...(name || phone ? { consent: true } : {}),
    });
    if (!parsed.success)
      renameFields(
        new AppError(
          400,
          'invalid_input',
          { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' },
          fieldsFromIssues(parsed.error.issues),
        ),
      );
    const result = await feedback.submitReport(actor, parsed.data, { idempotencyKey: idem }).catch(renameFields);
    return {
      service_request_id: result.report.publicCode,
      service_notice:
        'Đã nhận phản ánh. Ủy ban nhân dân xã, phường sẽ xem xét, chuyển đơn vị xử lý và trả lời công khai.',
      account_id: null,
    };
  }

  function toRequest(r: repo.RequestRow, lang: Lang) {
    const screened = r.status !== 'pending';
    const label = r.cancelReason ? CANCEL_REASON_LABELS[r.cancelReason] : null;
    // Not yet screened: nobody has read it, it may hold personal data — only its existence and status show.
    // Sensitive categories (security tips) show the coarse public position of the map (r.lat/r.lng are map_lat/
    // map_lng): one grid everywhere, since two different roundings of one point would narrow it down.
    return {
      service_request_id: r.publicCode,
      status: OPEN311_STATUS[r.status],
      status_notes: r.status === 'resolved' ? r.answerText : r.status === 'cancelled' && label ? label[lang] : null,
      service_name: lang === 'en' ? r.serviceNameEn : r.serviceNameVi,
      service_code: r.serviceCode,
      description: screened ? r.description : null,
      agency_responsible: r.agencyVi ? (lang === 'en' ? (r.agencyEn ?? r.agencyVi) : r.agencyVi) : null,
      service_notice: null,
      requested_datetime: w3(r.createdAt),
      updated_datetime: w3(r.updatedAt),
      expected_datetime: w3(r.dueAt),
      address: screened && !r.sensitive ? r.address : null,
      address_id: null,
      zipcode: null,
      lat: screened ? r.lat : null,
      long: screened ? r.lng : null,
      media_url: screened && r.photoId ? `${ctx.config.PUBLIC_URL}/api/reports/${r.id}/photos/${r.photoId}` : null,
    };
  }

  async function getRequests(
    q: {
      jurisdictionId?: string;
      ids?: string;
      serviceCode?: string;
      startDate?: string;
      endDate?: string;
      status?: string;
    },
    lang: Lang,
  ) {
    const province = await jurisdiction(q.jurisdictionId);
    const list = (v: string | undefined) =>
      v
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const ids = list(q.ids);
    if (ids && ids.length > MAX_REQUESTS)
      throw open311Error(400, 'Tối đa 1.000 service_request_id.', 'At most 1,000 service_request_id values.');
    const date = (v: string | undefined, name: string) => {
      if (!v) return undefined;
      const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v);
      const d = new Date(v);
      if (!ok || Number.isNaN(d.getTime()))
        throw open311Error(
          400,
          `${name} phải theo định dạng w3, ví dụ 2026-01-01T00:00:00Z.`,
          `${name} must be a w3 date-time, e.g. 2026-01-01T00:00:00Z.`,
        );
      return d;
    };
    const start = date(q.startDate, 'start_date');
    const end = date(q.endDate, 'end_date');
    const to = end ?? (start ? new Date(Math.min(Date.now(), start.getTime() + 90 * DAY)) : new Date());
    const from = start ?? new Date(to.getTime() - 90 * DAY);
    if (from > to) throw open311Error(400, 'start_date sau end_date.', 'start_date is after end_date.');
    if (to.getTime() - from.getTime() > 90 * DAY)
      throw open311Error(400, 'Khoảng thời gian tối đa 90 ngày.', 'The date range may not span more than 90 days.');
    const statuses = list(q.status);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
      throw open311Error(400, 'status chỉ nhận open hoặc closed.', 'status must be open or closed.');
    const rows = await repo.listRequests(ctx.db, {
      provinceCode: province.code,
      ids,
      serviceCodes: list(q.serviceCode),
      from,
      // end_date is inclusive in the spec's examples; a bare date means the whole day.
      to:
        end && /^\d{4}-\d{2}-\d{2}$/.test(q.endDate ?? '') ? new Date(to.getTime() + DAY) : new Date(to.getTime() + 1),
      statuses: statuses
        ? (['pending', 'distributed', 'resolved', 'cancelled'] as const).filter((s) =>
            statuses.includes(OPEN311_STATUS[s]),
          )
        : undefined,
      limit: MAX_REQUESTS,
    });
    return rows.map((r) => toRequest(r, lang));
  }

  async function getRequest(jurisdictionId: string | undefined, id: string, lang: Lang) {
    const province = await jurisdiction(jurisdictionId);
    const row = await repo.findRequest(ctx.db, province.code, id);
    if (!row)
      throw open311Error(404, `Không có service_request_id "${id}".`, `service_request_id "${id}" was not found.`);
    return toRequest(row, lang);
  }

  /** Requests are created in real time, so a token is simply the report's id (or its public code). */
  async function fromToken(jurisdictionId: string | undefined, token: string) {
    const province = await jurisdiction(jurisdictionId);
    const row = await repo.findRequest(ctx.db, province.code, token);
    if (!row) throw open311Error(404, `Không có token "${token}".`, `token "${token}" was not found.`);
    return { service_request_id: row.publicCode, token };
  }

  return { services, serviceDefinition, postRequest, getRequests, getRequest, fromToken };
}

export type Open311Service = ReturnType<typeof createOpen311Service>;
