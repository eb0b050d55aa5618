import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { fileStoreFor } from '../platform/files/store.js';
import { notifyProviders } from '../platform/notify/index.js';
import { createAccountAdminService } from './accounts/admin.js';
import { createApiKeyService } from './accounts/api-keys.js';
import { createProfileService } from './accounts/profile.js';
import { registerAccountRoutes } from './accounts/routes.js';
import { createSessionService } from './accounts/sessions.js';
import { createSignInService } from './accounts/sign-in.js';
import { activityCounts } from './activities/activity-counts.js';
import { activitiesRoutes } from './activities/routes.js';
import { createActivitiesService } from './activities/service.js';
import { registerAuditRoutes } from './audit/routes.js';
import { createAuditService } from './audit/service.js';
import { calendarRoutes } from './calendar/routes.js';
import { createCalendarService } from './calendar/service.js';
import { cameraHealthJob } from './cameras/jobs.js';
import { camerasRoutes } from './cameras/routes.js';
import { createCamerasService } from './cameras/service.js';
import { campaignsRoutes } from './campaigns/routes.js';
import { createCampaignsService } from './campaigns/service.js';
import { catalogRoutes } from './catalog/routes.js';
import { createCatalogService } from './catalog/service.js';
import { certificatesRoutes } from './certificates/routes.js';
import { createCertificatesService } from './certificates/service.js';
import { coursesRoutes } from './courses/routes.js';
import { createCoursesService } from './courses/service.js';
import { monthlyReportJob } from './dashboards/jobs.js';
import { dashboardsRoutes } from './dashboards/routes.js';
import { createDashboardsService } from './dashboards/service.js';
import { createCategoryService } from './feedback/categories.js';
import { deadlineOverdueJob, deadlineReminderJob, reportEventJob } from './feedback/jobs.js';
import { reportCounts } from './feedback/report-counts.js';
import { feedbackRoutes } from './feedback/routes.js';
import { createFeedbackService } from './feedback/service.js';
import { createWorkSummary } from './feedback/work-summary.js';
import { feedbackPhotoRoutes } from './feedback-photos/routes.js';
import { createFeedbackPhotoService } from './feedback-photos/service.js';
import { feedbackPublicRoutes } from './feedback-public/routes.js';
import { createFeedbackPublicService } from './feedback-public/service.js';
import { createStatsBreakdown } from './feedback-stats/breakdown.js';
import { feedbackStatsRoutes } from './feedback-stats/routes.js';
import { createFeedbackStatsService } from './feedback-stats/service.js';
import { handlingUnitsRoutes } from './handling-units/routes.js';
import { createHandlingUnitService } from './handling-units/service.js';
import { householdsRoutes } from './households/routes.js';
import { createHouseholdsService } from './households/service.js';
import { indicatorsRoutes } from './indicators/routes.js';
import { createIndicatorsService } from './indicators/service.js';
import { learningCounts } from './learning/learning-counts.js';
import { learningRoutes } from './learning/routes.js';
import { createLearningService } from './learning/service.js';
import { createAlertFanOut } from './news/alerts.js';
import { newsAlertJob } from './news/jobs.js';
import { newsRoutes } from './news/routes.js';
import { createNewsService } from './news/service.js';
import { createDeliverHandler, createFeedbackEventHandler } from './notifications/dispatch.js';
import { deliverJob } from './notifications/jobs.js';
import { notificationsRoutes } from './notifications/routes.js';
import { createNotificationService } from './notifications/service.js';
import { open311Routes } from './open311/routes.js';
import { createOpen311Service } from './open311/service.js';
import { supportRoutes } from './support/routes.js';
import { createSupportService } from './support/service.js';
import { registerSystemRoutes } from './system/routes.js';
import { teamActivityRoutes } from './team-activity/routes.js';
import { createTeamActivityService } from './team-activity/service.js';
import { teamsRoutes } from './teams/routes.js';
import { createTeamsService } from './teams/service.js';
import { teamCounts } from './teams/team-counts.js';
import { trainingRoutes } from './training/routes.js';
import { createTrainingService } from './training/service.js';
import { transparencyRoutes } from './transparency/routes.js';
import { createTransparencyService } from './transparency/service.js';
import { createHamletService } from './units/hamlets.js';
import { unitsRoutes } from './units/routes.js';
import { createUnitsService } from './units/service.js';

/*
 * The composition root: the whole application in one file. `buildServices` builds every service once, handing each
 * the services it uses (no service builds another); `registerModules` registers every aggregate, job handler and
 * route plugin, giving each route plugin the services it calls.
 */

