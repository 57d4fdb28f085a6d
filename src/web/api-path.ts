/**
 * Whether a request path is the API's. Express matches routes case-insensitively, so `/API/v1/me`
 * reaches the API's handlers; the error format and the CSRF exemption must agree with that.
 */
export function isApiPath(path: string): boolean {
  return /^\/api\//i.test(path);
}
