/**
 * The service worker's cache of the signed-in member's own answers (session, activities, team). Emptied when anyone
 * signs in or out, so the next person on the same phone never reads the last one's data offline. (The outbox in
 * IndexedDB is keyed by account and stays: a member's unsent activities wait for them.)
 */
export async function forgetMemberCache() {
  if (typeof caches === 'undefined') return;
  await caches.delete('xaso-member').catch(() => false);
}
