import { lazy } from 'react';
import { Route } from 'react-router';

// One chunk per screen group: the submit page and the public map carry Leaflet, statistics carry ECharts.
const FeedbackHome = lazy(() => import('./FeedbackHome'));
const SubmitPage = lazy(() => import('./submit/SubmitPage'));
const SentPage = lazy(() => import('./submit/SentPage'));
const MyReports = lazy(() => import('./citizen/MyReports'));
const ReportPage = lazy(() => import('./citizen/ReportPage'));
const Workspace = lazy(() => import('./officer/Workspace'));
const PublicReports = lazy(() => import('./public/PublicReports'));
const PublicReportPage = lazy(() => import('./public/PublicReportPage'));
const StatsPage = lazy(() => import('./stats/StatsPage'));
const Notifications = lazy(() => import('./notifications/NotificationsPage'));

/** The feedback pages (phản ánh hiện trường), inside the app's layout. */
export const feedbackRoutes = (
  <>
    <Route path="feedback" element={<FeedbackHome />} />
    <Route path="feedback/new" element={<SubmitPage />} />
    <Route path="feedback/sent/:id" element={<SentPage />} />
    <Route path="feedback/stats" element={<StatsPage />} />
    <Route path="reports/mine" element={<MyReports />} />
    <Route path="reports/:id" element={<ReportPage />} />
    <Route path="work" element={<Workspace />} />
    <Route path="public/reports" element={<PublicReports />} />
    <Route path="public/reports/:code" element={<PublicReportPage />} />
    <Route path="notifications" element={<Notifications />} />
  </>
);
