import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { rolesOf, useMe, useSignOut } from '../../api/auth';
import { api } from '../../api/client';
import {
  AdminIcon,
  CalendarIcon,
  CameraIcon,
  FeedbackIcon,
  GlobeIcon,
  GuideIcon,
  HomeIcon,
  LearnIcon,
  LogoMark,
  MapIcon,
  QuestionIcon,
  UserIcon,
} from '../../components/icons';
import { Loading } from '../../components/ui';
import { type Lang, setLang } from '../../i18n';
import { NotificationBell } from '../feedback/notifications/Bell';
import { adminEntriesFor, NETWORK_ROLES } from './nav';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const next: Lang = i18n.language === 'en' ? 'vi' : 'en';
  const toggle = async () => {
    await setLang(next);
    // Remember it on the account too, so messages sent later (SMS, e-mail) use it; a failure changes nothing here.
    if (me.data) api('/api/auth/me', { method: 'PATCH', body: { locale: next } }).catch(() => {});
  };
  return (
    <button type="button" className="header-btn" onClick={toggle} lang={next}>
      <GlobeIcon />
      <span aria-hidden="true">{t('lang.short')}</span>
      <span className="visually-hidden">{t('lang.switchTo')}</span>
    </button>
  );
}

function initials(name: string) {
  const parts = name
    .replace(/\(.*\)/, '')
    .trim()
    .split(/\s+/);
  return (parts.length > 1 ? parts[parts.length - 1][0] : (parts[0]?.[0] ?? '?')).toUpperCase();
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (!me.data) {
    return (
      <Link to="/sign-in" className="header-btn header-signin">
        <UserIcon />
        <span>{t('nav.signIn')}</span>
      </Link>
    );
  }
  const name = me.data.user.fullName;
  return (
    <div className="user-menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="header-btn"
        aria-expanded={open}
        aria-controls="user-menu-list"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {name.trim() ? initials(name) : <UserIcon />}
        </span>
        <span className="visually-hidden">{t('nav.userMenu', { name: name.trim() || me.data.user.phone || '' })}</span>
      </button>
      {open && (
        <div id="user-menu-list" className="menu">
          <p className="menu-name">{name.trim() || me.data.user.phone}</p>
          <Link to="/account" className="menu-item" onClick={() => setOpen(false)}>
            {t('nav.profile')}
          </Link>
          <Link to="/certificates" className="menu-item" onClick={() => setOpen(false)}>
            {t('nav.myCertificates')}
          </Link>
          <button
            type="button"
            className="menu-item"
            onClick={() =>
              signOut.mutate(undefined, {
                onSettled: () => {
                  setOpen(false);
                  navigate('/');
                },
              })
            }
          >
            {t('nav.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Header, navigation (sidebar on wide screens, tab bar on phones) and the page. */
export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const roles = rolesOf(me.data);
  const admin = adminEntriesFor(roles);
  const first = useRef(true);

  // After navigating, move focus to the new page's heading so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = setTimeout(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      (h1 ?? document.getElementById('main'))?.focus({ preventScroll: false });
    }, 50);
    return () => clearTimeout(id);
  }, [location.pathname]);

  const primary = [
    { to: '/', label: t('nav.home'), icon: HomeIcon, end: true },
    { to: '/feedback', label: t('nav.feedback'), icon: FeedbackIcon, end: false },
    { to: '/catalog', label: t('nav.catalog'), icon: GuideIcon, end: false },
    { to: '/learn', label: t('nav.learn'), icon: LearnIcon, end: false },
    { to: '/map', label: t('nav.map'), icon: MapIcon, end: false },
    { to: '/tap-huan', label: t('nav.training'), icon: CalendarIcon, end: false },
    { to: '/cameras', label: t('nav.cameras'), icon: CameraIcon, end: false },
  ];
  // The support network (hỏi đáp) for its members: on a phone it takes the map's tab (the map stays on the home page).
  const inNetwork = NETWORK_ROLES.some((r) => roles.has(r));
  if (inNetwork) primary.splice(3, 0, { to: '/support', label: t('nav.support'), icon: QuestionIcon, end: false });
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <LogoMark />
          <span>{t('app.name')}</span>
        </Link>
        <div className="header-actions">
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <div className="frame">
        <nav className="sidebar" aria-label={t('nav.main')}>
          <ul>
            {primary.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className="side-link">
                  <item.icon />
                  <span>{item.label}</span>
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/account" className="side-link">
                <UserIcon />
                <span>{t('nav.account')}</span>
              </NavLink>
            </li>
          </ul>
          {admin.length > 0 && (
            <>
              <h2 className="side-heading">{t('nav.admin')}</h2>
              <ul>
                {admin.map((e) => (
                  <li key={e.to}>
                    <NavLink to={e.to} className="side-link">
                      <e.icon />
                      <span>{t(e.key)}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <nav className="tabbar" aria-label={t('nav.main')}>
        {/*
          Five tabs fit a phone: with the admin tab, the catalog is reached from the home page and the menu; with the
          support network's tab, the map is.
        */}
        {primary
          .filter((item) => !(admin.length > 0 && item.to === '/catalog'))
          .filter((item) => !(inNetwork && item.to === '/map'))
          // Training is reached from the sidebar, the home page's links and the QR codes themselves.
          .filter((item) => item.to !== '/tap-huan')
          // Courses are reached from the home page and the sidebar: five tabs fit a phone.
          .filter((item) => item.to !== '/learn')
          // Cameras are reached from the home page and the sidebar.
          .filter((item) => item.to !== '/cameras')
          .map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className="tab">
              <item.icon />
              <span>{item.label}</span>
            </NavLink>
          ))}
        {admin.length > 0 && (
          <NavLink to="/admin" className="tab">
            <AdminIcon />
            <span>{t('nav.admin')}</span>
          </NavLink>
        )}
        <NavLink to="/account" className="tab">
          <UserIcon />
          <span>{t('nav.account')}</span>
        </NavLink>
      </nav>
    </div>
  );
}
