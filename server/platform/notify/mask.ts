/** A recipient as the logs may show it: the last 3 characters of a phone, the first letter and domain of an e-mail. */
export function maskRecipient(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to[0]}***${to.slice(at)}`;
  return `*******${to.slice(-3)}`;
}
