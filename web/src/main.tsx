import './i18n';
import './styles.css';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useNavigate } from 'react-router';
import { meKey } from './api/auth';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { prefetchFirstPage } from './prefetch';
import { AppRoutes } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a dropped 3G connection might.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

/** A 401 on any request means the session is gone: forget the user and go to the sign-in page, then come back. */
function SessionWatch() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      qc.setQueryData(meKey, null);
      const { pathname, search } = window.location;
      if (!pathname.startsWith('/sign-in')) {
        navigate(`/sign-in?expired=1&next=${encodeURIComponent(pathname + search)}`, { replace: true });
      }
    });
  }, [navigate, qc]);
  return null;
}

prefetchFirstPage(queryClient, window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionWatch />
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
