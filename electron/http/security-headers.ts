// The headers every answer of the web mode and of the provincial server carries (the web mode adds
// its page's Content-Security-Policy and Referrer-Policy).

/** Never cached (answers hold data a shared cache must not keep), never content-sniffed. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};