/** Every domain's services, each built once, in dependency order. */
export function buildServices(ctx: AppContext) {
  // reference data, people and their rights, the audit trail
  const units = createUnitsService(ctx);
  const hamlets = createHamletService(ctx);
  const calendar = createCalendarService(ctx);
  const sessions = createSessionService(ctx.db, ctx.config.SESSION_DAYS);
  const signIn = createSignInService(ctx, sessions);
  const profile = createProfileService(ctx);
  const accountAdmin = createAccountAdminService(ctx);
  const apiKeys = createApiKeyService(ctx.db);
  const audit = createAuditService(ctx);
  const handlingUnits = createHandlingUnitService(ctx, { units });
  // feedback and the domains built on it
  const categories = createCategoryService(ctx, { units });
  const feedback = createFeedbackService(ctx, { units, categories, calendar });
  const workSummary = createWorkSummary(ctx);
  const feedbackPhotos = createFeedbackPhotoService(ctx, { feedback });
  const feedbackPublic = createFeedbackPublicService(ctx);
  const feedbackStats = createFeedbackStatsService(ctx, { units });
  const statsBreakdown = createStatsBreakdown(ctx, { units, feedback });
  const notifications = createNotificationService(ctx, { feedback });
  const open311 = createOpen311Service(ctx, { feedback, sessions, units });
  // teams' work and learning
  const catalog = createCatalogService(ctx);
  const teams = createTeamsService({
    db: ctx.db,
    units,
    accounts: accountAdmin,
    usualSize: { min: ctx.config.TEAM_SIZE_MIN, max: ctx.config.TEAM_SIZE_MAX },
  });
  const teamActivity = createTeamActivityService({ db: ctx.db, units });
  const support = createSupportService({ db: ctx.db, catalog, teams, notifications });
  const campaigns = createCampaignsService({ db: ctx.db, units });
  const households = createHouseholdsService({ db: ctx.db, units });
  const activities = createActivitiesService({ db: ctx.db, units, store: fileStoreFor(ctx) });
  const courses = createCoursesService({ db: ctx.db, store: fileStoreFor(ctx), units, catalog });
  const certificates = createCertificatesService({ db: ctx.db, config: ctx.config });
  // Live training sessions: attending one whose organiser says so (certificateOnAttendance) issues its certificate
  // in the check-in's transaction.
  const training = createTrainingService({
    db: ctx.db,
    units,
    store: fileStoreFor(ctx),
    secret: ctx.config.secret,
    publicUrl: ctx.config.PUBLIC_URL,
    onAttended: async (tx, e) => {
      await certificates.issueForAttendance(tx, e);
    },
  });
  const learning = createLearningService({
    db: ctx.db,
    units,
    courses,
    statsSections: [certificates.statsSection, training.statsSection],
    // A completed course earns its certificate in the completing transaction (once per course and person; the title
    // is read in that transaction: PGlite has one connection, a read beside it would wait for it).
    onCourseCompleted: async (tx, e) => {
      await certificates.issueForCourse(tx, e);
    },
  });
  // Public cameras: health checked by a job chain, snapshots read and cached by the server.
  const cameras = createCamerasService({
    db: ctx.db,
    units,
    secret: ctx.config.secret,
    timeoutMs: ctx.config.CAMERA_TIMEOUT_MS,
    checkSeconds: ctx.config.CAMERA_CHECK_SECONDS,
    snapshotTtlSeconds: ctx.config.CAMERA_SNAPSHOT_TTL_SECONDS,
    log: ctx.log,
  });
  // Official news and alerts: an alert reaches its unit's followers in the app and by SMS or Zalo.
  const news = createNewsService({
    db: ctx.db,
    store: fileStoreFor(ctx),
    units,
    provinceCode: ctx.config.XASO_PROVINCE,
  });
  const newsAlerts = createAlertFanOut({
    db: ctx.db,
    notifications,
    providers: () => notifyProviders(ctx),
    publicUrl: ctx.config.PUBLIC_URL,
  });
  // read models over the others' counts
  const transparency = createTransparencyService({
    db: ctx.db,
    units,
    teams,
    certificates,
    provinceCode: ctx.config.XASO_PROVINCE,
  });
  // Indicators: a read model over the rollups above, and the figures entered from elsewhere.
  const indicators = createIndicatorsService({ db: ctx.db, units });
  // Dashboards: a read model over the indicators (exports, the monthly PDF and the reports its job keeps).
  const dashboards = createDashboardsService({ db: ctx.db, units, indicators, store: fileStoreFor(ctx) });
  return {
    units,
    hamlets,
    calendar,
    sessions,
    signIn,
    profile,
    accountAdmin,
    apiKeys,
    audit,
    handlingUnits,
    categories,
    feedback,
    workSummary,
    feedbackPhotos,
    feedbackPublic,
    feedbackStats,
    statsBreakdown,
    notifications,
    open311,
    catalog,
    teams,
    teamActivity,
    support,
    campaigns,
    households,
    activities,
    certificates,
    courses,
    learning,
    training,
    cameras,
    news,
    newsAlerts,
    transparency,
    indicators,
    dashboards,
  };
}

