/**
 * Campaigns (the province's monthly roadmap for community digital technology teams) and households (the national aim
 * "every household has at least one person with basic digital skills"): constants and labels the server and the web
 * app share. No zod here.
 */

export const CAMPAIGN_STATUSES = ['draft', 'published'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  published: { vi: 'Đã công bố', en: 'Published' },
};

export const CAMPAIGN_LIMITS = {
  titleMax: 200,
  whatToDoMax: 4000,
  focusMax: 12,
  metricsMax: 10,
  /** Months from the first to the last of a campaign's period. */
  periodMonthsMax: 24,
  /** One target (people helped). */
  targetMax: 1_000_000,
  /** Target rows in one request (communes × metrics, teams × metrics). */
  targetsMax: 5000,
} as const;

/** What a metric counts, in words a clerk understands (people helped whose item's outcome is done). */
export const CAMPAIGN_METRIC_NOTE = {
  vi: 'Số người được hỗ trợ hoàn thành (kết quả "Hoàn thành" trong nhật ký hoạt động), trong thời gian của đợt.',
  en: 'People helped to the end (outcome "Done" in the activity log), within the campaign period.',
};

/** Households per hamlet (entered or imported by the commune). */
export const HOUSEHOLD_LIMITS = {
  householdsMax: 100_000,
  sourceMax: 200,
} as const;

/** The columns of the households spreadsheet (one row per hamlet). */
export const HOUSEHOLD_IMPORT_COLUMNS = [
  {
    field: 'hamlet',
    header: 'Thôn, tổ dân phố',
    aliases: ['thon', 'to dan pho', 'thon, xom', 'hamlet'],
    required: true,
  },
  {
    field: 'households',
    header: 'Số hộ',
    aliases: ['tong so ho', 'so ho gia dinh', 'ho', 'households'],
    required: true,
  },
  {
    field: 'skilled',
    header: 'Số hộ có người có kỹ năng số cơ bản',
    aliases: ['so ho co nguoi co ky nang so', 'ho co ky nang so', 'ky nang so', 'skilled', 'households with skills'],
  },
  { field: 'asOf', header: 'Số liệu đến ngày', aliases: ['ngay', 'tinh den ngay', 'as of', 'date'] },
  { field: 'source', header: 'Nguồn số liệu', aliases: ['nguon', 'source'] },
] as const;
export type HouseholdImportField = (typeof HOUSEHOLD_IMPORT_COLUMNS)[number]['field'];
export const HOUSEHOLD_IMPORT_MAX_ROWS = 5000;
export const HOUSEHOLD_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * What the coverage figure measures, said honestly. The aim counts households with a person who has basic digital
 * skills: only a survey of the hamlet knows that (the team's household list), so the commune enters it with the
 * total. The activity log's household visits are shown beside it, never as coverage: a household visited twice counts
 * twice there.
 */
export const HOUSEHOLD_COVERAGE_NOTE = {
  vi: 'Độ phủ = số hộ có ít nhất một người có kỹ năng số cơ bản (theo rà soát của thôn, tổ dân phố, do xã nhập) so với tổng số hộ của những thôn đã nhập cả hai số. Lượt hộ được Tổ công nghệ số hỗ trợ lấy từ nhật ký hoạt động, chỉ để tham khảo: một hộ được hỗ trợ nhiều lần thì được đếm nhiều lần.',
  en: 'Coverage = households with at least one person who has basic digital skills (from the hamlet’s survey, entered by the commune) against total households, over hamlets with both figures entered. Household visits come from the teams’ activity log and are for reference only: a household visited twice counts twice.',
};
