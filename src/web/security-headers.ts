import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers with a stricter Content-Security-Policy: scripts and styles only from our own
 * static route (no inline code, no CDN), no framing, forms only to ourselves. `upgrade-insecure-requests`
 * only when Tailor is served over https: on a plain-http laptop it would send the browser's stylesheet,
 * script and form requests to an https port nobody listens on.
 */
export function securityHeaders(options: { isHttps: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': options.isHttps ? [] : null,
      },
    },
    // The personal link carries a token in its path: no page of ours ever sends a Referer.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.isHttps,
  });
}