export type Services = ReturnType<typeof buildServices>;

/** Every counted aggregate, background job handler and route plugin of the application. */
export async function registerModules(app: FastifyInstance, ctx: AppContext, s: Services) {
  // Counts folded in the background (platform/aggregates).
  ctx.aggregates.register(reportCounts);
  ctx.aggregates.register(teamCounts);
  ctx.aggregates.register(activityCounts);
  ctx.aggregates.register(learningCounts);

  // Background jobs (platform/jobs): each kind is declared by the domain that enqueues it.
  ctx.jobs.register(deadlineReminderJob, s.feedback.remindOfDeadline);
  ctx.jobs.register(deadlineOverdueJob, s.feedback.escalateOverdue);
  ctx.jobs.register(reportEventJob, createFeedbackEventHandler(ctx));
  ctx.jobs.register(deliverJob, createDeliverHandler(ctx));
  ctx.jobs.register(cameraHealthJob, async () => {
    await s.cameras.checkHealth();
  });
  ctx.jobs.register(newsAlertJob, s.newsAlerts);
  ctx.jobs.register(monthlyReportJob, async (p) => {
    await s.dashboards.runMonthlyJob(p);
  });

  // HTTP: one route plugin per domain.
  registerSystemRoutes(app, ctx);
  registerAccountRoutes(app, ctx, {
    sessions: s.sessions,
    signIn: s.signIn,
    profile: s.profile,
    accountAdmin: s.accountAdmin,
    apiKeys: s.apiKeys,
  });
  registerAuditRoutes(app, { audit: s.audit });
  await app.register(unitsRoutes, { ctx, units: s.units, hamlets: s.hamlets });
  await app.register(handlingUnitsRoutes, { handlingUnits: s.handlingUnits });
  await app.register(calendarRoutes, { ctx, calendar: s.calendar, units: s.units });
  await app.register(feedbackRoutes, {
    ctx,
    feedback: s.feedback,
    categories: s.categories,
    units: s.units,
    workSummary: s.workSummary,
  });
  await app.register(notificationsRoutes, { notifications: s.notifications });
  await app.register(open311Routes, { ctx, open311: s.open311 });
  await app.register(feedbackPhotoRoutes, { feedbackPhotos: s.feedbackPhotos });
  await app.register(feedbackStatsRoutes, { feedbackStats: s.feedbackStats, statsBreakdown: s.statsBreakdown });
  await app.register(feedbackPublicRoutes, { feedbackPublic: s.feedbackPublic });
  await app.register(catalogRoutes, { catalog: s.catalog });
  await app.register(coursesRoutes, { courses: s.courses });
  await app.register(teamsRoutes, { teams: s.teams });
  await app.register(teamActivityRoutes, { teamActivity: s.teamActivity });
  await app.register(supportRoutes, { support: s.support });
  await app.register(campaignsRoutes, { campaigns: s.campaigns });
  await app.register(householdsRoutes, { households: s.households });
  await app.register(activitiesRoutes, { activities: s.activities });
  await app.register(certificatesRoutes, { certificates: s.certificates });
  await app.register(learningRoutes, { learning: s.learning });
  await app.register(trainingRoutes, { training: s.training });
  await app.register(camerasRoutes, { cameras: s.cameras });
  await app.register(newsRoutes, { news: s.news, publicUrl: ctx.config.PUBLIC_URL });
  await app.register(transparencyRoutes, { transparency: s.transparency });
  await app.register(indicatorsRoutes, { indicators: s.indicators });
  await app.register(dashboardsRoutes, { dashboards: s.dashboards });
}

/**
 * What a serving process schedules when its job worker starts: the province's monthly report of the month running
 * now (due on the 1st of the next; each run schedules the next month). Idempotent (a dedupe key per unit and month),
 * so every start of every process may call it.
 */
export async function scheduleRecurringJobs(ctx: AppContext, s: Services) {
  await s.dashboards.scheduleCurrent(ctx.config.XASO_PROVINCE);
}
