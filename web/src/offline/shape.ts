import type { ActivityInput, ActivityView } from '../../../common/activities';

/**
 * The body that would record `view` again (an edit starts from it). Residents are not in a view (their details are an
 * audited read): the device's own copy gives them when it has them all; otherwise `residents` is left out, which the
 * server reads as "keep the ones you have".
 */
export function inputFromView(view: ActivityView, local?: ActivityInput): ActivityInput {
  const known = view.residentCount === 0 || local?.residents?.length === view.residentCount;
  return {
    id: view.id,
    occurredAt: view.occurredAt,
    durationMinutes: view.durationMinutes,
    hamletCode: view.hamletCode,
    lat: view.lat,
    lng: view.lng,
    households: view.households,
    people: view.people,
    items: view.items.map((i) => ({
      serviceId: i.serviceId,
      action: i.action,
      procedure: i.procedure,
      outcome: i.outcome,
      failureReason: i.failureReason,
      people: i.people,
    })),
    ...(known ? { residents: view.residentCount === 0 ? [] : local!.residents } : {}),
    note: view.note,
    reportCode: view.reportCode,
  };
}
