import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { feedbackRoutes } from './app/feedback/routes';

const Home = lazy(() => import('./app/public/Home'));

import NotFound from './app/public/NotFound';
import { Layout } from './app/shell/Layout';

// One chunk per area: citizen pages never load the admin or map code.
const SignIn = lazy(() => import('./app/public/SignIn'));
const MapPage = lazy(() => import('./app/map/MapPage'));
const UnitPage = lazy(() => import('./app/units/UnitPage'));
const Profile = lazy(() => import('./app/account/Profile'));
const AdminHome = lazy(() => import('./app/admin/AdminHome'));
const AdminUnits = lazy(() => import('./app/admin/units/UnitsAdmin'));
const HandlingUnits = lazy(() => import('./app/admin/handling-units/HandlingUnitsPage'));
const HandlingUnitEdit = lazy(() => import('./app/admin/handling-units/HandlingUnitEdit'));
const Accounts = lazy(() => import('./app/admin/accounts/AccountsPage'));
const AccountCreate = lazy(() => import('./app/admin/accounts/AccountCreate'));
const AccountDetail = lazy(() => import('./app/admin/accounts/AccountDetail'));
const ApiKeys = lazy(() => import('./app/admin/api-keys/ApiKeysPage'));
const Audit = lazy(() => import('./app/admin/audit/AuditPage'));
const Categories = lazy(() => import('./app/admin/feedback-settings/CategoriesPage'));
const CategoryEdit = lazy(() => import('./app/admin/feedback-settings/CategoryEdit'));
const RoutingRules = lazy(() => import('./app/admin/feedback-settings/RoutingRulesPage'));
const Holidays = lazy(() => import('./app/admin/feedback-settings/HolidaysPage'));
const Catalog = lazy(() => import('./app/catalog/CatalogPage'));
const CatalogService = lazy(() => import('./app/catalog/ServicePage'));
const CatalogGuide = lazy(() => import('./app/catalog/GuidePage'));
const CatalogAdmin = lazy(() => import('./app/admin/catalog/CatalogAdmin'));
const CatalogServiceEdit = lazy(() => import('./app/admin/catalog/ServiceEdit'));
const CatalogGuideEdit = lazy(() => import('./app/admin/catalog/GuideEdit'));
const Teams = lazy(() => import('./app/teams/TeamsPage'));
const Team = lazy(() => import('./app/teams/TeamPage'));
const TeamActivity = lazy(() => import('./app/teams/ActivityPage'));
const Support = lazy(() => import('./app/support/SupportPage'));
const SupportAsk = lazy(() => import('./app/support/AskPage'));
const SupportQuestion = lazy(() => import('./app/support/QuestionPage'));
const Campaigns = lazy(() => import('./app/campaigns/CampaignsPage'));
const Campaign = lazy(() => import('./app/campaigns/CampaignPage'));
const CampaignEdit = lazy(() => import('./app/campaigns/CampaignEditPage'));
const Households = lazy(() => import('./app/campaigns/HouseholdsPage'));
const IndicatorEntry = lazy(() => import('./app/indicators/EntryPage'));
const Verify = lazy(() => import('./app/certificates/VerifyPage'));
const MyCertificates = lazy(() => import('./app/certificates/MyCertificatesPage'));
const CertificatesAdmin = lazy(() => import('./app/certificates/CertificatesAdminPage'));
const Training = lazy(() => import('./app/training/SessionsPage'));
const TrainingSession = lazy(() => import('./app/training/SessionPage'));
const TrainingMine = lazy(() => import('./app/training/MyRegistrationsPage'));
const TrainingCheckIn = lazy(() => import('./app/training/CheckInPage'));
const TrainingScanner = lazy(() => import('./app/training/ScannerPage'));
const TrainingManage = lazy(() => import('./app/training/ManagePage'));
const TrainingEdit = lazy(() => import('./app/training/SessionEditPage'));
const TrainingProjector = lazy(() => import('./app/training/ProjectorPage'));
const TrainingAttendance = lazy(() => import('./app/training/AttendancePage'));
const Cameras = lazy(() => import('./app/cameras/CamerasPage'));
const Camera = lazy(() => import('./app/cameras/CameraPage'));
const ManageCameras = lazy(() => import('./app/cameras/ManageCamerasPage'));
const CameraEdit = lazy(() => import('./app/cameras/CameraEditPage'));
// Bình dân học vụ số: the learner's pages register the service worker (lessons read offline); authoring is admin.
const Courses = lazy(() => import('./app/learn/CoursesPage'));
const Course = lazy(() => import('./app/learn/CoursePage'));
const Lesson = lazy(() => import('./app/learn/LessonPage'));
const Quiz = lazy(() => import('./app/learn/QuizPage'));
const MyLearning = lazy(() => import('./app/learn/MyLearningPage'));
const LearnerStats = lazy(() => import('./app/learn/StatsPage'));
// A commune's public figures (issue 12): citizen pages, no sign-in, no chart library.
const Transparency = lazy(() => import('./app/transparency/CommunePicker'));
const CommuneTransparency = lazy(() => import('./app/transparency/TransparencyPage'));
const Dashboard = lazy(() => import('./app/dashboards/DashboardPage'));
const ManageCourses = lazy(() => import('./app/learn/manage/ManageCoursesPage'));
const CourseEdit = lazy(() => import('./app/learn/manage/CourseEditPage'));
const CoursePreview = lazy(() => import('./app/learn/manage/CoursePreviewPage'));
// Official news and alerts: the list and a post are citizen pages; the editor is for administrators.
const News = lazy(() => import('./app/news/NewsPage'));
const NewsPost = lazy(() => import('./app/news/PostPage'));
const NewsManage = lazy(() => import('./app/news/ManagePage'));
// The team member's offline app (service worker, outbox): its own chunks, never loaded by citizen pages.
const FieldLayout = lazy(() => import('./app/field/FieldLayout'));
const FieldHome = lazy(() => import('./app/field/FieldHome'));
const NewActivity = lazy(() => import('./app/field/RecordPage').then((m) => ({ default: m.NewActivityPage })));
const EditActivity = lazy(() => import('./app/field/RecordPage').then((m) => ({ default: m.EditActivityPage })));

