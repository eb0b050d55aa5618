import type { Lang, Message } from '../../platform/i18n.js';

/** Who a notification is for: the texts differ (an officer gets work, a citizen gets news). */
export const AUDIENCES = ['reporter', 'follower', 'officer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a message about one report event is made of (no personal data of the reporter). */
export interface EventFacts {
  type: string;
  toStatus: string | null;
  publicCode: string;
  status: string;
  cancelReason: string | null;
  reason: string | null;
  unitName: { vi: string; en: string } | null;
  answerText: string | null;
  dueAt: Date | null;
  /** The event moves the report to another unit (`unitName` is that unit's). */
  toUnit?: boolean;
}

const STATUS: Record<string, Message> = {
  pending: { vi: 'Đang chờ tiếp nhận', en: 'Waiting to be accepted' },
  distributed: { vi: 'Đã phân phối, đang chờ xử lý', en: 'Assigned, awaiting handling' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

const CANCEL: Record<string, Message> = {
  ineligible: { vi: 'không đủ điều kiện tiếp nhận', en: 'not eligible' },
  outside_jurisdiction: { vi: 'không thuộc thẩm quyền', en: 'outside jurisdiction' },
  duplicate: { vi: 'trùng với phản ánh khác', en: 'duplicate of another report' },
  spam: { vi: 'tin rác', en: 'spam' },
  withdrawn: { vi: 'người phản ánh rút lại', en: 'withdrawn by the reporter' },
};

/** Event types that concern nobody outside the office (internal notes, ratings seen in statistics). */
const QUIET = new Set(['note', 'rated', 'photo_hidden', 'photo_published']);

/** Event types the handling unit's officers are told about (their queue changed). */
export const OFFICER_EVENTS = new Set([
  'submitted',
  'reminder',
  'forwarded',
  'escalated',
  'reopened',
  'information_provided',
  'info_provided',
  'accepted',
  'withdrawn',
]);

/** Event types important enough for an SMS or Zalo message to the reporter (they must act, or it is over). */
export const DIRECT_EVENTS = new Set(['information_requested', 'info_requested', 'answered', 'resolved', 'cancelled']);

export function isQuiet(type: string) {
  return QUIET.has(type);
}

/** The cancel reason as the public sees it (also Open311's status_notes). */
export function cancelReasonLabel(reason: string | null): Message | null {
  return reason ? (CANCEL[reason] ?? null) : null;
}

function both(f: (lang: Lang) => string): Message {
  return { vi: f('vi'), en: f('en') };
}

/** Title and body of a notification, in both languages. */
export function composeMessage(facts: EventFacts, audience: Audience): { title: Message; body: Message | null } {
  const code = facts.publicCode;
  const unit = (lang: Lang) => facts.unitName?.[lang] ?? (lang === 'vi' ? 'đơn vị xử lý' : 'the handling unit');
  const reason = facts.reason ? { vi: `Lý do: ${facts.reason}`, en: `Reason: ${facts.reason}` } : null;
  const officer = audience === 'officer';
  switch (facts.type) {
    case 'submitted':
      return officer
        ? {
            title: both((l) => (l === 'vi' ? `Phản ánh mới ${code} cần sàng lọc` : `New report ${code} to screen`)),
            body: null,
          }
        : {
            title: both((l) => (l === 'vi' ? `Đã nhận phản ánh ${code}` : `Report ${code} received`)),
            body: both((l) =>
              l === 'vi' ? 'Phản ánh đang được xem xét để tiếp nhận.' : 'Your report is being screened.',
            ),
          };
    case 'accepted':
      if (officer)
        return {
          title: both((l) =>
            l === 'vi' ? `Phản ánh ${code} được giao cho đơn vị của bạn` : `Report ${code} was assigned to your unit`,
          ),
          body: dueLine(facts),
        };
      return {
        title: both((l) => (l === 'vi' ? `Phản ánh ${code} đã được tiếp nhận` : `Report ${code} accepted`)),
        body: both((l) => (l === 'vi' ? `Chuyển tới ${unit(l)} để xử lý.` : `Assigned to ${unit(l)}.`)),
      };
    case 'information_requested':
    case 'info_requested':
      return {
        title: both((l) =>
          l === 'vi' ? `Phản ánh ${code} cần bổ sung thông tin` : `Report ${code} needs more information`,
        ),
        body: reason,
      };
    case 'information_provided':
    case 'info_provided':
      return {
        title: both((l) =>
          l === 'vi' ? `Phản ánh ${code} đã được bổ sung thông tin` : `More information was added to report ${code}`,
        ),
        body: null,
      };
    case 'forwarded':
      return {
        title: both((l) =>
          officer
            ? l === 'vi'
              ? `Phản ánh ${code} được chuyển tới đơn vị của bạn`
              : `Report ${code} was forwarded to your unit`
            : l === 'vi'
              ? `Phản ánh ${code} được chuyển tới ${unit(l)}`
              : `Report ${code} was forwarded to ${unit(l)}`,
        ),
        body: reason,
      };
    case 'escalated':
      if (facts.toUnit === false)
        return {
          title: both((l) => (l === 'vi' ? `Phản ánh ${code} đã quá hạn xử lý` : `Report ${code} is overdue`)),
          body: dueLine(facts),
        };
      return {
        title: both((l) =>
          l === 'vi'
            ? `Phản ánh ${code} quá hạn, đã chuyển lên ${unit(l)}`
            : `Report ${code} is overdue; escalated to ${unit(l)}`,
        ),
        body: null,
      };
    case 'reminder':
      return {
        title: both((l) => (l === 'vi' ? `Phản ánh ${code} sắp đến hạn xử lý` : `Report ${code} is nearly due`)),
        body: dueLine(facts),
      };
    case 'answered':
    case 'resolved':
      return {
        title: both((l) => (l === 'vi' ? `Phản ánh ${code} đã được xử lý` : `Report ${code} has been resolved`)),
        body: facts.answerText ? both(() => excerpt(facts.answerText!)) : null,
      };
    case 'cancelled': {
      const label = cancelReasonLabel(facts.cancelReason);
      return {
        title: both((l) => (l === 'vi' ? `Phản ánh ${code} đã bị hủy` : `Report ${code} was cancelled`)),
        body: label ? both((l) => (l === 'vi' ? `Lý do: ${label.vi}.` : `Reason: ${label.en}.`)) : reason,
      };
    }
    case 'withdrawn':
      return {
        title: both((l) =>
          l === 'vi' ? `Phản ánh ${code} đã được người gửi rút lại` : `Report ${code} was withdrawn by its reporter`,
        ),
        body: null,
      };
    case 'reopened':
      return {
        title: both((l) =>
          officer
            ? l === 'vi'
              ? `Phản ánh ${code} được mở lại, cần xử lý lại`
              : `Report ${code} was reopened and needs handling again`
            : l === 'vi'
              ? `Phản ánh ${code} được mở lại`
              : `Report ${code} was reopened`,
        ),
        body: reason,
      };
    default: {
      const status = STATUS[facts.toStatus ?? facts.status] ?? STATUS.pending;
      return {
        title: both((l) =>
          l === 'vi' ? `Phản ánh ${code}: ${status.vi.toLowerCase()}` : `Report ${code}: ${status.en.toLowerCase()}`,
        ),
        body: reason,
      };
    }
  }
}

/** "Hạn xử lý: dd/mm/yyyy hh:mm." when the report has a deadline. */
function dueLine(facts: EventFacts): Message | null {
  const due = facts.dueAt ? vnDateTime(facts.dueAt) : null;
  return due ? both((l) => (l === 'vi' ? `Hạn xử lý: ${due}.` : `Due: ${due}.`)) : null;
}

/** dd/mm/yyyy hh:mm in Vietnam's time (UTC+7, no daylight saving). */
/**
 * A deadline in Vietnam time as the last moment to act: a working-day deadline (24:00, stored as 00:00 of the next
 * day) is its last day, "16/12/2026"; an hour deadline keeps its time, "16/12/2026 14:30".
 */
function vnDateTime(d: Date) {
  const v = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  if (v.slice(11, 19) === '00:00:00') {
    const last = new Date(d.getTime() + 7 * 3_600_000 - 1).toISOString();
    return `${last.slice(8, 10)}/${last.slice(5, 7)}/${last.slice(0, 4)}`;
  }
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}

function excerpt(text: string) {
  return text.length > 280 ? `${text.slice(0, 277)}…` : text;
}

/** The e-mail for one notification, in one language. Never quotes the reporter's contact details. */
export function composeEmail(
  message: { title: Message; body: Message | null },
  lang: Lang,
  url: string,
): { subject: string; text: string } {
  const lines = [message.title[lang], ''];
  if (message.body) lines.push(message.body[lang], '');
  lines.push(lang === 'vi' ? `Xem chi tiết: ${url}` : `Details: ${url}`, '');
  lines.push(
    lang === 'vi'
      ? 'Bạn nhận thư này vì bạn gửi hoặc theo dõi phản ánh này trên Xã Số.'
      : 'You receive this because you sent or follow this report on Xã Số.',
  );
  return { subject: `[Xã Số] ${message.title[lang]}`, text: lines.join('\n') };
}
