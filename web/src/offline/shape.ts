import type { ActivityInput, ActivityView } from '../../../common/activities';

/**
 * The body that would record `view` again (an edit starts from it). Residents are not in a view (their details are an
 * audited read), so they come from the device's own copy when it has one; `residentsKnown` says whether it did.
 */
export function inputFromView(view: ActivityView, local?: ActivityInput): ActivityInput {
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
    residents: view.residentCount > 0 && local?.residents?.length === view.residentCount ? local.residents : [],
    note: view.note,
    reportCode: view.reportCode,
  };
}

/** Whether an edit from this input would keep the residents the server has (it replaces them with what it is sent). */
export function residentsKnown(view: ActivityView | undefined, input: ActivityInput | undefined) {
  if (!view || view.residentCount === 0) return true;
  return (input?.residents?.length ?? 0) === view.residentCount;
}
