import type { ReporterContact } from '../../../common/feedback.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { errors } from '../../platform/errors.js';
import { contactOf } from '../accounts/directory.js';
import { type FeedbackCore, reportNotFound } from './core.js';
import * as repo from './report-repo.js';

/**
 * Reaching the reporter. A report's view names no one; an authorised officer (of the handling unit, the screening
 * committee, or an administrator in scope) asks for the phone with a reason, and the audit trail records who, when
 * and why in the same transaction as the read.
 */
export function createContactReveal(core: FeedbackCore) {
  const { db } = core;

  /**
   * The reporter's name and phone: the app account's (verified phone) for an app report, else what was recorded on
   * the report with the resident's consent. 403 to anyone else (404 for no such report); audited with the reason.
   */
  async function revealContact(actor: Actor, id: string, reason: string, requestId?: string): Promise<ReporterContact> {
    return db.transaction(async (tx) => {
      const r = await repo.findReport(tx, id);
      if (!r) throw reportNotFound();
      if (actor.kind !== 'user' || !(await core.seesPrivate(tx, actor, r, 'report.reveal_contact')))
        throw errors.forbidden();
      const account = r.reporterId ? await contactOf(tx, r.reporterId) : null;
      const contact: ReporterContact = r.reporterId
        ? { name: account?.fullName ?? null, phone: account?.phone ?? null, source: 'account' }
        : { name: r.reporterName, phone: r.reporterPhone, source: 'report' };
      await recordAudit(
        tx,
        actor,
        {
          action: 'report.reveal_contact',
          resourceType: 'report',
          resourceId: r.id,
          unitPath: r.unitPath,
          reason,
          details: { source: contact.source, channel: r.channel },
        },
        requestId,
      );
      return contact;
    });
  }

  return { revealContact };
}