/** Every page of the app. Declarative routes: the data router would add ~16 kB gzipped that nothing here uses. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="sign-in" element={<SignIn />} />
        <Route path="map" element={<MapPage />} />
        <Route path="units/:code" element={<UnitPage />} />
        <Route path="account" element={<Profile />} />
        {feedbackRoutes}
        <Route path="admin" element={<AdminHome />} />
        <Route path="admin/units" element={<AdminUnits />} />
        <Route path="admin/units/:code" element={<AdminUnits />} />
        <Route path="admin/handling-units" element={<HandlingUnits />} />
        <Route path="admin/handling-units/new" element={<HandlingUnitEdit />} />
        <Route path="admin/handling-units/:id" element={<HandlingUnitEdit />} />
        <Route path="admin/accounts" element={<Accounts />} />
        <Route path="admin/accounts/new" element={<AccountCreate />} />
        <Route path="admin/accounts/:id" element={<AccountDetail />} />
        <Route path="admin/api-keys" element={<ApiKeys />} />
        <Route path="admin/audit" element={<Audit />} />
        <Route path="admin/categories" element={<Categories />} />
        <Route path="admin/categories/new" element={<CategoryEdit />} />
        <Route path="admin/categories/:id" element={<CategoryEdit />} />
        <Route path="admin/routing-rules" element={<RoutingRules />} />
        <Route path="admin/holidays" element={<Holidays />} />
        <Route path="catalog" element={<Catalog />} />
        <Route path="catalog/:slug" element={<CatalogService />} />
        <Route path="catalog/guides/:id" element={<CatalogGuide />} />
        <Route path="admin/catalog" element={<CatalogAdmin />} />
        <Route path="admin/catalog/new" element={<CatalogServiceEdit />} />
        <Route path="admin/catalog/:slug" element={<CatalogServiceEdit />} />
        <Route path="admin/catalog/:slug/guides/new" element={<CatalogGuideEdit />} />
        <Route path="admin/catalog/guides/:id" element={<CatalogGuideEdit />} />
        <Route path="teams" element={<Teams />} />
        <Route path="teams/activity" element={<TeamActivity />} />
        <Route path="teams/:id" element={<Team />} />
        <Route path="support" element={<Support />} />
        <Route path="support/ask" element={<SupportAsk />} />
        <Route path="support/:id" element={<SupportQuestion />} />
        <Route path="campaigns" element={<Campaigns />} />
        <Route path="campaigns/new" element={<CampaignEdit />} />
        <Route path="campaigns/:id" element={<Campaign />} />
        <Route path="campaigns/:id/edit" element={<CampaignEdit />} />
        <Route path="households" element={<Households />} />
        <Route path="indicators/entry" element={<IndicatorEntry />} />
        <Route path="verify" element={<Verify />} />
        <Route path="verify/:serial" element={<Verify />} />
        <Route path="certificates" element={<MyCertificates />} />
        <Route path="admin/certificates" element={<CertificatesAdmin />} />
        <Route path="tap-huan" element={<Training />} />
        <Route path="tap-huan/cua-toi" element={<TrainingMine />} />
        <Route path="tap-huan/diem-danh" element={<TrainingCheckIn />} />
        <Route path="tap-huan/quet" element={<TrainingScanner />} />
        <Route path="tap-huan/quan-ly" element={<TrainingManage />} />
        <Route path="tap-huan/moi" element={<TrainingEdit />} />
        <Route path="tap-huan/:id" element={<TrainingSession />} />
        <Route path="tap-huan/:id/sua" element={<TrainingEdit />} />
        <Route path="tap-huan/:id/diem-danh" element={<TrainingAttendance />} />
        <Route path="tap-huan/:id/sites/:siteId/qr" element={<TrainingProjector />} />
        <Route path="cameras" element={<Cameras />} />
        <Route path="cameras/quan-ly" element={<ManageCameras />} />
        <Route path="cameras/moi" element={<CameraEdit />} />
        <Route path="cameras/:id" element={<Camera />} />
        <Route path="cameras/:id/sua" element={<CameraEdit />} />
        <Route path="learn" element={<Courses />} />
        <Route path="learn/mine" element={<MyLearning />} />
        <Route path="learn/stats" element={<LearnerStats />} />
        <Route path="dashboard" element={<Dashboard />} />
        <Route path="dashboard/:unitCode" element={<Dashboard />} />
        <Route path="learn/manage" element={<ManageCourses />} />
        <Route path="learn/manage/:id" element={<CourseEdit />} />
        <Route path="learn/manage/:id/preview" element={<CoursePreview />} />
        <Route path="learn/:id" element={<Course />} />
        <Route path="learn/:id/lessons/:lessonId" element={<Lesson />} />
        <Route path="learn/:id/quiz" element={<Quiz />} />
        <Route path="news" element={<News />} />
        <Route path="news/manage" element={<NewsManage />} />
        <Route path="news/:id" element={<NewsPost />} />
        <Route path="transparency" element={<Transparency />} />
        <Route path="transparency/:code" element={<CommuneTransparency />} />
        <Route path="field" element={<FieldLayout />}>
          <Route index element={<FieldHome />} />
          <Route path="new" element={<NewActivity />} />
          <Route path="activities/:id" element={<EditActivity />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
