/* The ambassadors' portal service worker (served by ambassadors.offline.service_worker).

   It keeps the app shell, the log form page and the files it loads, so the form opens with no
   signal. Pages of the portal are fetched from the network first; with no network, the log
   form comes from the cache instead. It keeps no other page and no answer of the server's:
   the logs waiting to be sent are the page script's (outreach-offline.js), not this file's. */
"use strict";

const CONFIG = {{ config|safe }};
const PREFIX = "ambassadors-portal-";
const CACHE = PREFIX + CONFIG.version;

// The log form page is cached only when it really is the form: not a sign-in page after a
// redirect, not a refusal. A page that is not the form any more takes the cached one away.
async function keepForm(cache, response) {
  if (response.ok && !response.redirected) {
    await cache.put(CONFIG.formUrl, response.clone());
  } else {
    await cache.delete(CONFIG.formUrl);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CONFIG.shell);
    await keepForm(cache, await fetch(CONFIG.formUrl, { credentials: "same-origin" }));
    await self.skipWaiting();
  })());
});

// A new version (a deploy changed the shell) replaces the old caches.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(
      names.filter((name) => name.startsWith(PREFIX) && name !== CACHE)
        .map((name) => caches.delete(name))
    );
    await self.clients.claim();
  })());
});

async function portalPage(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (url.pathname === CONFIG.formUrl) {
      await keepForm(cache, response);
    }
    return response;
  } catch (offline) {
    const form = await cache.match(CONFIG.formUrl);
    if (!form) {
      throw offline;
    }
    // Any portal page opened with no signal leads to the form, which works offline.
    return url.pathname === CONFIG.formUrl ? form : Response.redirect(CONFIG.formUrl, 303);
  }
}

async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && url.pathname.startsWith(CONFIG.scope)) {
    event.respondWith(portalPage(request, url));
  } else if (CONFIG.shell.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});
