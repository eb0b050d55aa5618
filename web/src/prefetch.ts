import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from './api/auth';
import { publicReportQuery } from './api/feedback';

/**
 * What the opened page needs first, asked for before React has drawn anything: who is signed in (the header, and
 * the pages that need a user, wait for it) and a public report's text. Otherwise each request starts only once
 * the component that uses it is mounted, a round trip later on 3G. The components' own queries pick the answers up.
 */
export function prefetchFirstPage(queryClient: QueryClient, path: string) {
  void queryClient.prefetchQuery(meQuery);
  const report = /^\/public\/reports\/([^/]+)\/?$/.exec(path);
  if (report) void queryClient.prefetchQuery(publicReportQuery(decodeURIComponent(report[1])));
}
