// The sample's browser page: the Snowplow browser tracker, told by the visitor's consent choice how
// anonymous to be, as the server-side filter is told by the same cookie.
import { newTracker, trackPageView } from '@snowplow/browser-tracker';

function consent() {
  const match = document.cookie.match(/(?:^|;\s*)sp_consent=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : 'none';
}

function anonymousTracking(choice) {
  if (choice === 'all') {
    return false;
  }
  if (choice === 'session') {
    return { withSessionTracking: true };
  }
  return { withServerAnonymisation: true };
}

export function start(collector, next, choice) {
  if (choice) {
    document.cookie = 'sp_consent=' + choice + '; path=/; max-age=31536000; SameSite=Lax';
  }
  let navigated = false;
  const goOn = () => {
    if (next && !navigated) {
      navigated = true;
      window.location.href = next;
    }
  };
  newTracker('sp', collector, {
    appId: 'sample-shop-browser',
    platform: 'web',
    eventMethod: 'post',
    bufferSize: 1,
    cookieSecure: false,
    cookieSameSite: 'Lax',
    stateStorageStrategy: 'cookie',
    anonymousTracking: anonymousTracking(consent()),
    contexts: { webPage: true },
    onRequestSuccess: goOn,
    onRequestFailure: goOn,
  });
  trackPageView();
}
