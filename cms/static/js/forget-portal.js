// On a page for someone signed out: take away the ambassadors' log form that the portal's
// service worker kept for use with no signal (ambassadors/offline.py), so the next person on
// a shared phone does not get it. Logs still waiting to be sent stay on the phone, for their
// own ambassador only, until that ambassador signs in again.
"use strict";
if (window.caches) {
  window.caches.keys().then(function (names) {
    names.filter(function (name) { return name.indexOf("ambassadors-portal-") === 0; })
      .forEach(function (name) { window.caches.delete(name); });
  });
}
